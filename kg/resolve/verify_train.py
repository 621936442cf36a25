"""Train the entity verifier (kg/resolve/verify.py): every entity the pipeline resolves in a train record that the
entity layer did not see (extracted out of fold), labelled by whether the record's annotation holds an entity of
that type under that name (as the scorer matches); a logistic regression on the hashed features; per type, the
threshold that maximises that type's F1 on the entities scored out of fold (a type the verifier does not help
keeps threshold 0: nothing of it is dropped)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from kg.evaluate import norm
from kg.linear import HashedLogistic
from kg.resolve.verify import MODEL, decided


@dataclass
class Candidates:
    """One record's resolved entities: features, type, the gold entity each matches (-1: none), gold totals."""

    doc_id: str
    items: list[list[str]] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    matches: list[int] = field(default_factory=list)
    gold_per_type: Counter = field(default_factory=Counter)


def candidates(records: dict[str, dict], nlp, authors: Path | None = None) -> list[Candidates]:
    """The records' entities as the pipeline ``nlp`` recognises them and resolution resolves them, the author
    chosen by the ranker in ``authors`` (a folder of learned weights) as the pipeline will."""
    from kg.annotations import record_files, to_gold_schema
    from kg.ingest import ingest
    from kg.nlp import recognize
    from kg.resolve import resolve

    out = []
    with record_files(records) as files:
        for document, mentions in recognize((ingest(files[i]) for i in records), nlp):
            report, entities, _ = resolve(document, mentions, authors)
            gold = to_gold_schema(records[document.doc_id])["entities"]
            index: dict[tuple[str, str], int] = {}
            for i, entity in enumerate(gold):
                for form in [entity["name"], *entity.get("mentions", [])]:
                    index.setdefault((entity["type"], norm(form)), i)
            found = Candidates(document.doc_id, gold_per_type=Counter(e["type"] for e in gold))
            for entity, features in decided(document, entities, report):
                found.items.append(features)
                found.types.append(entity.type)
                found.matches.append(index.get((entity.type, norm(entity.name)), -1))
            out.append(found)
    return out


def type_f1(records: list[Candidates], probabilities: list[np.ndarray], kind: str, threshold: float,
            weights: Mapping[str, int] | None = None) -> float:
    """F1 of one type when entities under ``threshold`` are dropped (gold never proposed counts as missed); a
    record's counts multiplied by its weight."""
    tp = fp = gold = 0
    for record, probs in zip(records, probabilities, strict=True):
        weight = (weights or {}).get(record.doc_id, 1)
        gold += weight * record.gold_per_type[kind]
        matched = set()
        for t, match, p in zip(record.types, record.matches, probs, strict=True):
            if t != kind or p < threshold:
                continue
            if match < 0:
                fp += weight
            elif match not in matched:
                matched.add(match)
                tp += weight
    return 2 * tp / (2 * tp + fp + (gold - tp)) if tp else 0.0


def fit_verifier(
    records: list[Candidates], c: float, grid: list[float], folds: int, log=print,
    weights: Mapping[str, int] | None = None,
) -> tuple[HashedLogistic, dict[str, tuple[float, float, float]]]:
    """The model fitted on every record, with per-type thresholds chosen on out-of-fold probabilities. Returns it
    and, per type, (F1 without the verifier, F1 with it, threshold) out of fold. ``weights``: how many times a
    record counts, in the fit and in the thresholds' F1 (1 where absent)."""

    def fit(chosen: list[Candidates]) -> HashedLogistic:
        return HashedLogistic.fit([x for r in chosen for x in r.items],
                                  [int(m >= 0) for r in chosen for m in r.matches], c,
                                  [float((weights or {}).get(r.doc_id, 1)) for r in chosen for _ in r.items])

    oof: list[np.ndarray] = [np.zeros(0)] * len(records)
    for fold in range(folds):
        model = fit([r for i, r in enumerate(records) if i % folds != fold])
        for i, record in enumerate(records):
            if i % folds == fold:
                oof[i] = model.probabilities(record.items)
    report, thresholds = {}, {}
    for kind in sorted({t for r in records for t in r.types}):
        base = type_f1(records, oof, kind, 0.0, weights)
        best = max(grid, key=lambda t: type_f1(records, oof, kind, t, weights))
        tuned = type_f1(records, oof, kind, best, weights)
        thresholds[kind] = best if tuned > base else 0.0
        report[kind] = (base, max(tuned, base), thresholds[kind])
        log(f"verifier {kind}: F1 {base:.3f} -> {max(tuned, base):.3f} (threshold {thresholds[kind]})")
    model = fit(records)
    model.meta.update({"thresholds": thresholds, "c": c, "records": len(records),
                       "weighted_records": sorted(r.doc_id for r in records if (weights or {}).get(r.doc_id, 1) != 1),
                       "out_of_fold": {k: [round(a, 4), round(b, 4)] for k, (a, b, _) in report.items()}})
    return model, report


def save(model: HashedLogistic, weights: Path) -> None:
    model.save(weights / MODEL, MODEL)
