"""NER throughput on one core: characters per second of the rule layer alone and of the shipped pipeline
(rules + statistical tagger), over the seeds and ../shared/corpus, documents streamed through ``nlp.pipe``.

Run from the project root:  .venv/bin/python bench/ner_speed.py [--repeat 5] [--copies 4]

``--copies`` repeats the texts so that the run is long enough to time; best of ``--repeat`` is printed (the
machine is shared, the best run is the least disturbed one). Target (issue 3): >= 300,000 chars/s on one core.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _texts(copies: int) -> list[str]:
    from kg.ingest import ingest, iter_inputs

    paths = [ROOT / "seeds", *([SHARED / "corpus"] if (SHARED / "corpus").is_dir() else [])]
    return [ingest(p).norm for p in iter_inputs(paths)] * copies


def _best_rate(nlp, texts: list[str], repeat: int) -> tuple[float, float]:
    chars = sum(map(len, texts))
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=16):
            pass
        best = min(best, time.perf_counter() - start)
    return chars / best, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--copies", type=int, default=4)
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from kg.nlp.pipeline import load_pipeline

    texts = _texts(args.copies)
    chars = sum(map(len, texts))
    print(f"{len(texts)} documents, {chars:,} characters; {platform.processor() or platform.machine()}, one process")
    print(f"{'pipeline':<28}{'chars/s':>12}{'seconds':>10}")
    for name, statistical in (("rules only", False), ("rules + tagger (shipped)", True)):
        nlp = load_pipeline(statistical=statistical)
        list(nlp.pipe(texts[:2]))  # warm-up: lexicons compiled, model weights loaded
        rate, seconds = _best_rate(nlp, texts, args.repeat)
        print(f"{name:<28}{rate:>12,.0f}{seconds:>10.2f}")


if __name__ == "__main__":
    main()
