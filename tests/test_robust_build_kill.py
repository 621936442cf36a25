"""A `kg build` killed with SIGKILL at any moment leaves the previous out/ complete and loadable.

The previous output holds two seed reports; the killed build writes all five. After each kill, out/ must be
one of the two complete outputs, byte for byte the old one unless the kill came after the swap, and every
file in it must load. Kills land at fixed delays and at the moments the staging folder reaches each stage.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.build import build
from kg.store import report_ids

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
OLD = sorted(SEEDS.glob("00[01]_*.txt"))
ALL = sorted(SEEDS.glob("00*.txt"))


def snapshot(out: Path) -> dict[str, str]:
    return {path.relative_to(out).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(out.rglob("*")) if path.is_file()}


def loaded_reports(out: Path) -> list[str]:
    """Load every output file; the report ids they agree on."""
    store = ox.Store.read_only(str(out / "store"))
    stored = report_ids(store)
    del store
    manifest = sorted(json.loads((out / "manifest.json").read_text(encoding="utf-8"))["reports"])
    trig = {str(g.identifier) for g in rdflib.Dataset().parse(out / "graph.trig", format="trig").graphs()
            if len(g) and "/report/" in str(g.identifier)}
    assert len(rdflib.Graph().parse(out / "graph.ttl", format="turtle")) > 0
    assert (out / "graph.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert stored == manifest and len(trig) == len(stored)
    return stored


@pytest.fixture(scope="module")
def old_output(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("old") / "out"
    build(OLD, out)
    return out


def staging(out: Path) -> list[Path]:
    return list(out.parent.glob(f".{out.name}.staging-*"))


def has(name: str) -> Callable[[Path], bool]:
    return lambda out: any((folder / name).exists() for folder in staging(out))


def started(out: Path) -> bool:
    return bool(staging(out))


def kill_when(out: Path, ready: Callable[[Path], bool] | float, extra: list[str]) -> int | None:
    """Start `kg build` of all seeds into ``out``; SIGKILL it at a delay or when ``ready(out)``."""
    command = [sys.executable, "-m", "kg.cli", "build", *map(str, ALL), "--out", str(out), *extra]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    begin = time.monotonic()
    try:
        while process.poll() is None and time.monotonic() - begin < 120:
            if ready(out) if callable(ready) else time.monotonic() - begin >= ready:
                os.kill(process.pid, signal.SIGKILL)
                break
            time.sleep(0.002)
    finally:
        process.wait(timeout=60)
    return process.returncode


MOMENTS = [
    ("0.5s", 0.5, []), ("1.5s", 1.5, []),
    ("staging-created", started, []),
    ("store-written", has("store/CURRENT"), []),
    ("turtle-written", has("graph.ttl"), []),
    ("html-written", has("graph.html"), []),
    ("manifest-written", has("manifest.json"), []),
    ("update-store-copied", has("store/CURRENT"), ["--update"]),
    ("update-html-written", has("graph.html"), ["--update"]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("ready", "extra"), [m[1:] for m in MOMENTS], ids=[m[0] for m in MOMENTS])
def test_robust_build_killed_leaves_a_complete_output(old_output: Path, tmp_path: Path, ready, extra) -> None:
    out = Path(shutil.copytree(old_output, tmp_path / "out"))
    before = snapshot(out)

    code = kill_when(out, ready, extra)

    reports = loaded_reports(out)
    if code == -signal.SIGKILL and reports == [p.stem for p in OLD]:
        assert snapshot(out) == before
    else:  # the kill came after the swap, or the build finished first: the complete new output
        assert reports == [p.stem for p in ALL]


@pytest.mark.slow
def test_robust_build_after_a_kill_cleans_up_and_builds(old_output: Path, tmp_path: Path) -> None:
    out = Path(shutil.copytree(old_output, tmp_path / "out"))
    assert kill_when(out, has("graph.ttl"), []) == -signal.SIGKILL
    assert staging(out), "the killed build left its staging folder"

    build(ALL, out)

    assert loaded_reports(out) == [p.stem for p in ALL]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging folder, no lock file
