"""What each feature family of the statistical NER is worth: one member trained per family left out, all else as
the shipped tagger is trained (same data, seed and schedule), scored on CLUENER2020 dev as ``kg eval --cluener``
scores the model alone.

Run from the project root (about 15 minutes per variant on one core; two variants run at once with --jobs 2):

    .venv/bin/python bench/ner_ablation.py --word-vectors synonyms-3.10.2.tar.gz [--seed 0] [--jobs 2]

Variants: ``full`` (every feature), ``-bigrams``, ``-rules`` (the rule layer's labels), ``-lexicon`` (jieba's
dictionary flags), ``-vectors`` (the pretrained word vectors and the characters' pretrained start). Dev is only
reported here, never used to choose anything. Single members swing by 2-3 points of government F1 from seed to
seed (docs/decisions.md section 8): read differences smaller than that as noise, or rerun with other seeds.
"""

from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CLUENER = SHARED / "benchmarks" / "cluener2020"

VARIANTS: dict[str, dict] = {
    "full": {},
    "-bigrams": {"bigram_width": 0},
    "-rules": {"rule_width": 0},
    "-lexicon": {"lexicon": False},
    "-vectors": {"word_width": 0},
}


def train_and_score(variant: str, seed: int, vectors: Path | None, work: Path) -> tuple[str, dict[str, float]]:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    sys.path.insert(0, str(ROOT))
    from kg.evaluate import Scores
    from kg.nlp.cluener import evaluate_cluener
    from kg.nlp.train import train

    out = work / variant.lstrip("-")
    silver = [p for p in (ROOT / "seeds", SHARED / "corpus") if p.is_dir()]
    hyperparameters = VARIANTS[variant]
    use_vectors = vectors if "word_width" not in hyperparameters else None
    train(CLUENER / "train.json", silver, out=out, seed=seed, word_vectors=use_vectors,
          hyperparameters=hyperparameters, log=lambda *_: None)
    counts = evaluate_cluener(CLUENER / "dev.json", ["model"], weights=out)["model"]
    scores = {label: c.f1 for label, c in counts.items()}
    scores["all four"] = Scores.total(counts).f1
    return variant, scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--word-vectors", type=Path, help="synonyms-3.10.2.tar.gz or its extracted .npz")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "govkg-ablation")
    parser.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated subset of " +
                        ", ".join(VARIANTS))
    args = parser.parse_args()
    variants = args.variants.split(",")
    unknown = sorted(set(variants) - set(VARIANTS))
    if unknown:
        parser.error(f"unknown variants {unknown}")
    if args.word_vectors is None:
        variants = [v for v in variants if v != "-vectors"]
        print("no --word-vectors: every variant is trained without them; -vectors is skipped", flush=True)
    with ProcessPoolExecutor(args.jobs) as pool:
        futures = [pool.submit(train_and_score, v, args.seed, args.word_vectors, args.work) for v in variants]
        rows = [future.result() for future in futures]
    columns = ("Agency", "Person", "Place", "Organization", "all four")
    print(f"\nCLUENER2020 dev F1, one member, seed {args.seed}")
    print(f"{'variant':<12}" + "".join(f"{c:>14}" for c in columns))
    for variant, scores in rows:
        print(f"{variant:<12}" + "".join(f"{scores.get(c, 0.0):>14.3f}" for c in columns), flush=True)


if __name__ == "__main__":
    main()
