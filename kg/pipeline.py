"""The extraction pipeline for one document: ingest -> NER -> resolution -> relations.

``extract_document`` is a pure function of one document, so the same function runs in worker processes or on a
cluster. ``extract_many`` is the one way from files to extractions of ``kg extract`` and of a build's workers: a
batch of files is ingested, recognised in one ``nlp.pipe`` pass (the entity CRF decodes the batch in one loop, each
document's labels those it gets alone) and linked report by report; each file gives its Extraction or a Failed
naming it. ``extract_paths`` raises the first failure, a build skips the file (kg.build).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import islice
from pathlib import Path
from typing import TypeVar

from spacy.language import Language

from kg.errors import InputError
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

__all__ = ["Failed", "extract_document", "extract_many", "extract_paths", "link"]
T = TypeVar("T")
BATCH = 16  # files recognised in one pass: the learned layer decodes 16 documents a loop (kg.nlp.crf)


@dataclass(frozen=True, slots=True)
class Failed:
    """A file that gave no extraction: the exception, an InputError for a file that cannot be read or any other
    for a bug one document triggered (``detail``: its traceback), and the file it names."""

    path: str
    error: Exception
    detail: str = ""

    @property
    def problem(self) -> str:
        """What is wrong, in one line: the reader's words, or an internal error to report."""
        if isinstance(self.error, InputError):
            return self.error.problem
        return f"internal error, please report it ({type(self.error).__name__}: {self.error})"

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


def guarded(path: str | Path, work: Callable[[], T]) -> T | Failed:
    """``work()``, or the Failed naming ``path`` (or the file an InputError names) when it raises: a bug one
    document triggers must not end a batch of thousands."""
    try:
        return work()
    except InputError as error:
        return Failed(error.path, error)
    except Exception as exc:
        return Failed(str(path), exc, traceback.format_exc())


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


def extract_many(paths: Iterable[str | Path], nlp: Language | None = None, batch: int = BATCH
                 ) -> Iterator[Extraction | Failed]:
    """Per file of ``paths``, in order, its Extraction or the Failed naming it, ``batch`` files at a time: the
    readable ones recognised in one pass, then each linked on its own, so a file that cannot be read or a report
    that breaks its linking costs only itself. Should the joint pass raise (a bug one report triggers inside
    ``nlp.pipe``, a pipeline that cannot load), each report of the batch is recognised alone. A document's
    mentions do not depend on its batch (kg.nlp.crf.CRFModel.tag_many): the output is the same at any ``batch``."""
    paths = iter(paths)

    @cache
    def weights() -> Path | None:
        """The learned layers' folder, looked up once, when the first report is linked (not before: a pipeline
        that cannot load fails each report, as recognition does)."""
        return learned_weights_of(nlp or load_pipeline())

    while chunk := list(islice(paths, batch)):
        documents = [guarded(path, lambda path=path: ingest(path)) for path in chunk]
        readable = [(path, document) for path, document in zip(chunk, documents, strict=True)
                    if not isinstance(document, Failed)]
        try:
            found = dict(zip([id(document) for _, document in readable],
                             _recognized([document for _, document in readable], nlp), strict=True))
        except Exception:  # each report alone: the one that breaks the pass fails, the others go on
            found = {id(document): guarded(path, lambda document=document: _recognized([document], nlp)[0])
                     for path, document in readable}
        for path, document in zip(chunk, documents, strict=True):
            mentions = document if isinstance(document, Failed) else found[id(document)]
            if isinstance(mentions, Failed):
                yield mentions
                continue
            with gc_paused():  # see kg.parallel.gc_paused
                extraction = guarded(path, lambda document=document, mentions=mentions:
                                     link(document, mentions, weights()))
            yield extraction


def _recognized(documents: list[Document], nlp: Language | None) -> list[list[Mention]]:
    """The mentions of ``documents``, recognised in one pass."""
    return [mentions for _, mentions in recognize(documents, nlp or load_pipeline())]


def extract_paths(paths: Iterable[str | Path], nlp: Language | None = None) -> Iterator[Extraction]:
    """Extract every file in ``paths`` (already expanded to files), in order, one pipeline for all; the first file
    that fails raises its error (an InputError naming it, or the bug)."""
    for outcome in extract_many(paths, nlp):
        if isinstance(outcome, Failed):
            raise outcome.error
        yield outcome
