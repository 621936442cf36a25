"""Every bad input is one line naming the file and the problem, the batch goes on and writes the graph of what it
could read (exit 3, or 0 with --keep-going); with --strict, or when nothing could be read, the previous output
stays exactly as it was."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from robust_inputs import BAD_INPUTS, SEED_000, SEED_001, SEEDS, write
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app
from kg.outdir import OutputDir
from kg.rdf import Minter
from kg.store import report_ids

SUPPORTED = (".txt", ".html", ".docx", ".pdf")


def snapshot(out: Path) -> dict[str, str]:
    """Every file of the output folder and the SHA-256 of its bytes."""
    return {path.relative_to(out).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(out.rglob("*")) if path.is_file()}


def stored_reports(out: Path) -> list[str]:
    store = ox.Store.read_only(str(out / "store"))
    try:
        return report_ids(store)
    finally:
        del store


@pytest.fixture(scope="module")
def previous(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """An output folder built from two seeds: what every failed build must leave alone."""
    root = tmp_path_factory.mktemp("previous")
    out = root / "out"
    build([SEED_000, SEED_001], out)
    assert stored_reports(out) == [SEED_000.stem, SEED_001.stem]
    return out, snapshot(out)


def problem_lines(output: str) -> list[str]:
    """The summary's lines naming a skipped input (paths are absolute here)."""
    return [line.strip() for line in output.splitlines() if line.startswith("  /")]


@pytest.mark.parametrize(("make", "problem"), [case[1:] for case in BAD_INPUTS], ids=[case[0] for case in BAD_INPUTS])
def test_robust_bad_input_one_line_and_output_unchanged(previous, tmp_path: Path, make, problem: str) -> None:
    out, before = previous
    bad = make(tmp_path)

    result = CliRunner().invoke(app, ["build", str(bad), "--out", str(out)])

    assert result.exit_code == 1, result.output
    assert problem_lines(result.output) == [problem_lines(result.output)[0]]  # exactly one line
    assert re.fullmatch(f"{re.escape(str(bad))}: {problem}.*", problem_lines(result.output)[0]), result.output
    assert "0 built, 1 skipped:" in result.output
    assert f"{out} was left as it was" in result.output
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["out"]  # no staging folder, no lock left


def test_robust_bad_input_batch_keeps_the_good_work_unless_strict(previous, tmp_path: Path) -> None:
    """Probe 11: one bad file among good ones wrote nothing unless --keep-going; an hour of extraction lost."""
    out = Path(shutil.copytree(previous[0], tmp_path / "out"))  # the default build will replace this one
    before = snapshot(out)
    batch = tmp_path / "batch"
    batch.mkdir()
    good = [shutil.copy(SEEDS / name, batch) for name in ("002_51acc513f15262cb.txt", "003_800e7386b3b145c4.txt")]
    (batch / "sub").mkdir()
    duplicate = shutil.copy(good[0], batch / "sub")
    expected = {}
    for _, make, problem in BAD_INPUTS:
        path = make(batch)
        if (path.is_file() and path.suffix in SUPPORTED) or path.is_symlink():
            expected[str(path)] = problem
    expected[str(batch / "loop_b.txt")] = "symlink loop"
    missing = tmp_path / "missing"
    args = ["build", str(batch), str(missing), "--out", str(out)]

    strict = CliRunner().invoke(app, [*args, "--strict"])

    assert strict.exit_code == 1
    lines = problem_lines(strict.output)
    assert f"2 built, {len(expected) + 2} skipped:" in strict.output
    assert f"{missing}: no such file or directory" in lines
    assert f"{duplicate}: same report id '002_51acc513f15262cb' as {good[0]}: one graph per id, " \
           "so rename one of the files" in lines
    for path, problem in expected.items():
        assert any(re.fullmatch(f"{re.escape(path)}: {problem}.*", line) for line in lines), path
    assert f"{out} was left as it was" in strict.output and snapshot(out) == before

    default = CliRunner().invoke(app, args)

    assert default.exit_code == 3, default.output
    assert problem_lines(default.output) == lines
    assert "holds the graph of the reports that could be read" in default.output
    assert stored_reports(out) == ["002_51acc513f15262cb", "003_800e7386b3b145c4"]

    kept_going = CliRunner().invoke(app, [*args, "--keep-going"])

    assert kept_going.exit_code == 0, kept_going.output
    assert problem_lines(kept_going.output) == lines


def test_robust_bad_input_gbk_page_that_claims_utf8_is_read_as_gbk(tmp_path: Path) -> None:
    text = SEED_000.read_text(encoding="utf-8")
    page = write("claims.html", f'<html><head><meta charset="utf-8"></head><body><p>{text}</p></body></html>'
                 .encode("gbk"))(tmp_path)
    result = CliRunner().invoke(app, ["build", str(page), "--out", str(tmp_path / "new")])
    assert result.exit_code == 0, result.output
    label = ox.Literal("益阳市行政审批服务局", language="zh-Hans")
    store = ox.Store.read_only(str(tmp_path / "new" / "store"))
    assert any(store.quads_for_pattern(None, None, label, None))


def test_robust_bad_input_not_an_output_folder_is_never_replaced(tmp_path: Path) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "thesis.docx").write_bytes(b"mine")
    result = CliRunner().invoke(app, ["build", str(SEED_000), "--out", str(documents)])
    assert result.exit_code == 2
    assert "not a govkg build output" in result.output
    assert [p.name for p in documents.iterdir()] == ["thesis.docx"]


def _without_root_privileges() -> list[str]:
    """Run as root, a chmod 000 file is still readable: drop the capabilities that make it so."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot make a file unreadable")
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]


def test_robust_bad_input_unreadable_file_and_folder(previous, tmp_path: Path) -> None:
    out, before = previous
    unreadable = tmp_path / "unreadable.txt"
    shutil.copy(SEED_000, unreadable)
    locked = tmp_path / "reports" / "locked"
    locked.mkdir(parents=True)
    shutil.copy(SEED_001, locked)
    shutil.copy(SEEDS / "002_51acc513f15262cb.txt", tmp_path / "reports")
    unreadable.chmod(0)
    locked.chmod(0)
    try:
        command = [*_without_root_privileges(), sys.executable, "-m", "kg.cli", "build", str(unreadable),
                   str(tmp_path / "reports"), "--out", str(out), "--strict"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    finally:
        locked.chmod(0o755)
    assert result.returncode == 1, result.stderr
    lines = problem_lines(result.stderr)
    assert sorted(lines) == sorted([f"{unreadable}: permission denied",
                                    f"{locked}: permission denied: its files are not read"]), result.stderr
    assert "1 built, 2 skipped:" in result.stderr
    assert snapshot(out) == before


def test_robust_bad_input_update_keeps_a_report_whose_file_broke(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    first, second = (Path(shutil.copy(seed, inputs)) for seed in (SEED_000, SEED_001))
    out = tmp_path / "out"
    build([inputs], out)
    graph = Minter().graph(SEED_001.stem)
    count = len(list(ox.Store.read_only(str(out / "store")).quads_for_pattern(None, None, None,
                                                                                 ox.NamedNode(graph))))
    second.write_bytes(second.read_text(encoding="utf-8")[:50].encode() + b"\x00")  # a damaged copy replaced it

    result = CliRunner().invoke(app, ["build", str(inputs), "--out", str(out), "--update", "--keep-going"])

    assert result.exit_code == 0, result.output
    assert f"{second}: NUL character in the text" in result.output
    store = ox.Store.read_only(str(out / "store"))
    assert len(list(store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))) == count
    assert first.exists()


def test_robust_bad_input_second_build_into_the_same_output_is_refused(previous, tmp_path: Path) -> None:
    out = Path(shutil.copytree(previous[0], tmp_path / "out"))
    before = snapshot(out)
    with OutputDir(out) as staging:  # a build in progress holds the lock
        result = CliRunner().invoke(app, ["build", str(SEED_000), "--out", str(out)])
        assert staging.is_dir()
    assert result.exit_code == 2
    assert f"{out}: another `kg build` is writing it" in result.output
    assert snapshot(out) == before
