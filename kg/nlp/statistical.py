"""The statistical NER layer as a spaCy component: ``govkg_entity_tagger`` runs the character BiLSTM-CRF of
kg/nlp/bilstm_crf.py (trained here by ``kg train``, weights in kg/resources/nlp/entity_tagger) over each doc after
the rules, writes its BIO tags to ``token.tag_`` and adds its entities to ``doc.spans["govkg"]``.

Why it only fills gaps by default: on the genre the rules are precise (dev gold F1 0.96), so the model adds spans
where no rule span lies or touches; out of the genre (CLUENER2020) the rules are weak and the model is better, so
``prefer_model`` lets the model's spans of its four types replace overlapping rule spans (``kg eval --cluener``
scores both policies).

torch is imported only when the component is loaded, so the rules-only pipeline starts without it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
from spacy.attrs import TAG
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, minibatch

from kg.errors import ResourceError
from kg.nlp.components import SPAN_KEY
from kg.nlp.rules.agencies import names_a_kind

MODEL_SOURCE = "model.tagger"


SENTENCE_END = re.compile(r"[。！？；!?;\n]+")


def sentence_pieces(text: str, max_length: int) -> list[tuple[int, int]]:
    """(start, end) of the non-blank sentences of a text, cut again where longer than ``max_length``."""
    pieces, start = [], 0
    for match in [*SENTENCE_END.finditer(text), None]:
        end = match.end() if match else len(text)
        for cut in range(start, end, max_length):
            if text[cut : min(end, cut + max_length)].strip():
                pieces.append((cut, min(end, cut + max_length)))
        start = end
    return pieces


def rule_tags(doc: Doc) -> list[str]:
    """The rule layer's outermost entities (``doc.ents``) as one BIO tag per character token."""
    tags = ["O"] * len(doc)
    for ent in doc.ents:
        tags[ent.start] = f"B-{ent.label_}"
        for i in range(ent.start + 1, ent.end):
            tags[i] = f"I-{ent.label_}"
    return tags


def bio_spans(tags: list[str], scores: np.ndarray | None = None) -> list[tuple[int, int, str, float]]:
    """(start, end, label, confidence) of the entities in a BIO tag sequence; a stray I- opens an entity."""
    spans: list[tuple[int, int, str, float]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        kind, _, name = tag.partition("-")
        continues = kind == "I" and name == label and start >= 0
        if start >= 0 and not continues:
            conf = float(scores[start:i].min()) if scores is not None else 1.0
            spans.append((start, i, label, conf))
            start, label = -1, ""
        if kind in ("B", "I") and not continues:
            start, label = i, name
    return spans


def tagged_spans(doc: Doc, labels: Iterable[str] | None = None) -> list[tuple[int, int, str]]:
    """The model's own entities in a processed doc (its BIO tags), whatever the rules found."""
    wanted = set(labels) if labels is not None else None
    return [
        (s, e, label) for s, e, label, _ in bio_spans([t.tag_ or "O" for t in doc]) if wanted is None or label in wanted
    ]


class EntityTagger(Pipe):
    """Runs the BiLSTM-CRF over batches of docs and merges its spans with the rules' (see the module docstring).

    A model span joins ``doc.spans["govkg"]`` (rule ``model.tagger``, confidence = the lowest CRF marginal of its
    tags) when its label is one of ``labels``, it is at least two characters long and its confidence reaches
    ``min_confidence``; ``doc.ents`` follows. Filling gaps, it adds no agency that only names a kind of body
    (政府, 党组, 工作领导小组: the rules' own lists), as the genre's annotations never do.
    """

    def __init__(
        self, name: str, *, labels: list[str], min_confidence: float, prefer_model: bool, batch_size: int
    ) -> None:
        self.name = name
        self.entity_labels = tuple(labels)
        self.min_confidence = min_confidence
        self.prefer_model = prefer_model
        self.batch_size = batch_size
        self.max_piece = 160  # characters: CLUENER sentences are at most 50, report sentences rarely above 150
        self.pieces_per_batch = 256
        self.model = None  # a kg.nlp.bilstm_crf.Tagger once loaded

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, stream: Iterable[Doc], *, batch_size: int | None = None) -> Iterator[Doc]:
        """Tag docs in batches of sentence-sized pieces: the model learnt on sentences, and short pieces of
        similar length keep the LSTM and CRF loops short and the batches dense whatever the document length."""
        if self.model is None:
            raise ResourceError(Path(self.name), None, "the statistical NER model is not loaded (from_disk)")
        from kg.nlp.bilstm_crf import collate

        vocab = self.model.vocab
        for docs in minibatch(stream, size=batch_size or self.batch_size):
            texts = {id(doc): doc.text for doc in docs}  # doc.text joins the tokens anew on every call
            pieces = [(doc, s, e) for doc in docs for s, e in sentence_pieces(texts[id(doc)], self.max_piece)]
            pieces.sort(key=lambda piece: piece[2] - piece[1])
            ruled = {id(doc): rule_tags(doc) for doc in docs}
            tags = {id(doc): ["O"] * len(doc) for doc in docs}
            probs = {id(doc): np.ones(len(doc), dtype=np.float32) for doc in docs}
            for k in range(0, len(pieces), self.pieces_per_batch):
                chunk = pieces[k : k + self.pieces_per_batch]
                encoded = [vocab.encode(texts[id(doc)][s:e], ruled[id(doc)][s:e]) for doc, s, e in chunk]
                for (doc, s, e), (path, prob) in zip(chunk, self.model.predict(collate(encoded)), strict=True):
                    tags[id(doc)][s:e] = [vocab.tags[i] for i in path]
                    probs[id(doc)][s:e] = prob
            for doc in docs:
                self.set_annotations(doc, tags[id(doc)], probs[id(doc)])
            yield from docs

    def set_annotations(self, doc: Doc, tags: list[str], probs: np.ndarray) -> None:
        strings = doc.vocab.strings
        doc.from_array([TAG], np.array([strings.add(tag) for tag in tags], dtype=np.uint64))
        rule_spans = list(doc.spans.get(SPAN_KEY, []))
        added = []
        for start, end, label, conf in bio_spans(tags, probs):
            if label not in self.entity_labels or end - start < 2 or conf < self.min_confidence:
                continue
            if not self.prefer_model and label == "Agency" and names_a_kind(doc[start:end].text):
                continue  # the genre's conventions, which the rules follow: 政府 alone names no body
            span = Span(doc, start, end, label=label, span_id=MODEL_SOURCE)
            span._.confidence = round(conf, 3)
            added.append(span)
        if not added:
            return
        ents = list(doc.ents)
        if self.prefer_model:
            # the model's spans replace the rule spans of its types that overlap them; other rule spans stay
            def displaced(rule: Span) -> bool:
                return rule.label_ in self.entity_labels and any(
                    a.start < rule.end and rule.start < a.end for a in added
                )

            rule_spans = [s for s in rule_spans if not displaced(s)]
            ents = [e for e in ents if not displaced(e)]
            kept = added
        else:
            # a rule span's characters and the characters touching it: a model span there is a fragment of what
            # the rule found (府 after 区政), not a new entity
            taken = np.zeros(len(doc), dtype=bool)
            for span in rule_spans:
                taken[max(0, span.start - 1) : span.end + 1] = True
            kept = [span for span in added if not taken[span.start : span.end].any()]
        doc.spans[SPAN_KEY] = sorted([*rule_spans, *kept], key=lambda s: (s.start, -len(s)))
        doc.ents = filter_spans([*ents, *kept])

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> EntityTagger:
        """Load the weights ``kg train`` wrote (saving is train's job: kg.nlp.bilstm_crf.save)."""
        path = Path(path)
        try:
            from kg.nlp import bilstm_crf
        except ImportError as exc:
            raise ResourceError(
                path, None, f"the statistical NER needs torch ({exc}): pip install 'govkg[statistical]'"
            ) from exc
        if not bilstm_crf.is_saved(path):
            raise ResourceError(path, None, "the statistical NER weights are missing: run `kg train` to make them")
        self.model = bilstm_crf.load(path)
        return self


@Language.factory(
    "govkg_entity_tagger",
    assigns=["token.tag", "doc.ents", "doc.spans"],
    default_config={
        "labels": ["Agency", "Person", "Place", "Organization"],
        "min_confidence": 0.6,
        "prefer_model": False,
        "batch_size": 64,
    },
)
def make_entity_tagger(
    nlp: Language, name: str, labels: list[str], min_confidence: float, prefer_model: bool, batch_size: int
) -> EntityTagger:
    return EntityTagger(
        name, labels=labels, min_confidence=min_confidence, prefer_model=prefer_model, batch_size=batch_size
    )
