"""Cross-validation of the default pipeline on the annotation corpus's train split: the learned layers trained
(as ``kg train`` trains them) on all folds but one, the held-out fold extracted with them, every fold's
predictions scored together as ``kg eval`` scores a split. 143+ documents of every kind give a steadier reading
than the nine dev documents, without touching the locked test.

    .venv/bin/python bench/learned_cv.py [--folds 4] [--entities-only] [--iterations N] [--save DIR]

``--entities-only`` retrains only the entity CRF per fold (minutes instead of hours) and runs the shipped author
ranker, entity verifier and relation model, which saw every train document: the entity layer is out of fold, the
layers after it are not (relation figures read high).

``--keep DIR --reuse --authors`` copies each fold's kept weights (DIR is only read) and retrains only the author
ranker on the other folds, from the entities of the fold's kept CRF (as ``kg train`` trains it from its own CRF):
the author, and the issued and implements pairs that follow it, are then out of fold (a few minutes). With
``--fold-weights OUT`` the fold folders are written there (to reuse with ``--keep OUT --reuse``).

``--keep DIR --reuse --verifiers`` does the same for the entity verifier: each fold's verifier is fitted (as ``kg
train`` fits it, thresholds included) on the other folds' entities, each found by the kept CRF that did not see
them. Without it the verifier has seen every held-out record's annotation and the figures read high: on 207 train
records, 0.838 / 0.778 with the shipped verifier against 0.791 / 0.738 with verifiers out of fold (decisions §79).
``--relations`` fits each fold's relation model too (after its ranker and verifier, as ``kg train`` orders them), on
the other folds' candidate pairs, each found by the kept CRF that did not see the record, thresholds chosen on
their own folds and dev. With ``--authors --verifiers --relations`` every learned layer is out of fold; only the
rules saw the held-out records.

``--score-ids OLD`` is a learning curve: the records listed in OLD are held out in the folds a run on them alone
gives them and are the only ones scored; the split's other records (newly annotated ones) are held out too, spread
over the folds after them, so every layer of every fold trains on more records and stays out of fold for all.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--entities-only", action="store_true")
    parser.add_argument("--iterations", type=int, default=None)
    parser.add_argument("--save", type=Path, default=None, help="write each document's predictions here")
    parser.add_argument("--split", default="train")
    parser.add_argument("--ids", type=Path, default=None,
                        help="a file of record ids, one a line: hold out folds of these only (a fixed set to compare); "
                             "the split's other records join every fold's training")
    parser.add_argument("--score-ids", type=Path, default=None,
                        help="a file of record ids, one a line: score these only; the split's other records are held "
                             "out too, spread over the folds after them, so every layer is out of fold for them as "
                             "well and these records' folds stay those of a run on them alone (a learning curve: "
                             "what more training records do to the same held-out records)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="keep each fold's weights here; with --reuse, extract with them instead of training")
    parser.add_argument("--reuse", action="store_true",
                        help="reuse the weights in --keep (rules or resolution changed)")
    parser.add_argument("--authors", action="store_true",
                        help="with --keep and --reuse: retrain the author ranker per fold on the other folds")
    parser.add_argument("--fold-weights", "--author-weights", dest="fold_weights", type=Path, default=None,
                        help="with --authors, --verifiers or --relations: write the folds' refitted weights here "
                             "(default: a temporary folder)")
    parser.add_argument("--verifiers", action="store_true",
                        help="with --keep and --reuse: fit the entity verifier per fold on the other folds")
    parser.add_argument("--relations", action="store_true",
                        help="with --keep and --reuse: fit the relation model per fold on the other folds")
    args = parser.parse_args()

    import shutil

    from kg.annotations import load_split, record_files, to_gold_schema
    from kg.cli.nlp import _print_scores
    from kg.evaluate import score
    from kg.goldjson import to_gold_schema as prediction_schema
    from kg.learn import train_learned_layers
    from kg.nlp import load_pipeline
    from kg.nlp.crf_train import train_entity_layer
    from kg.nlp.pipeline import learned_dir
    from kg.pipeline import extract_paths
    from kg.resolve.learned_author import load_author_model
    from kg.resolve.learned_author_train import train_author_model
    from kg.resources import read_yaml

    refit = args.authors or args.verifiers or args.relations
    if refit and not (args.keep and args.reuse):
        parser.error("--authors, --verifiers and --relations retrain over kept folds: give --keep DIR --reuse")

    records = load_split(args.split)
    ids = sorted(records)
    if args.ids:
        ids = sorted(set(args.ids.read_text(encoding="utf-8").split()) & set(records))
    scored = ids
    if args.score_ids:
        scored = sorted(set(args.score_ids.read_text(encoding="utf-8").split()) & set(ids))
    extra = sorted(set(ids) - set(scored))
    held_out = [scored[fold :: args.folds] + extra[fold :: args.folds] for fold in range(args.folds)]
    dev = load_split("dev")
    predictions: dict[str, dict] = {}
    started = time.perf_counter()
    verifier_candidates = _verifier_candidates(records, held_out, args.keep) if args.verifiers else {}
    with tempfile.TemporaryDirectory() as tmp:
        for fold in range(args.folds):
            held = held_out[fold]
            held_ids = set(held)
            rest = {i: r for i, r in records.items() if i not in held_ids}
            weights = (args.keep or Path(tmp)) / f"fold{fold}"
            if args.reuse and refit:
                kept, weights = weights, (args.fold_weights or Path(tmp)) / f"fold{fold}"
                shutil.rmtree(weights, ignore_errors=True)
                for layer in kept.iterdir():  # file by file: the kept folders may be read-only
                    if layer.is_dir() and not (layer.name == "author_model" and args.authors):
                        (weights / layer.name).mkdir(parents=True)
                        for file in layer.iterdir():
                            shutil.copyfile(file, weights / layer.name / file.name)
                load_pipeline.cache_clear()
                load_author_model.cache_clear()
                if args.authors:
                    train_author_model(rest, {}, weights / "entity_crf", weights / "author_model",
                                       read_yaml("nlp/learned.yaml")["authors"]["c"], log=lambda _: None)
                if args.verifiers:
                    _fit_fold_verifier(verifier_candidates, fold, weights)
                if args.relations:
                    _fit_fold_relations(records, held_out, dev, fold, args.keep, weights)
            elif args.reuse:
                pass
            elif args.entities_only:
                for layer in ("author_model", "entity_verifier", "relation_model"):
                    shutil.copytree(learned_dir() / layer, weights / layer)
                train_entity_layer(rest, dev, weights / "entity_crf", args.iterations, log=lambda _: None)
            else:
                train_learned_layers(weights, iterations=args.iterations, log=lambda _: None, records=(rest, dev))
            load_pipeline.cache_clear()
            nlp = load_pipeline(learned=True, learned_weights=weights / "entity_crf")
            with record_files({i: records[i] for i in held}) as files:
                for ex in extract_paths(files.values(), nlp):
                    predictions[ex.document.doc_id] = prediction_schema(ex)
            print(f"fold {fold + 1}/{args.folds}: {len(rest)} train, {len(held)} held out "
                  f"({time.perf_counter() - started:.0f} s)", flush=True)
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        for doc_id, prediction in predictions.items():
            (args.save / f"{doc_id}.json").write_text(json.dumps(prediction, ensure_ascii=False, indent=1) + "\n",
                                                      encoding="utf-8")
    scores = score({i: to_gold_schema(records[i]) for i in scored}, {i: predictions[i] for i in scored})
    print(f"held out: {len(ids)} records, {len(scored)} of them scored; {len(records) - len(ids)} more in every "
          "fold's training")
    _print_scores(scores, f"{args.folds}-fold CV on {args.split}: ")


def _verifier_candidates(records: dict[str, dict], held_out: list[list[str]], keep: Path) -> dict[int, list]:
    """Each fold's held-out records' entities, found by that fold's kept CRF and author ranker, with their
    verifier features and gold labels (kg/resolve/verify_train.py)."""
    from kg.nlp import load_pipeline
    from kg.resolve.verify_train import candidates

    found = {}
    for fold, held in enumerate(held_out):
        load_pipeline.cache_clear()
        nlp = load_pipeline(learned=True, learned_weights=keep / f"fold{fold}" / "entity_crf")
        found[fold] = candidates({i: records[i] for i in held}, nlp, keep / f"fold{fold}")
    return found


def _fit_fold_verifier(found: dict[int, list], fold: int, weights: Path) -> None:
    """The fold's verifier, fitted on the other folds' entities as ``kg train`` fits it on every record's."""
    from kg.resolve.verify import load_verifier
    from kg.resolve.verify_train import fit_verifier, save
    from kg.resources import read_yaml

    params = read_yaml("nlp/learned.yaml")["verifier"]
    others = [c for other, cands in found.items() if other != fold for c in cands]
    model, _ = fit_verifier(others, params["c"], params["thresholds"], len(found), log=lambda _: None)
    save(model, weights)
    load_verifier.cache_clear()


def _fit_fold_relations(records: dict[str, dict], held_out: list[list[str]], dev: dict[str, dict], fold: int,
                        keep: Path, weights: Path) -> None:
    """The fold's relation model, fitted on the other folds' candidate pairs (each fold's through its kept CRF,
    authors and kept entities by the fold's own ranker and verifier in ``weights``) and dev's, as ``kg train``
    fits it on every record's."""
    from kg.nlp import load_pipeline
    from kg.relations.learned import load_relation_model
    from kg.relations.learned_train import fit, labelled
    from kg.resources import read_yaml

    params = read_yaml("nlp/learned.yaml")["relations"]
    train = []
    for other, held in enumerate(held_out):
        if other != fold:
            nlp = load_pipeline(learned=True, learned_weights=keep / f"fold{other}" / "entity_crf")
            train += labelled({i: records[i] for i in held}, nlp, lambda _: None, weights)
    nlp = load_pipeline(learned=True, learned_weights=weights / "entity_crf")
    model, _ = fit(train, labelled(dev, nlp, lambda _: None, weights), params["c"], params["thresholds"], len(held_out),
                   log=lambda _: None)
    model.save(weights / "relation_model", "relations")
    load_relation_model.cache_clear()


if __name__ == "__main__":
    main()
