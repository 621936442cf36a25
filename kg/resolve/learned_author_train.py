"""Train the author ranker (kg/resolve/learned_author.py) on the annotation corpus; ``kg train`` calls it.

Every record is read by the pipeline the ranker will serve (the learned entity layer included); each body it
names is a candidate, labelled by whether it is the annotated author (its name, standard name or a surface form
of the annotated author; a district's body named without its city counts too).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kg.evaluate import norm
from kg.linear import HashedLogistic
from kg.resolve.learned_author import author_candidates


def _is_author(name: str, record: dict) -> bool:
    from kg.nlp.rules.agencies import standard_agency_name

    gold = record["report"]["author"] or ""
    surfaces = {norm(gold)} | {norm(m) for e in record["entities"] if e["name"] == gold for m in e["mentions"]}
    forms = {norm(name), norm(standard_agency_name(name))}
    return bool(forms & surfaces) or any(len(f) >= 4 and norm(gold).endswith(f) for f in forms)


def candidates_of(records: dict[str, dict], nlp) -> list[tuple[str, list[list[str]], list[int]]]:
    """(document id, the features of each candidate, whether each is the author) of every record."""
    from kg.annotations import record_files
    from kg.ingest import ingest
    from kg.nlp import recognize
    from kg.resolve.report import written_author

    result = []
    with record_files(records) as files:
        for doc_id, record in records.items():
            document, mentions = next(recognize([ingest(files[doc_id])], nlp))
            found = author_candidates(document, mentions, written_author(document, mentions))
            result.append((doc_id, list(found.values()), [int(_is_author(n, record)) for n in found]))
    return result


def top1(model: HashedLogistic, data: list[tuple[str, list[list[str]], list[int]]]) -> float:
    """The share of documents whose best-scoring candidate is the author."""
    hits = sum(labels[int(model.probabilities(features).argmax())] for _, features, labels in data if features)
    return hits / len(data) if data else 0.0


def rules_top1(data: list[tuple[str, list[list[str]], list[int]]]) -> float:
    hits = sum(next((y for f, y in zip(features, labels, strict=True) if "rule=True" in f), 0)
               for _, features, labels in data)
    return hits / len(data) if data else 0.0


def train_author_model(
    train_records: dict[str, dict], dev_records: dict[str, dict], entity_weights: Path, out: Path, c: float,
    log: Callable[[str], None] = print,
) -> tuple[float, float]:
    """Fit on the train records (each counted as kg.learn.training_weights says), measure top-1 accuracy on dev
    against the rules' choice, save."""
    from kg.learn import training_weights, unread_weight
    from kg.nlp.pipeline import load_pipeline

    nlp = load_pipeline(learned=True, learned_weights=entity_weights)
    train, dev = candidates_of(train_records, nlp), candidates_of(dev_records, nlp)
    counts = training_weights(train_records)
    items = [f for _, features, _ in train for f in features]
    model = HashedLogistic.fit(items, [y for _, _, labels in train for y in labels], c,
                               [float(counts[doc_id]) for doc_id, features, _ in train for _ in features])
    accuracy, rules = top1(model, dev), rules_top1(dev)
    model.meta.update({"train_records": sorted(train_records), "c": c, "unread_weight": unread_weight(),
                       "dev_top1": round(accuracy, 4),
                       "rules_dev_top1": round(rules, 4)})
    model.save(out, "author")
    return accuracy, rules
