"""``kg train``: the learned layers, in the order each reads the one before — the entity CRF, the author ranker
(which reads its entities), the relation classifier (which reads both) — from the annotation corpus's train split,
measured on dev, written to one folder (the shipped kg/resources/nlp, or ``kg train --out``). Hyperparameters:
kg/resources/nlp/learned.yaml."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def train_learned_layers(
    out: Path | None = None,
    max_docs: int | None = None,
    iterations: int | None = None,
    log: Callable[[str], None] = print,
) -> Path:
    from kg.annotations import load_split
    from kg.nlp.crf_train import train_entity_layer
    from kg.nlp.pipeline import learned_dir
    from kg.relations.learned_train import train_relation_layer
    from kg.resolve.learned_author_train import train_author_model
    from kg.resources import read_yaml

    params = read_yaml("nlp/learned.yaml")
    weights = out or learned_dir()
    train, dev = load_split("train"), load_split("dev")
    if max_docs is not None:
        train = dict(list(train.items())[:max_docs])
    entities = train_entity_layer(train, dev, weights / "entity_crf", iterations, log=log)
    log(f"entity layer: {entities.train_docs} train records, dev span F1 {entities.dev_f1:.3f} "
        f"(rules alone {entities.rules_dev_f1:.3f}) -> {weights / 'entity_crf'}")
    authors, rules = train_author_model(train, dev, weights / "entity_crf", weights / "author_model",
                                        params["authors"]["c"], log=log)
    log(f"author ranker: dev top-1 {authors:.3f} (rules alone {rules:.3f}) -> {weights / 'author_model'}")
    relations, rules = train_relation_layer(train, dev, weights, iterations, log=log)
    log(f"relation layer: dev F1 {relations:.3f} (rules alone {rules:.3f}) -> {weights / 'relation_model'}")
    return weights
