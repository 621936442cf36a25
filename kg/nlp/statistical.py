"""The statistical NER layer: a character BIO tagger (spaCy ``tagger`` over one token per character) whose
features are the character, the two character bigrams around it and the rule layer's own label for it.

Why these features: Chinese NER models gain most from character bigrams (they stand in for the word segmentation
we do not have) and from lexicon matches; the rule layer *is* our lexicon, so its outermost spans (``doc.ents``)
are fed in as a feature and the tagger learns where to trust, extend or ignore them. Everything is computed with
vectorised numpy from ``doc.to_array``, so featurising costs a few microseconds per thousand characters.

``govkg_entity_tagger`` turns the tags into spans and adds them to ``doc.spans["govkg"]`` only where the rules
found nothing (the rules are precise on the genre; the tagger adds recall: unusual bodies, people, organisations).
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE, ORTH
from spacy.language import Language
from spacy.pipeline import Tagger
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.types import Ints2d

from kg.nlp.components import SPAN_KEY

N_FEATURES = 4  # char, bigram with the previous char, bigram with the next char, rule label
_MIX = np.uint64(0x9E3779B97F4A7C15)  # golden-ratio multiplier: distinct pairs give distinct ids after hashing
_EDGE = np.uint64(0x2545F4914F6CDD1D)  # stands for the character before the first / after the last


def char_feature_ids(doc: Doc) -> np.ndarray:
    """(len(doc), 4) uint64 feature ids of every character."""
    arrays = doc.to_array([ORTH, ENT_IOB, ENT_TYPE]).astype(np.uint64)
    orth = arrays[:, 0]
    before = np.empty_like(orth)
    after = np.empty_like(orth)
    if len(orth):
        before[0], before[1:] = _EDGE, orth[:-1]
        after[-1], after[:-1] = _EDGE, orth[1:]
    with np.errstate(over="ignore"):
        rule = arrays[:, 2] * np.uint64(4) + arrays[:, 1]
        return np.stack([orth, before * _MIX ^ orth, orth * _MIX ^ after, rule], axis=1)


@registry.layers("govkg.CharFeatures.v1")
def char_features() -> Model[list[Doc], list[Ints2d]]:
    def forward(model: Model, docs: list[Doc], is_train: bool):
        return [model.ops.asarray2i(char_feature_ids(doc), dtype="uint64") for doc in docs], lambda d: []

    return Model("govkg_char_features", forward)


@registry.architectures("govkg.CharEmbed.v1")
def char_embed(width: int, rows: list[int]) -> Model[list[Doc], list]:
    """Hash embeddings of the four character features, mixed into ``width`` dimensions."""
    if len(rows) != N_FEATURES:
        raise ValueError(f"govkg.CharEmbed.v1 needs {N_FEATURES} row counts, got {len(rows)}")
    tables = [HashEmbed(width, n, column=i, seed=11 + i, dropout=0.0) for i, n in enumerate(rows)]
    return chain(
        char_features(),
        list2ragged(),
        with_array(concatenate(*tables)),
        with_array(Maxout(width, width * N_FEATURES, nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )


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


def tagged_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """The tagger's own entities in a processed doc (its BIO tags), whatever the rules found."""
    return [(s, e, label) for s, e, label, _ in bio_spans([t.tag_ or "O" for t in doc])]


class EntityTagger(Tagger):
    """A spaCy tagger over BIO entity tags that also turns its tags into spans.

    The tagger's spans join ``doc.spans["govkg"]`` (rule ``model.tagger``, confidence = the lowest tag
    probability inside the span) only where no rule span overlaps or touches them, when they open with a B- tag,
    are at least two characters long and the confidence reaches ``min_confidence``; ``doc.ents`` follows.
    """

    def __init__(self, vocab, model, name: str, *, min_confidence: float, **kwargs) -> None:
        super().__init__(vocab, model, name, **kwargs)
        self.min_confidence = min_confidence

    def from_disk(self, path, *, exclude=tuple()):
        """Load weights; the output layer is switched to probabilities (training saves it unnormalised)."""
        super().from_disk(path, exclude=exclude)
        for layer in self.model.walk():
            if "softmax_normalize" in layer.attrs:
                layer.attrs["softmax_normalize"] = True
        return self

    def predict(self, docs):
        if not any(len(doc) for doc in docs):
            return [(self.model.ops.alloc1i(0), np.zeros(0, dtype="f")) for _ in docs]
        scores = self.model.predict(docs)
        return [(self.model.ops.to_numpy(s.argmax(axis=1)), self.model.ops.to_numpy(s.max(axis=1))) for s in scores]

    def set_annotations(self, docs, predictions) -> None:
        labels = self.labels
        for doc, (tag_ids, probs) in zip(docs, predictions, strict=True):
            tags = [labels[i] for i in tag_ids]
            for token, tag in zip(doc, tags, strict=True):
                token.tag_ = tag
            self._add_spans(doc, tags, probs)

    def _add_spans(self, doc: Doc, tags: list[str], probs: np.ndarray) -> None:
        # A rule span's characters and the characters touching it: a tagger span there is a fragment of what
        # the rule found (府 after 区政, a stray I- after it), not a new entity.
        taken = np.zeros(len(doc), dtype=bool)
        for span in doc.spans.get(SPAN_KEY, []):
            taken[max(0, span.start - 1) : span.end + 1] = True
        added = []
        for start, end, label, conf in bio_spans(tags, probs):
            if conf < self.min_confidence or end - start < 2 or not tags[start].startswith("B-"):
                continue
            if taken[start:end].any():
                continue
            span = Span(doc, start, end, label=label, span_id="model.tagger")
            span._.confidence = round(conf, 3)
            added.append(span)
        if added:
            doc.spans[SPAN_KEY] = sorted([*doc.spans.get(SPAN_KEY, []), *added], key=lambda s: (s.start, -len(s)))
            doc.ents = filter_spans([*doc.ents, *added])


@Language.factory(
    "govkg_entity_tagger",
    assigns=["token.tag", "doc.ents", "doc.spans"],
    default_config={
        "model": {
            "@architectures": "spacy.Tagger.v2",
            "tok2vec": {
                "@architectures": "spacy.Tok2Vec.v2",
                "embed": {"@architectures": "govkg.CharEmbed.v1", "width": 64, "rows": [6000, 20000, 20000, 64]},
                "encode": {
                    "@architectures": "spacy.MaxoutWindowEncoder.v2",
                    "width": 64,
                    "window_size": 1,
                    "maxout_pieces": 3,
                    "depth": 2,
                },
            },
        },
        "min_confidence": 0.5,
    },
)
def make_entity_tagger(nlp: Language, name: str, model: Model, min_confidence: float) -> EntityTagger:
    return EntityTagger(nlp.vocab, model, name, min_confidence=min_confidence)
