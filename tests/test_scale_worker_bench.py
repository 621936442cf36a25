"""Smoke test of the worker's stage benchmark at a tiny N: it runs and prints a row per stage of build_report.

Figures are not checked (speed lives in bench/, not in timed tests); only that every stage was timed on the
generated reports and the worker function was timed whole.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def test_worker_stages_bench_prints_every_stage(tmp_path: Path) -> None:
    command = [sys.executable, "bench/worker_stages.py", "--n", "2", "--repeat", "1", "--work", str(tmp_path)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    assert re.search(r"corpus: 2 reports, [\d,]+ characters", out), out
    for stage in ("ingest", "NER", "resolve", "verify", "relations", "learned relations", "metrics", "to_quads",
                  "serialize", "pickle", "gc after report", "stages summed"):
        assert re.search(rf"^{stage}\s+[\d.]+\s+[\d.]+%\s+(?:[\d.]+|-)$", out, re.MULTILINE), f"{stage}:\n{out}"
    assert re.search(r"worker \(build_report\): CPU [\d.]+ s, [\d,]+ chars/s; wall [\d.]+ s", out), out
    assert re.search(r"worker \(build_reports, \d+ tasks as a build groups them\): CPU [\d.]+ s", out), out
    assert sorted(p.name for p in (tmp_path / "corpus-2-7").glob("*.txt")) == ["bench_00000.txt", "bench_00001.txt"]
