"""The shipped entity CRF's decoder (kg.nlp.crf.CRFModel._viterbi) against a plain Viterbi: the batched loop, which
reads an I- label's best only from its B- and I- (decisions.md 60), and documents decoded together (``apart``)
give the labels of the textbook recursion over all 17 labels, piece by piece, document by document."""

from __future__ import annotations

import numpy as np

from kg.annotations import load_split, record_files
from kg.ingest import ingest
from kg.nlp import load_pipeline
from kg.nlp.components import SPAN_KEY
from kg.nlp.crf import RuleSpan, _padded_pieces, pieces


def reference(model, scores: np.ndarray, padded: bool) -> list[int]:
    """The best path of one piece, every transition considered (ties to the lower label, as argmax); a piece the
    old decoder padded ends on the best label to be followed by O."""
    best, back = scores[0] + model.start_allowed, []
    for row in scores[1:]:
        total = best[None, :] + model.transitions.T  # [to, from]
        back.append(total.argmax(axis=1))
        best = total[np.arange(len(best)), back[-1]] + row
    path = [int((best + model.transitions[:, 0] if padded else best).argmax())]
    for came in reversed(back):
        path.append(int(came[path[-1]]))
    return path[::-1]


def test_the_batched_decoder_finds_the_textbook_best_paths() -> None:
    nlp = load_pipeline()
    model = nlp.get_pipe("govkg_learned_entities").model
    records = dict(sorted(load_split("train").items())[:3])
    with record_files(records) as files:
        texts = [ingest(files[doc_id]).norm[:6000] for doc_id in sorted(files)]
    documents = []
    for text in texts:
        doc = nlp.get_pipe("govkg_rules")(nlp.make_doc(text))
        documents.append((text, [RuleSpan(s.start_char, s.end_char, s.label_, s.id_) for s in doc.spans[SPAN_KEY]]))
    together = model.tag_many(documents, apart=True)
    compared = 0
    for (text, spans), tagged in zip(documents, together, strict=True):
        assert tagged == model.tag(text, spans)
        scores = model.text_emissions(text, spans)
        labels = model._viterbi(scores, pieces(text), len(text))
        parts = pieces(text)
        for (start, end), padded in zip(parts, _padded_pieces(parts), strict=True):
            assert labels[start:end].tolist() == reference(model, scores[start:end], bool(padded))
            compared += end - start
    assert compared > 10000
