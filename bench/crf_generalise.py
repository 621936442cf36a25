"""The entity CRF alone, trained on the train records with a variation, scored on dev (score only): does a
setting make the learned entity layer generalise to documents the rules were not written on (decisions §68)?

    .venv/bin/python bench/crf_generalise.py OUT [--c1 X] [--c2 X] [--rule-dropout P] [--ablate 10,11,12]
                                                 [--hold FOLD] [--layers DIR] [--cache FILE]

Trains one CRF with the shipped settings of learned.yaml except the ones given (``--rule-dropout``: each rule
span left out of the training features at that rate, as learned.yaml ``rule_dropout``; ``--ablate``: feature
templates of kg/nlp/crf.py ``feature_columns`` left out of training, so their keys get no weight), writes it to
OUT/entity_crf beside links to the shipped author ranker, verifier and relation model, and prints dev's
entity and relation F1 for the nine first documents, the twelve fresh ones (devnew) and all 21, with Reform
and implements. ``--hold FOLD`` trains fold FOLD of bench/learned_cv.py's four instead (the held-out quarter
of the sorted train ids left out) and skips dev, for ``bench/learned_cv.py --keep OUT_PARENT --reuse``;
``--layers DIR`` links the other layers from DIR instead of the shipped ones (a fold's, for that). One fit
takes about 8 CPU minutes on all train: run one at a time.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RULE_TEMPLATES = {13, 14, 15, 16, 17, 18, 21, 22, 23, 27, 30}  # the templates that read the rules' spans
DEV9 = {"rst_fe2616_0103", "szf_12538c_0594", "kjt_f05078_0945", "02_shenzhen_guangming_fazhi_2021",
        "04_guowuyuan_dudu_dianxing_jingyan_2018", "kjt_361b2b_0860", "07_jilin_gwr_2026", "kjt_1cb7ba_0733",
        "kjt_0439fb_0764"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--c1", type=float, default=None)
    parser.add_argument("--c2", type=float, default=None)
    parser.add_argument("--iterations", type=int, default=None)
    parser.add_argument("--rule-dropout", type=float, default=None)
    parser.add_argument("--ablate", default="", help="template numbers to leave out, comma-separated")
    parser.add_argument("--hold", type=int, default=None)
    parser.add_argument("--layers", type=Path, default=None, help="link the other layers from here")
    parser.add_argument("--cache", type=Path, default=None, help="pickle of the train examples (made if missing)")
    args = parser.parse_args()

    import pycrfsuite

    from kg.annotations import load_split
    from kg.nlp.crf_train import examples, export, sequences, without_rule_spans
    from kg.nlp.pipeline import learned_dir
    from kg.resources import read_yaml

    params = read_yaml("nlp/learned.yaml")["entities"]
    c1 = params["c1"] if args.c1 is None else args.c1
    c2 = params["c2"] if args.c2 is None else args.c2
    iterations = args.iterations or params["iterations"]
    dropout = params.get("rule_dropout", 0.0) if args.rule_dropout is None else args.rule_dropout
    if args.cache and args.cache.exists():
        train = pickle.loads(args.cache.read_bytes())
    else:
        train = examples(load_split("train"))
        if args.cache:
            args.cache.write_bytes(pickle.dumps(train))
    layers = args.layers or learned_dir()
    if args.hold is not None:
        held = set(sorted(e.doc_id for e in train)[args.hold :: 4])
        train = [e for e in train if e.doc_id not in held]
    ablate = {int(t) for t in args.ablate.split(",") if t}
    trainer = pycrfsuite.Trainer(verbose=False)
    for example in without_rule_spans(train, dropout):
        for features, labels in sequences(example):
            trainer.append([[f for t, f in enumerate(row) if t not in ablate] for row in features], labels)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as tmp:
        trainer.train(str(Path(tmp) / "model.crfsuite"))
        tagger = pycrfsuite.Tagger()
        tagger.open(str(Path(tmp) / "model.crfsuite"))
        model = export(tagger.info())
    model.save(args.out / "entity_crf", {"train_records": sorted(e.doc_id for e in train), "c1": c1, "c2": c2,
                                         "iterations": iterations, "rule_dropout": dropout,
                                         "ablated_templates": sorted(ablate)})
    for layer in ("author_model", "entity_verifier", "relation_model"):
        if not (args.out / layer).exists():
            (args.out / layer).symlink_to(layers / layer)
    if args.hold is None:
        print(args.out, dev_scores(args.out / "entity_crf"))


def dev_scores(weights: Path) -> str:
    """Dev's totals (score only), devnew first."""
    from kg.annotations import load_split, record_files, to_gold_schema
    from kg.evaluate import Scores, score
    from kg.goldjson import to_gold_schema as prediction_schema
    from kg.nlp import load_pipeline
    from kg.pipeline import extract_paths

    records = load_split("dev")
    nlp = load_pipeline(learned=True, learned_weights=weights)
    predictions = {}
    with record_files(records) as files:
        for ex in extract_paths(files.values(), nlp):
            predictions[ex.document.doc_id] = prediction_schema(ex)
    parts = []
    for name, ids in (("devnew", [i for i in records if i not in DEV9]), ("devall", list(records)),
                      ("dev9", [i for i in records if i in DEV9])):
        scores = score({i: to_gold_schema(records[i]) for i in ids}, {i: predictions[i] for i in ids})
        entities, relations = Scores.total(scores.entities), Scores.total(scores.relations)
        parts.append(f"{name} entities {entities.f1:.3f} relations {relations.f1:.3f} "
                     f"Reform {scores.entities['Reform'].f1:.3f} implements {scores.relations['implements'].f1:.3f}")
    return " | ".join(parts)


if __name__ == "__main__":
    main()
