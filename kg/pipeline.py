"""The extraction pipeline for one document: ingest -> NER -> resolution -> relations.

``extract_document`` is a pure function of one document, so the same function runs in worker processes or on a
cluster; ``extract_paths`` streams many files through one spaCy pipeline with ``nlp.pipe``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language

from kg.ingest import ingest
from kg.metrics import extract_metrics
from kg.model import Document, Extraction, Mention
from kg.nlp import load_pipeline, recognize
from kg.nlp.pipeline import learned_weights_of
from kg.parallel import gc_paused
from kg.relations import co_signers_act, extract_relations, learned_relations
from kg.resolve import resolve
from kg.resolve.canonical import whole_marks
from kg.resolve.platforms import link_generic_platforms
from kg.resolve.verify import verify_entities

__all__ = ["extract_document", "extract_paths", "link"]


def link(document: Document, mentions: list[Mention], learned: Path | None = None) -> Extraction:
    """Resolution and relations over recognised mentions; ``learned`` (the folder of the learned layers' weights):
    the author ranker chooses the author (kg/resolve/learned_author.py), the entity verifier drops what the
    annotators would not record (kg/resolve/verify.py), generic platform words join the named platform of their
    kind (kg/resolve/platforms.py) and the relation model decides the text relations, with the
    rules' findings among the features of each (kg/relations/learned.py)."""
    report, entities, key_of = resolve(document, mentions, learned)
    if learned:
        entities, key_of = verify_entities(document, entities, key_of, report, learned)
    entities = link_generic_platforms(entities, key_of, report.author_name)  # after the verifier, as it was trained
    relations = extract_relations(document, mentions, key_of, entities, report)
    if learned:
        relations = learned_relations(document, mentions, key_of, entities, report, relations, learned)
    relations = co_signers_act(relations, report)
    metrics = extract_metrics(document, report, mentions, key_of, entities)
    for entity in entities:  # written for readers last: the learned layers read the names as they were trained
        entity.name = whole_marks(entity.name)
    return Extraction(document, report, entities, relations, metrics)


def extract_document(document: Document, nlp: Language | None = None) -> Extraction:
    nlp = nlp or load_pipeline()
    _, mentions = next(recognize([document], nlp))
    return link(document, mentions, learned_weights_of(nlp))


def extract_paths(paths: Iterable[str | Path], nlp: Language | None = None) -> Iterator[Extraction]:
    """Extract every file in ``paths`` (already expanded to files), in order, one pipeline for all."""
    nlp = nlp or load_pipeline()
    learned = learned_weights_of(nlp)
    documents = (ingest(path) for path in paths)
    for document, mentions in recognize(documents, nlp):
        with gc_paused():  # see kg.parallel.gc_paused
            extraction = link(document, mentions, learned)
        yield extraction
