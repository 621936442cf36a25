"""Train the learned relation layer (kg/relations/learned.py) on the annotation corpus; ``kg train`` calls it.

Each train record is extracted by the pipeline the model will serve (the learned entity layer included), its
candidate pairs computed, and each pair labelled by the record: it holds when the annotated relation joins the
gold entities its two ends resolve to (an entity resolves to the gold entity of its type sharing a surface form)
and the annotator's evidence quote overlaps the pair's sentence. scikit-learn fits a logistic regression on the
hashed features; each predicate's threshold is the one that maximises its F1 on the train records scored out of
fold and the dev records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kg.evaluate import norm
from kg.relations.learned import LEARNED_PREDICATES, Candidate, RelationModel, candidates


@dataclass
class Labelled:
    doc_id: str
    candidates: list[Candidate]
    labels: list[int]
    gold: set[tuple[str, str, str]]  # the record's relations of the learned predicates, gold names
    to_gold: dict[str, set[str]]  # system entity key -> gold entity names


def _gold_index(record: dict) -> dict[tuple[str, str], set[str]]:
    index: dict[tuple[str, str], set[str]] = defaultdict(set)
    text = record["text"]
    for entity in record["entities"]:
        index[(entity["type"], norm(entity["name"]))].add(entity["name"])
    for span in record["spans"]:
        index[(span["label"], norm(text[span["start"] : span["end"]]))].add(span["entity"])
    return index


def quoted(candidate: Candidate, spans: list[tuple[int, int]]) -> bool:
    """Does one of the annotators' evidence quotes of the pair's relation overlap the candidate's sentence, or the
    responsibility note that offers its head? The annotators quote the note (省工业和信息化厅…负责), not the item's
    sentence naming the reform."""
    near = [(candidate.start, candidate.end)] + ([candidate.note] if candidate.note else [])
    return any(s < b and a < e for s, e in spans for a, b in near)


def labelled(
    records: dict[str, dict], nlp, log: Callable[[str], None] = print, authors: Path | None = None
) -> list[Labelled]:
    """The candidate pairs of each record and whether each holds; ``authors``: the folder whose author ranker
    chooses the authors (as the pipeline will), else the rules'."""
    from kg.annotations import record_files
    from kg.ingest import ingest
    from kg.nlp import recognize
    from kg.relations import extract_relations
    from kg.relations.clauses import Ref
    from kg.resolve import resolve
    from kg.resolve.platforms import link_generic_platforms
    from kg.resolve.verify import verify_entities

    result = []
    with record_files(records) as files:
        for doc_id, record in records.items():
            document, mentions = next(recognize([ingest(files[doc_id])], nlp))
            report, entities, key_of = resolve(document, mentions, authors)
            if authors is not None:
                entities, key_of = verify_entities(document, entities, key_of, report, authors)
            entities = link_generic_platforms(entities, key_of, report.author_name)  # as kg.pipeline.link
            rule_relations = extract_relations(document, mentions, key_of, entities, report)
            refs = [Ref(m, key_of[i]) for i, m in enumerate(mentions) if i in key_of]
            types = {e.key: e.type for e in entities}
            pairs = candidates(document, refs, report, rule_relations, types)
            index = _gold_index(record)
            to_gold = {}
            for entity in entities:
                surfaces = {norm(entity.name)} | {norm(m.text) for m in entity.mentions}
                to_gold[entity.key] = set().union(*(index.get((entity.type, s), set()) for s in surfaces))
            evidence = defaultdict(list)
            for r in record["relations"]:
                if r["label"] in LEARNED_PREDICATES:
                    evidence[(r["head"], r["label"], r["child"])].append(
                        (r.get("evidence_start", 0), r.get("evidence_end", len(record["text"]))))
            labels = []
            for c in pairs:
                spans = [span for h in to_gold.get(c.head, ()) for t in to_gold.get(c.tail, ())
                         for span in evidence.get((h, c.predicate, t), [])]
                labels.append(int(quoted(c, spans)))
            result.append(Labelled(doc_id, pairs, labels, set(evidence), to_gold))
    log(f"relation candidates: {sum(len(d.candidates) for d in result)} in {len(result)} records, "
        f"{sum(sum(d.labels) for d in result)} positive")
    return result


def relation_f1(
    data: list[Labelled], scores: list[np.ndarray], threshold: float | dict[str, float], only: str | None = None
) -> float:
    """Document-level F1 of the learned predicates' relations (``only``: of one predicate), gold names compared
    as score.py compares them; ``threshold`` one for all or one per predicate."""
    tp = fp = fn = 0
    limits = threshold if isinstance(threshold, dict) else dict.fromkeys(LEARNED_PREDICATES, threshold)
    for doc, probabilities in zip(data, scores, strict=True):
        predicted = set()
        for c, p in zip(doc.candidates, probabilities, strict=True):
            if c.overruled:  # scored, never decided (kg.relations.learned.decide): not what a threshold chooses
                continue
            if p >= limits[c.predicate] and (only is None or c.predicate == only):
                predicted.add((c.head, c.predicate, c.tail))
        found = set()
        for head, predicate, tail in predicted:
            hits = {(h, predicate, t) for h in doc.to_gold.get(head, ()) for t in doc.to_gold.get(tail, ())}
            hits &= doc.gold
            if hits:
                found |= hits
            else:
                fp += 1
        tp += len(found)
        fn += len({g for g in doc.gold if only is None or g[1] == only} - found)
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0


def _fit_one(train: list[Labelled], c: float) -> RelationModel:
    items = [cand.features for doc in train for cand in doc.candidates]
    fitted = RelationModel.fit(items, [label for doc in train for label in doc.labels], c)
    return RelationModel(fitted.buckets, fitted.weights, fitted.bias)


def fit(
    train: list[Labelled], dev: list[Labelled], c: float, thresholds: list[float], folds: int = 4,
    log: Callable[[str], None] = print,
) -> tuple[RelationModel, float]:
    """The model of every train record; each predicate's threshold is the one that maximises its F1 over the
    train records scored out of fold (a model fitted without their fold) and the dev records together: nine dev
    documents alone choose a threshold by chance."""
    held_out: list[Labelled] = []
    scores: list[np.ndarray] = []
    for fold in range(folds):
        rest = [d for i, d in enumerate(train) if i % folds != fold]
        part = [d for i, d in enumerate(train) if i % folds == fold]
        if rest and part:
            model = _fit_one(rest, c)
            held_out += part
            scores += [model.scores(doc.candidates) for doc in part]
    model = _fit_one(train, c)
    dev_scores = [model.scores(doc.candidates) for doc in dev]
    judged, judged_scores = held_out + dev, scores + dev_scores
    for predicate in LEARNED_PREDICATES:  # each its own: their scores are not calibrated alike
        best = max((relation_f1(judged, judged_scores, t, predicate), t) for t in thresholds)
        model.thresholds[predicate] = float(best[1])
    overall = relation_f1(judged, judged_scores, model.thresholds)
    dev_f1 = relation_f1(dev, dev_scores, model.thresholds)
    log(f"relation model: {len(model.buckets)} weights, thresholds {model.thresholds} (F1 {overall:.3f} out of "
        f"fold and dev), dev F1 {dev_f1:.3f}")
    return model, dev_f1


def rules_f1(dev: list[Labelled]) -> float:
    """What the rule extractor scores on the same candidates: a pair holds when the rules found it there."""
    scores = [np.array([float(any(f.endswith("|rule_here=True") for f in c.features)) for c in d.candidates])
              for d in dev]
    return relation_f1(dev, scores, 0.5)


def train_relation_layer(
    train_records: dict[str, dict],
    dev_records: dict[str, dict],
    weights: Path,
    folds: list[tuple[list[str], Path]],
    log: Callable[[str], None] = print,
) -> tuple[float, float]:
    """Jackknifed candidates of the train records (``folds``: each fold's held-out ids and the entity layer trained
    without them, kg.learn.jackknife), the dev records' through the entity layer in ``weights``; the authors chosen
    by the ranker there, the entities the verifier there keeps; fit, save in ``weights``/relation_model. Returns
    (dev F1, the rules' dev F1 on the same candidates)."""
    from kg.nlp.pipeline import load_pipeline
    from kg.resources import read_yaml

    params = read_yaml("nlp/learned.yaml")
    train: list[Labelled] = []
    for held, fold_weights in folds:
        nlp = load_pipeline(learned=True, learned_weights=fold_weights)
        train += labelled({i: train_records[i] for i in held}, nlp, lambda _: None, weights)
    dev = labelled(dev_records, load_pipeline(learned=True, learned_weights=weights / "entity_crf"),
                   lambda _: None, weights)
    log(f"relation candidates: {sum(len(d.candidates) for d in train)} train "
        f"({sum(sum(d.labels) for d in train)} hold), {sum(len(d.candidates) for d in dev)} dev")
    model, dev_f1 = fit(train, dev, params["relations"]["c"], params["relations"]["thresholds"], len(folds), log)
    baseline = rules_f1(dev)
    model.meta.update({"train_records": sorted(train_records), "folds": len(folds), "c": params["relations"]["c"],
                       "dev_f1": round(dev_f1, 4), "rules_dev_f1": round(baseline, 4)})
    model.save(weights / "relation_model", "relations")
    return dev_f1, baseline
