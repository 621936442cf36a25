"""Extraction throughput on real scraped documents: ingest, NER, resolution and relations of every file of the
Hebei corpus (../shared/corpus/hebei, 1,268 pages, many a single long line), in one process, for the rules alone
and for the default pipeline (the rules plus the learned entity and relation layers).

Run from the project root:  .venv/bin/python bench/extract_speed.py [--limit 400] [--repeat 2]

Prints characters per second of CPU time (one core: the process is single-threaded) and per second of wall
time, best of ``--repeat``. Target (issue 19): the default pipeline >= 100,000 characters per second per core.
"""

from __future__ import annotations

import argparse
import platform
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEBEI = ROOT.parent / "shared" / "corpus" / "hebei"


def _rate(paths: list[Path], learned: bool, repeat: int) -> tuple[float, float, int]:
    from kg.nlp.pipeline import load_pipeline
    from kg.pipeline import extract_paths

    nlp = load_pipeline(learned=learned)
    list(extract_paths(paths[:3], nlp))  # load lexicons and weights outside the timing
    chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    best_cpu = best_wall = float("inf")
    for _ in range(repeat):
        cpu, wall = time.process_time(), time.perf_counter()
        for _extraction in extract_paths(paths, nlp):
            pass
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return chars / best_cpu, chars / best_wall, chars


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N files (sorted by name)")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    paths = sorted(HEBEI.glob("*.txt"))[: args.limit]
    if not paths:
        raise SystemExit(f"no corpus at {HEBEI}")
    print(f"{len(paths)} files of {HEBEI}, Python {platform.python_version()}, {platform.machine()}")
    for label, learned in (("rules alone", False), ("default (rules + learned layers)", True)):
        per_cpu, per_wall, chars = _rate(paths, learned, args.repeat)
        print(f"{label:34s} {chars:>10,} chars  {per_cpu:>10,.0f} chars/s CPU  {per_wall:>10,.0f} chars/s wall")


if __name__ == "__main__":
    main()
