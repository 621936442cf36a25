"""Build the spaCy pipeline from kg/resources/nlp/pipeline.cfg, once per process."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.util import load_config

import kg.nlp.components
import kg.nlp.tokenizer  # noqa: F401  (registers the tokenizer)
from kg.resources import resource_path


@cache
def load_pipeline() -> Language:
    config = load_config(resource_path("nlp/pipeline.cfg"))
    return spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
