"""Train the CRF entity layer (kg/nlp/crf.py) on the annotation corpus: ``kg train`` calls :func:`train_crf`.

The gold tags of a record are its spans' outermost layer, with quotes and title marks trimmed off their edges
(the model names what is inside “” and 《》); the features are computed on the document's folded text with the
rules' spans, exactly as at run time. crfsuite (python-crfsuite, a training-only dependency) fits the weights
with L-BFGS and elastic-net regularisation; they are exported to the numpy arrays the pipeline decodes with.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kg.nlp.crf import LABEL_ID, LABELS, CRFModel, RuleSpan, feature_keys, pieces

QUOTES = "《》“”\"'「」『』〈〉<>"


@dataclass
class Example:
    doc_id: str
    norm: str
    rule_spans: list[RuleSpan]
    gold: list[tuple[int, int, str]]


def gold_layer(text: str, spans: list[dict]) -> list[tuple[int, int, str]]:
    """The outermost annotated spans, quotes trimmed: longest first, no overlaps."""
    trimmed = []
    for span in spans:
        start, end = span["start"], span["end"]
        while start < end and text[start] in QUOTES:
            start += 1
        while end > start and text[end - 1] in QUOTES:
            end -= 1
        if end > start:
            trimmed.append((start, end, span["label"]))
    kept: list[tuple[int, int, str]] = []
    for start, end, label in sorted(trimmed, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, label))
    return sorted(kept)


def examples(records: dict[str, dict]) -> list[Example]:
    """Each record's folded text and rule spans, computed by the rules-only pipeline from the record's text."""
    from kg.annotations import record_files
    from kg.ingest import ingest
    from kg.nlp.components import SPAN_KEY
    from kg.nlp.pipeline import load_pipeline

    nlp = load_pipeline(learned=False)
    result = []
    with record_files(records) as files:
        for doc_id, record in records.items():
            document = ingest(files[doc_id])
            doc = nlp(document.norm)
            rules = [RuleSpan(s.start_char, s.end_char, s.label_, s.id_) for s in doc.spans[SPAN_KEY]]
            result.append(Example(doc_id, document.norm, rules, gold_layer(record["text"], record["spans"])))
    return result


def tags(length: int, gold: list[tuple[int, int, str]]) -> list[str]:
    labels = ["O"] * length
    for start, end, label in gold:
        labels[start] = f"B-{label}"
        for i in range(start + 1, end):
            labels[i] = f"I-{label}"
    return labels


def sequences(example: Example) -> list[tuple[list[list[str]], list[str]]]:
    """(features, labels) of each piece of a document, features as crfsuite attribute strings."""
    keys = feature_keys(example.norm, example.rule_spans)
    labels = tags(len(example.norm), example.gold)
    return [([[str(k) for k in row] for row in keys[s:e].tolist()], labels[s:e]) for s, e in pieces(example.norm)]


def without_rule_spans(train: list[Example], rate: float, seed: int = 0) -> list[Example]:
    """The examples with each rule span left out of the features at ``rate`` (seeded; the gold stays).

    Why: the rules were written reading the train documents, so on them (even out of fold) the rules miss fewer
    names than on unseen documents, and a CRF trained on their spans learns to trust them more than it should.
    Leaving a share of them out shows the model names the rules did not find, which it must then read from the
    characters and context, as it must on documents the rules were not written for."""
    if rate <= 0:
        return train
    rng = np.random.default_rng(seed)
    return [Example(e.doc_id, e.norm, [s for s in e.rule_spans if rng.random() >= rate], e.gold) for e in train]


def train_crf(
    train: list[Example],
    c1: float = 0.05,
    c2: float = 0.01,
    iterations: int = 200,
    log: Callable[[str], None] = print,
    rule_dropout: float = 0.0,
    weights: Mapping[str, int] | None = None,
) -> CRFModel:
    """A CRF on the examples; ``weights``: how many times a document's sequences count (crfsuite has no instance
    weights, so they are appended that many times), 1 where absent."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for example in without_rule_spans(train, rule_dropout):
        for features, labels in sequences(example):
            for _ in range((weights or {}).get(example.doc_id, 1)):
                trainer.append(features, labels)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True})
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        trainer.train(str(Path(tmp) / "model.crfsuite"))
        tagger = pycrfsuite.Tagger()
        tagger.open(str(Path(tmp) / "model.crfsuite"))
        info = tagger.info()
    log(f"CRF trained in {time.perf_counter() - started:.0f} s: {len(info.state_features)} state features")
    return export(info)


def export(info, constrained: bool = True) -> CRFModel:
    """crfsuite's weights as sorted int64 feature keys with a row of label weights each."""
    keys = np.array(sorted({int(attr) for attr, _ in info.state_features}), dtype=np.int64)
    row = {k: i for i, k in enumerate(keys.tolist())}
    weights = np.zeros((len(keys), len(LABELS)), dtype=np.float32)
    for (attr, label), weight in info.state_features.items():
        weights[row[int(attr)], LABEL_ID[label]] = weight
    transitions = np.zeros((len(LABELS), len(LABELS)), dtype=np.float32)
    for (source, target), weight in info.transitions.items():
        transitions[LABEL_ID[source], LABEL_ID[target]] = weight
    return CRFModel(keys, weights, transitions, constrained)


@dataclass
class TrainResult:
    path: Path
    train_docs: int
    dev_f1: float
    rules_dev_f1: float


def span_f1(found: list[set], gold: list[set]) -> float:
    tp = sum(len(f & g) for f, g in zip(found, gold, strict=True))
    predicted, expected = sum(len(f) for f in found), sum(len(g) for g in gold)
    return 2 * tp / (predicted + expected) if predicted + expected else 0.0


def train_entity_layer(
    train_records: dict[str, dict],
    dev_records: dict[str, dict],
    out: Path,
    iterations: int | None = None,
    log: Callable[[str], None] = print,
) -> TrainResult:
    """Train on the train records, measure span F1 on dev against the rules' own outermost layer, save."""
    from kg.learn import training_weights, unread_weight
    from kg.nlp.crf import outermost
    from kg.resources import read_yaml

    params = read_yaml("nlp/learned.yaml")["entities"]
    iterations = iterations or params["iterations"]
    train = examples(train_records)
    dev = examples(dev_records)
    dropout = params.get("rule_dropout", 0.0)
    weights = training_weights(train_records)
    model = train_crf(train, c1=params["c1"], c2=params["c2"], iterations=iterations, log=log, rule_dropout=dropout,
                      weights=weights)
    gold = [set(e.gold) for e in dev]
    dev_f1 = span_f1([set(model.tag(e.norm, e.rule_spans)) for e in dev], gold)
    rules_f1 = span_f1([outermost(e.norm, e.rule_spans) for e in dev], gold)
    meta = {"train_records": sorted(train_records), "c1": params["c1"], "c2": params["c2"],
            "iterations": iterations, "rule_dropout": dropout, "unread_weight": unread_weight(),
            "dev_span_f1": round(dev_f1, 4), "rules_dev_span_f1": round(rules_f1, 4)}
    model.save(out, meta)
    return TrainResult(out, len(train_records), dev_f1, rules_f1)
