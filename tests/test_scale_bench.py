"""Smoke test of the scale benchmark at a tiny N: it runs end to end and prints every row of its table.

The figures themselves are not checked (speed lives in bench/, not in timed tests); only that each measurement
was made: both builds, every query of queries/ on the big store, in Oxigraph and in rdflib with the same rows,
the incremental rebuild and the export.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg.query import list_queries

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def test_scale_bench_prints_the_whole_table(tmp_path: Path) -> None:
    command = [sys.executable, "bench/scale.py", "--n", "3", "--subset", "1", "--repeat", "1", "--budget", "1",
               "--timeout", "10", "--no-growth", "--work", str(tmp_path)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900, check=False)
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    assert re.search(r"corpus: 3 reports, [\d,]+ characters", out)
    for jobs in (1, 2):
        assert re.search(rf"--jobs {jobs}\s+[\d.]+\s+[\d,]+\s+[\d.]+\s+[\d,]+ MiB\s+[\d,]+ MiB", out), out
    time = r"(?:[\d.]+|>\d+)"  # milliseconds, or more than the timeout
    for spec in list_queries():
        row = re.search(rf"^{re.escape(spec.name)}\s+{time}\s+{time}\s+-?\d+ \|\s+({time})\s+({time})\s+"
                        rf"\S+\s+(\S+)$", out, re.MULTILINE)
        assert row, f"{spec.name} has no row:\n{out}"
        if ">" not in row.group(1) + row.group(2):  # both finished on the same data: the same number of rows
            assert row.group(3).isdigit(), f"{spec.name}: Oxigraph and rdflib disagree ({row.group(3)})"
    assert re.search(r"incremental: one of 3 reports changed \(bench_00001.txt\).*: [\d.]+ s", out)
    assert re.search(r"kg export -f trig .*: [\d.]+ s, [\d,]+ MiB", out)
    corpus = tmp_path / "corpus-3-7"
    assert sorted(p.name for p in corpus.glob("*.txt")) == ["bench_00000.txt", "bench_00001.txt", "bench_00002.txt"]
