"""Named-entity recognition: a spaCy pipeline over each document's folded text (``Document.norm``).

``recognize`` streams documents through ``nlp.pipe`` and returns mentions whose offsets and surface forms refer
to the original text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from kg.model import Document, Mention
from kg.nlp.components import SPAN_KEY
from kg.nlp.pipeline import load_pipeline

__all__ = ["load_pipeline", "recognize", "recognize_one"]


def recognize(documents: Iterable[Document], nlp: Language | None = None) -> Iterator[tuple[Document, list[Mention]]]:
    """Each document's mentions, the documents run through the pipeline in batches: every document's mentions are
    those it gets alone (the learned layer decodes a batch together, each piece on its own:
    kg.nlp.crf.CRFModel.tag_many)."""
    nlp = nlp or load_pipeline()
    for doc, document in nlp.pipe(((d.norm, d) for d in documents), as_tuples=True):
        yield document, _mentions(document, doc)


def recognize_one(document: Document, nlp: Language | None = None) -> list[Mention]:
    return next(recognize([document], nlp))[1]


def _mentions(document: Document, doc) -> list[Mention]:
    mentions = []
    for span in doc.spans[SPAN_KEY]:
        start, end = span.start_char, span.end_char
        mentions.append(
            Mention(
                start=start,
                end=end,
                label=span.label_,
                text=document.text[start:end],
                norm=document.norm[start:end],
                source=span.id_,
                confidence=span._.confidence,
                kb_id=span.kb_id_,
            )
        )
    return mentions
