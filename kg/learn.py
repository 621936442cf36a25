"""``kg train``: the learned layers, in the order each reads the one before — the entity CRF, the author ranker
(which reads its entities), the entity verifier (which reads the entities and the author), the relation classifier
(which reads all three) — from the annotation corpus's train split, measured on dev, written to one folder (the
shipped kg/resources/nlp, or ``kg train --out``). Hyperparameters: kg/resources/nlp/learned.yaml."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path


def unread_weight() -> int:
    """How many times an unread train record counts (learned.yaml ``unread_weight``; decisions §83)."""
    from kg.resources import read_yaml

    return int(read_yaml("nlp/learned.yaml").get("unread_weight", 1))


def training_weights(records: dict[str, dict]) -> dict[str, int]:
    """How many times each record counts in every learned layer's fit: the one place the configured weight is
    applied, so the CRF, the jackknifed CRFs, the ranker and the verifier (and bench/learned_cv.py's folds) agree."""
    from kg.annotations import record_weights

    return record_weights(records, unread_weight())


def train_learned_layers(
    out: Path | None = None,
    max_docs: int | None = None,
    iterations: int | None = None,
    log: Callable[[str], None] = print,
    records: tuple[dict[str, dict], dict[str, dict]] | None = None,
    relations: bool = True,
) -> Path:
    """Train the layers into ``out`` (default: the shipped folder); ``records``: (train, dev) records to use
    instead of the corpus's splits (bench/learned_cv.py trains each fold this way); ``relations=False`` keeps the
    folder's relation model."""
    from kg.annotations import load_split
    from kg.nlp.crf_train import train_entity_layer
    from kg.nlp.pipeline import learned_dir
    from kg.relations.learned_train import train_relation_layer
    from kg.resolve.learned_author_train import train_author_model
    from kg.resources import read_yaml

    params = read_yaml("nlp/learned.yaml")
    weights = out or learned_dir()
    train, dev = records or (load_split("train"), load_split("dev"))
    if max_docs is not None:
        train = dict(list(train.items())[:max_docs])
    entities = train_entity_layer(train, dev, weights / "entity_crf", iterations, log=log)
    log(f"entity layer: {entities.train_docs} train records, dev span F1 {entities.dev_f1:.3f} "
        f"(rules alone {entities.rules_dev_f1:.3f}) -> {weights / 'entity_crf'}")
    with tempfile.TemporaryDirectory() as tmp:
        folds = jackknife(train, Path(tmp), params["relations"]["folds"], iterations)
        authors, rules = train_author_model(train, dev, weights / "entity_crf", weights / "author_model",
                                            params["authors"]["c"], log=log)
        log(f"author ranker: dev top-1 {authors:.3f} (rules alone {rules:.3f}) -> {weights / 'author_model'}")
        verifier = train_verifier(train, folds, weights, params["verifier"])
        log(f"entity verifier (out of fold F1): {verifier} -> {weights / 'entity_verifier'}")
        if not relations:
            log(f"relation layer: kept ({weights / 'relation_model'})")
            return weights
        relation_f1, rules = train_relation_layer(train, dev, weights, folds, log=log)
    log(f"relation layer: dev F1 {relation_f1:.3f} (rules alone {rules:.3f}) -> {weights / 'relation_model'}")
    return weights


def train_author_layer(out: Path | None = None, log: Callable[[str], None] = print) -> Path:
    """Only the author ranker, from the entity CRF already in ``out`` (default: the shipped folder), on the train
    split, measured on dev: the rules of report authors are features of the ranker, so a change to them retrains it
    without retraining the layers before it."""
    from kg.annotations import load_split
    from kg.nlp.pipeline import learned_dir
    from kg.resolve.learned_author_train import train_author_model
    from kg.resources import read_yaml

    weights, c = out or learned_dir(), read_yaml("nlp/learned.yaml")["authors"]["c"]
    authors, rules = train_author_model(load_split("train"), load_split("dev"), weights / "entity_crf",
                                        weights / "author_model", c, log=log)
    log(f"author ranker: dev top-1 {authors:.3f} (rules alone {rules:.3f}) -> {weights / 'author_model'}")
    return weights


def jackknife(
    records: dict[str, dict], tmp: Path, folds: int, iterations: int | None = None
) -> list[tuple[list[str], Path]]:
    """The entity layer trained k times, each time without one fold of the records: the later layers learn from
    entities found in text the entity layer has not seen, as they will be at run time. Returns (held-out ids, the
    fold's weights) per fold; the weights' folder holds no other layer, so its pipeline neither verifies entities
    nor ranks authors."""
    from kg.nlp.crf_train import examples, train_crf
    from kg.resources import read_yaml

    params = read_yaml("nlp/learned.yaml")["entities"]
    weights = training_weights(records)
    ids = sorted(records)
    folds = max(1, min(folds, len(ids)))
    result = []
    for fold in range(folds):
        held = ids[fold::folds]
        rest = {i: records[i] for i in ids if i not in set(held)} or dict(records)
        crf = train_crf(examples(rest), c1=params["c1"], c2=params["c2"],
                        iterations=iterations or params["iterations"], log=lambda _: None,
                        rule_dropout=params.get("rule_dropout", 0.0), weights=weights)
        crf.save(tmp / f"fold{fold}", {})
        result.append((held, tmp / f"fold{fold}"))
    return result


def train_verifier(
    records: dict[str, dict], folds: list[tuple[list[str], Path]], weights: Path, params: dict
) -> str:
    """The entity verifier from the records' out-of-fold entities; returns a one-line summary of what it changes
    out of fold."""
    from kg.nlp.pipeline import load_pipeline
    from kg.resolve.verify_train import candidates, fit_verifier, save

    found = []
    for held, fold_weights in folds:
        found += candidates({i: records[i] for i in held},
                            load_pipeline(learned=True, learned_weights=fold_weights), weights)
    model, report = fit_verifier(found, params["c"], params["thresholds"], len(folds), log=lambda _: None,
                                 weights=training_weights(records))
    save(model, weights)
    return ", ".join(f"{kind} {before:.3f}->{after:.3f}" for kind, (before, after, _) in report.items())
