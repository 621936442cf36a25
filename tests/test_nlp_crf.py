"""The learned entity layer: trained on annotation records, decoded by numpy exactly as crfsuite decodes it."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from kg.annotations import load_split
from kg.nlp.crf import LABELS, feature_keys, pieces
from kg.nlp.crf_train import examples, export, gold_layer, sequences

pycrfsuite = pytest.importorskip("pycrfsuite")


@pytest.fixture(scope="module")
def trained():
    """A CRF trained for 30 iterations on two train records, and crfsuite's own tagger of it."""
    records = dict(list(load_split("train").items())[:2])
    train = examples(records)
    trainer = pycrfsuite.Trainer(verbose=False)
    for example in train:
        for features, labels in sequences(example):
            trainer.append(features, labels)
    trainer.set_params({"c1": 0.0, "c2": 0.1, "max_iterations": 30, "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as tmp:
        trainer.train(str(Path(tmp) / "m.crfsuite"))
        tagger = pycrfsuite.Tagger()
        tagger.open(str(Path(tmp) / "m.crfsuite"))
        yield export(tagger.info(), constrained=False), tagger, examples(load_split("dev"))[:2]


def test_nlp_crf_numpy_decoding_equals_crfsuite(trained) -> None:
    """On documents it was not trained on, piece by piece, the exported weights give crfsuite's own labels
    (decoded without the I-after-B constraint, which crfsuite does not have)."""
    model, tagger, dev = trained
    compared = 0
    for example in dev:
        keys = feature_keys(example.norm, example.rule_spans)
        scores = model.emissions(keys)
        for start, end in pieces(example.norm)[:40]:
            expected = tagger.tag([[str(k) for k in row] for row in keys[start:end].tolist()])
            got = [LABELS[i] for i in model._viterbi(scores, [(start, end)], len(scores))[start:end]]
            assert got == expected, example.norm[start:end]
            compared += end - start
    assert compared > 1000


def test_nlp_crf_learns_the_training_spans(trained) -> None:
    """Decoded on a document it was trained on, most annotated spans come back with their type."""
    model, _, _ = trained
    example = examples(dict(list(load_split("train").items())[:1]))[0]
    found = set(model.tag(example.norm, example.rule_spans))
    assert len(found & set(example.gold)) >= 0.8 * len(example.gold)


def test_nlp_crf_gold_layer_trims_quotes_and_keeps_the_outermost() -> None:
    text = "深化“放管服”改革，益阳市司法局"
    spans = [
        {"start": 2, "end": 7, "label": "Reform"},      # “放管服”
        {"start": 10, "end": 16, "label": "Agency"},    # 益阳市司法局
        {"start": 10, "end": 13, "label": "Place"},     # 益阳市, nested
    ]
    assert gold_layer(text, spans) == [(3, 6, "Reform"), (10, 16, "Agency")]


def test_nlp_crf_constrained_decoding_names_whole_spans(trained) -> None:
    """With the constraint every I- label continues a span of its type: no fragment starts with I-."""
    model, _, dev = trained
    from kg.nlp.crf import CRFModel

    constrained = CRFModel(model.keys, model.weights, model.raw_transitions)
    for example in dev:
        scores = constrained.emissions(feature_keys(example.norm, example.rule_spans))
        for start, end in pieces(example.norm):
            path = [LABELS[i] for i in constrained._viterbi(scores, [(start, end)], len(scores))[start:end]]
            for before, label in zip(["O", *path], path, strict=False):
                if label.startswith("I-"):
                    assert before[2:] == label[2:], (before, label)


def test_nlp_crf_feature_index_finds_each_row_as_a_binary_search_does() -> None:
    """The hash table of feature keys gives each known key its row in the sorted table and every other key the
    zero row, through collisions and probing (a table of 5,000 keys, 30,000 queries half of them unknown)."""
    import numpy as np

    from kg.nlp.crf import FeatureIndex

    rng = np.random.default_rng(3)
    keys = np.unique(rng.integers(0, 1 << 52, 5000, dtype=np.int64))
    queries = np.concatenate([rng.choice(keys, 15000), rng.integers(0, 1 << 52, 15000, dtype=np.int64)])
    found = np.searchsorted(keys, queries).clip(0, len(keys) - 1)
    expected = np.where(keys[found] == queries, found, len(keys))
    assert np.array_equal(FeatureIndex(keys).rows(queries), expected)
    assert np.array_equal(FeatureIndex(keys[:0]).rows(queries[:10]), np.zeros(10, dtype=np.int64))


def test_the_entity_model_takes_no_generic_arrangement_for_a_reform(tmp_path) -> None:
    """Hebei szf_12538c_0594 (dev): 建立工作协调机制 / 专门工作机制 name kinds of arrangement, no reform (SCHEMA); the
    model's spans there are dropped as the rules' are, while a named mechanism stays."""
    from kg.nlp.rules.reforms import is_generic_reform

    assert is_generic_reform("工作协调机制") and is_generic_reform("专门工作机制") and is_generic_reform("长效机制")
    assert not is_generic_reform("容缺受理机制") and not is_generic_reform("河长制")
    from tests.report_text import extract_text

    text = ("河北省人民政府办公厅关于印发河北省支持康养产业发展若干措施的通知\n"
            "（二）助力地产行业转型。结合房地产项目转型发展康养产业实际需求，相关市县政府应建立工作协调机制，明确牵头"
            "部门。\n")
    reforms = {e.name for e in extract_text(tmp_path, text, learned=True).entities if e.type == "Reform"}
    assert "工作协调机制" not in reforms


def test_nlp_crf_rule_dropout_hides_a_share_of_the_rule_spans_from_training() -> None:
    """Training may leave a seeded share of the rules' spans out of the features (learned.yaml rule_dropout), so
    that the model also learns names the rules miss, as they do on documents they were not written for: the
    characters of a dropped span read the rules' O, the gold is untouched, and the same seed drops the same spans."""
    from kg.nlp.crf import rule_channels
    from kg.nlp.crf_train import without_rule_spans

    example = examples(dict(list(load_split("train").items())[:1]))[0]
    assert without_rule_spans([example], 0.0) == [example]
    dropped = without_rule_spans([example], 0.3)[0]
    again = without_rule_spans([example], 0.3)[0]
    kept = set(dropped.rule_spans)
    assert dropped.rule_spans == again.rule_spans and dropped.gold == example.gold
    assert kept < set(example.rule_spans)
    assert 0.55 * len(example.rule_spans) < len(kept) < 0.85 * len(example.rule_spans)
    outer, _, _ = rule_channels(len(dropped.norm), dropped.rule_spans)
    alone = [s for s in set(example.rule_spans) - kept if all(s.end <= k.start or s.start >= k.end for k in kept)]
    assert alone and all(not outer[s.start : s.end].any() for s in alone)


def test_nlp_crf_record_weight_counts_a_document_as_repeated() -> None:
    """A document weighted 3 (the unread train records, decisions §83) trains the same CRF as the document given
    three times, and a different one from the unweighted corpus."""
    from kg.nlp.crf_train import train_crf

    train = examples(dict(list(load_split("train").items())[:2]))
    first = train[0].doc_id
    weighted = train_crf(train, iterations=8, log=lambda _: None, weights={first: 3})
    repeated = train_crf([train[0], train[0], train[0], train[1]], iterations=8, log=lambda _: None)
    plain = train_crf(train, iterations=8, log=lambda _: None)
    assert (weighted.keys == repeated.keys).all() and (weighted.weights == repeated.weights).all()
    assert weighted.weights.shape != plain.weights.shape or not (weighted.weights == plain.weights).all()
