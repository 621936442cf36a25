"""Build the spaCy pipeline from kg/resources/nlp/pipeline.cfg, once per process.

The statistical component's weights ship in kg/resources/nlp/entity_tagger (made by ``kg train``); the pipeline
refuses to start without them rather than run an untrained tagger.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.util import load_config

import kg.nlp.components
import kg.nlp.corpus_names
import kg.nlp.statistical
import kg.nlp.tokenizer  # noqa: F401  (registers the tokenizer and the components)
from kg.resources import RESOURCE_DIR, resource_path

TAGGER = "govkg_entity_tagger"
LEARNED = "govkg_learned_entities"
CORPUS_NAMES = "govkg_corpus_names"


def learned_dir() -> Path:
    """The shipped weights of the learned layers: entity_crf/, author_model/, relation_model/ (`kg train`)."""
    return RESOURCE_DIR / "nlp"


def learned_entity_weights() -> Path:
    return learned_dir() / "entity_crf"


def learned_weights_of(nlp: Language) -> Path | None:
    """The folder of the learned layers a pipeline runs with (the entity CRF's, the author ranker and relation
    model beside it), or None for the rules alone."""
    if LEARNED not in nlp.pipe_names:
        return None
    return nlp.get_pipe(LEARNED).path.parent


def tagger_weights() -> Path:
    return RESOURCE_DIR / "nlp" / "entity_tagger"


@cache
def load_pipeline(
    statistical: bool = False,
    trained: bool = True,
    prefer_model: bool = False,
    weights: Path | None = None,
    learned: bool = True,
    learned_weights: Path | None = None,
) -> Language:
    """The NER pipeline: rules, then (``statistical``) the trained tagger filling the rules' gaps.

    The tagger is off by default: on the dev gold it adds nothing to the rules and it runs ~80x slower than
    they do (docs/decisions.md, "Statistical NER"); ``kg extract --statistical`` turns it on (needs torch).
    ``trained=False`` leaves the tagger unloaded. ``prefer_model`` lets the tagger's spans replace the rule spans of
    its types that they overlap (better out of the genre, see ``kg eval --cluener``). ``weights``: a tagger
    trained elsewhere (``kg train --out``) instead of the shipped one. ``learned`` (the default) adds the learned layers
    trained on the annotation corpus: the CRF entity layer (kg/nlp/crf.py) and, in ``kg.pipeline.link``, the
    relation classifier (kg/relations/learned.py); ``learned=False`` is the rules alone (docs/decisions.md §16).
    """
    nlp = untrained_pipeline({"components.govkg_entity_tagger.prefer_model": prefer_model}, learned=learned)
    if learned:
        nlp.get_pipe(LEARNED).from_disk(learned_weights or learned_entity_weights())
    if not statistical:
        nlp.remove_pipe(TAGGER)
    elif trained:
        nlp.get_pipe(TAGGER).from_disk(weights or tagger_weights())
    return nlp


def untrained_pipeline(overrides: dict | None = None, learned: bool = False) -> Language:
    """A fresh pipeline with an uninitialised tagger, and with the learned entity layer (unloaded) only when
    ``learned``; ``overrides`` are dotted config paths (for experiments)."""
    config = load_config(resource_path("nlp/pipeline.cfg"), overrides=overrides or {})
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    if not learned:
        nlp.remove_pipe(LEARNED)
        nlp.remove_pipe(CORPUS_NAMES)  # the corpus's names are what the learned pipeline recognised
    else:  # the learned layer sets doc.ents from every span after the rules (kg.nlp.crf._set_annotations)
        nlp.get_pipe("govkg_rules").set_ents = False
    return nlp
