"""The entity CRF's confidence in the spans it alone proposes (decisions.md 77): a span's marginal probability by
forward-backward over its piece (kg.nlp.crf.CRFModel.span_marginals) is the brute-force sum over every labelling
on a tiny example, lies in (0, 1] for the Viterbi path's spans, and below crf_confidence.yaml's minimum a Reform
the model alone proposes is dropped."""

from __future__ import annotations

import itertools

import numpy as np

import kg.nlp.crf as crf
from kg.nlp import load_pipeline
from kg.nlp.components import SPAN_KEY
from kg.nlp.crf import LABEL_ID, LABELS, RuleSpan

# Train 05_guangdong_gwr_2014 (a provincial work report): the model alone reads 方法人金融机构改革, a cut of
# 地方法人金融机构改革 that nobody recorded, at a marginal of about 0.23.
CUT = "地方法人金融机构改革发展加快，民间金融街发展势头良好。"
# Train 06_beijing_gwr_2026: 每月一题专项治理，攻坚 runs over a comma (about 0.46).
OVER_COMMA = "狠抓每月一题专项治理，攻坚突破家政服务市场规范等11个难点问题。"


def _model_and_rules(text: str):
    nlp = load_pipeline()
    doc = nlp.get_pipe("govkg_rules")(nlp.make_doc(text))
    spans = [RuleSpan(s.start_char, s.end_char, s.label_, s.id_) for s in doc.spans[SPAN_KEY]]
    return nlp, nlp.get_pipe("govkg_learned_entities").model, spans


def test_a_spans_marginal_is_the_sum_over_every_labelling() -> None:
    _, model, _ = _model_and_rules(CUT)
    length, labels = 4, len(LABELS)
    emitted = np.random.default_rng(0).normal(0, 6, (length, labels)).astype(np.float32)
    paths = np.array(list(itertools.product(range(labels), repeat=length)))
    scores = emitted.astype(np.float64)[np.arange(length), paths].sum(axis=1) + model.start_allowed[paths[:, 0]]
    scores += sum(model.transitions.astype(np.float64)[paths[:, t - 1], paths[:, t]] for t in range(1, length))
    weights = np.exp(scores - scores.max())
    weights /= weights.sum()
    spans = [(0, 2, "Agency"), (1, 3, "Reform"), (3, 4, "Place"), (0, 4, "Law"), (2, 3, "Reform")]
    for (start, end, label), marginal in zip(spans, model.span_marginals(emitted, spans), strict=True):
        exact = paths[:, start] == LABEL_ID[f"B-{label}"]
        for t in range(start + 1, end):
            exact &= paths[:, t] == LABEL_ID[f"I-{label}"]
        if end < length:
            exact &= paths[:, end] != LABEL_ID[f"I-{label}"]
        assert np.isclose(marginal, weights[exact].sum(), rtol=1e-9, atol=1e-15)


def test_the_viterbi_paths_spans_are_scored_in_zero_one() -> None:
    for text in (CUT, OVER_COMMA):
        _, model, spans = _model_and_rules(text)
        found, confidence = model.tag_many_scored([(text, spans)], None)[0]
        assert confidence and set(confidence) <= set(found)
        assert all(0 < p <= 1 for p in confidence.values())
        assert found == model.tag(text, spans)  # scoring leaves the decoding as it was


def _reforms(nlp, text: str) -> set[str]:
    doc = nlp(text)
    return {s.text for s in doc.spans[SPAN_KEY] if s.label_ == "Reform"}


def test_the_minimum_drops_an_unsure_model_only_reform(monkeypatch) -> None:
    for text, cut in ((CUT, "方法人金融机构改革"), (OVER_COMMA, "每月一题专项治理，攻坚")):
        nlp, model, spans = _model_and_rules(text)
        _, confidence = model.tag_many_scored([(text, spans)], frozenset({"Reform"}))[0]
        start = text.index(cut)
        assert confidence[(start, start + len(cut), "Reform")] < crf._min_confidence()["Reform"]
        assert cut not in _reforms(nlp, text)
        monkeypatch.setattr(crf, "_min_confidence", dict)  # off: the model's span stands
        assert cut in _reforms(nlp, text)
        monkeypatch.undo()
