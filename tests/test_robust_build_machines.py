"""Probes 5 and 7-10 of issue 22: builds on real machines. A mount point as --out (a Docker volume, a bind mount,
a tmpfs), symbolic links in input folders, a damaged store, a location that cannot be written, a damaged export
that --update must not call up to date, and more --jobs than cores. Mounts need a mount namespace: the test runs
its commands under `unshare` and is skipped, with the reason, where the machine does not allow it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from robust_inputs import SEED_000, SEED_001, SEEDS
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app
from kg.manifest import read_manifest
from kg.store import report_ids

ROOT = Path(__file__).resolve().parent.parent
KG = f"{sys.executable} -m kg.cli"


def stored(store: Path) -> list[str]:
    handle = ox.Store.read_only(str(store))
    try:
        return report_ids(handle)
    finally:
        del handle


def in_mount_namespace(script: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """``script`` (bash) as root of a private mount namespace; skip the test where none can be made."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("no unshare(1) here: cannot make a mount point to build into")
    probe = subprocess.run([unshare, "--mount", "--map-root-user", "true"], capture_output=True, text=True,
                           check=False)
    if probe.returncode != 0:
        pytest.skip(f"this machine does not allow a private mount namespace: {probe.stderr.strip()}")
    return subprocess.run([unshare, "--mount", "--map-root-user", "bash", "-euo", "pipefail", "-c", script],
                          cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "TMP": str(tmp_path)})


def test_robust_build_into_mount_points(tmp_path: Path) -> None:
    """Probe 5: the directory swap got EBUSY on a mount point after the whole extraction; every attempt failed.
    Here a tmpfs, a bind mount of a folder on the same file system, and a volume whose parent is read-only."""
    script = f"""
mkdir -p $TMP/tmpfs $TMP/folder $TMP/bound $TMP/root
mount -t tmpfs tmpfs $TMP/tmpfs
{KG} build {SEED_000} --out $TMP/tmpfs
{KG} build {SEED_000} {SEED_001} --out $TMP/tmpfs
mount --bind $TMP/folder $TMP/bound
{KG} build {SEED_001} --out $TMP/bound
mount -t tmpfs tmpfs $TMP/root && mkdir $TMP/root/data && mount -t tmpfs tmpfs $TMP/root/data
mount -o remount,ro $TMP/root
{KG} build {SEED_000} --out $TMP/root/data
{KG} query reports --store $TMP/root/data/store --format csv
ls -A $TMP/tmpfs
"""
    result = in_mount_namespace(script, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("built, 0 skipped") == 4
    assert SEED_000.stem in result.stdout  # the query read the store in the read-only parent's volume
    listing = result.stdout.split()
    assert {"current", "store", "graph.ttl", "manifest.json"} <= set(listing)
    assert len([name for name in listing if name.startswith(".gen-")]) == 1  # the first generation is gone
    assert stored(tmp_path / "folder" / "current" / "store") == [SEED_001.stem]  # the bind mount's own folder


def test_robust_build_unwritable_location_is_one_line(tmp_path: Path) -> None:
    """Probe 8: a read-only output location gave `OSError: [Errno 30]` on `.out.lock` with a traceback."""
    script = f"""
mkdir -p $TMP/ro && mount -t tmpfs -o ro tmpfs $TMP/ro
{KG} build {SEED_000} --out $TMP/ro/out || echo "exit $?"
"""
    result = in_mount_namespace(script, tmp_path)
    assert "exit 2" in result.stdout, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "cannot write the output here (Read-only file system)" in line and "--out" in line


@pytest.fixture()
def built(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    build([SEED_000, SEED_001], out)
    return out


def test_robust_build_damaged_store_is_one_line_everywhere(built: Path) -> None:
    """Probe 8: a store missing an .sst file gave `RuntimeError: Corruption` tracebacks in kg query, kg build
    --update and kg serve."""
    for sst in (built / "store").glob("*.sst"):
        sst.unlink()
    for command in (["query", "reports", "--store", str(built / "store")],
                    ["serve", "--store", str(built / "store"), "--port", "1"]):
        result = subprocess.run([sys.executable, "-m", "kg.cli", *command], cwd=ROOT, capture_output=True,
                                text=True, timeout=120, check=False)
        assert result.returncode == 2, result.stderr
        (line,) = result.stderr.strip().splitlines()
        assert "the store is damaged" in line and "kg build" in line
    update = CliRunner().invoke(app, ["build", str(SEED_000), str(SEED_001), "--out", str(built), "--update"])
    assert update.exit_code == 0, update.output
    assert "the store is damaged" in update.output and "2 built" in update.output  # all extracted again
    assert stored(built / "store") == [SEED_000.stem, SEED_001.stem]


def test_robust_build_update_rewrites_a_damaged_export(built: Path) -> None:
    """Probe 9: `--update` left a graph.trig truncated by hand in place and said "up to date"."""
    whole = (built / "graph.trig").read_bytes()
    assert read_manifest(built)[0].exports.keys() == {"graph.ttl", "graph.trig", "graph.html"}
    with (built / "graph.trig").open("r+b") as trig:
        trig.truncate(len(whole) // 2)
    result = CliRunner().invoke(app, ["build", str(SEED_000), str(SEED_001), "--out", str(built), "--update"])
    assert result.exit_code == 0, result.output
    assert "graph.trig" in result.output and "rewritten" in result.output
    assert (built / "graph.trig").read_bytes() == whole
    again = CliRunner().invoke(app, ["build", str(SEED_000), str(SEED_001), "--out", str(built), "--update"])
    assert "up to date" in again.output


def test_robust_build_jobs_are_capped_at_the_cores(tmp_path: Path) -> None:
    """Probe 10: --jobs 8 on 2 cores ran 8 workers, 2.3x slower and 5.5x the memory of --jobs 1."""
    command = ["taskset", "-c", "0", sys.executable, "-m", "kg.cli", "build", str(SEED_000), "--out",
               str(tmp_path / "out"), "--jobs", "8"]
    if shutil.which("taskset") is None:
        pytest.skip("no taskset(1) here: cannot run the build on one core")
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert "--jobs 8 capped at 1, the cores this build may use" in result.stderr


def test_robust_build_symlinks_followed_only_inside_the_inputs(tmp_path: Path) -> None:
    """Probe 7: `in/x.txt -> /etc/hostname` put a local file into the graph; linked folders were not followed."""
    inputs, elsewhere = tmp_path / "in", tmp_path / "elsewhere"
    (inputs / "sub").mkdir(parents=True)
    elsewhere.mkdir()
    shutil.copy(SEED_000, inputs)
    shutil.copy(SEED_001, elsewhere)
    secret = tmp_path / "secret.txt"
    shutil.copy(SEEDS / "002_51acc513f15262cb.txt", secret)  # stands for a local file that is not a report
    (inputs / "x.txt").symlink_to(secret)
    (inputs / "linked").symlink_to(elsewhere)
    shutil.copy(SEEDS / "003_800e7386b3b145c4.txt", inputs / "sub" / "real.txt")
    (inputs / "sub" / "inside.txt").symlink_to(inputs / "sub" / "real.txt")  # a link inside: followed (once)

    result = CliRunner().invoke(app, ["build", str(inputs), "--out", str(tmp_path / "out")])

    assert result.exit_code == 3, result.output
    assert f"{inputs / 'x.txt'}: symlink to {secret}, outside the input folders" in result.output
    assert f"{inputs / 'linked'}: symlink to {elsewhere}, outside the input folders" in result.output
    assert stored(tmp_path / "out" / "store") == [SEED_000.stem, "inside"]

    followed = CliRunner().invoke(app, ["build", str(inputs), "--out", str(tmp_path / "all"), "--follow-symlinks"])

    assert followed.exit_code == 0, followed.output
    assert stored(tmp_path / "all" / "store") == [SEED_000.stem, SEED_001.stem, "inside", "x"]
