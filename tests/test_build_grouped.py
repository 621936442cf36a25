"""A build task carries several small reports (kg.build.build_reports, decisions.md 60): they are recognised in one
pass, the entity CRF decoding their pieces together, yet each report's graph is the one it gets alone, and a
report that cannot be read or breaks the joint pass costs only itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kg.pipeline
from kg.build import Skipped, build_report, build_reports, report_groups
from kg.ingest import ingest
from kg.nlp import load_pipeline, recognize
from tests.seed_store import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
REPORTS = [*SEED_FILES, *sorted(CORPUS.glob("0[1-4]_*.txt"))]


def same(got: list, expected: list) -> None:
    assert len(got) == len(expected)
    for mine, theirs in zip(got, expected, strict=True):
        if isinstance(theirs, Skipped):
            assert isinstance(mine, Skipped) and (mine.path, mine.problem) == (theirs.path, theirs.problem)
        else:
            assert mine == theirs  # the report's N-Quads, manifest entry, counts and export blocks


@pytest.fixture(scope="module")
def alone() -> dict[Path, object]:
    return {path: build_report(path, blocks=True) for path in REPORTS}


def test_reports_recognised_together_get_the_mentions_they_get_alone() -> None:
    nlp = load_pipeline()
    documents = [ingest(path) for path in REPORTS]
    together = [mentions for _, mentions in recognize(documents, nlp)]
    assert together == [next(recognize([document], nlp))[1] for document in documents]
    assert sum(map(len, together)) > 1000


def test_a_group_builds_each_report_as_alone(alone: dict) -> None:
    same(build_reports(REPORTS, blocks=True), [alone[path] for path in REPORTS])


def test_an_unreadable_report_in_a_group_is_skipped_alone(tmp_path: Path, alone: dict) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    group = [SEED_FILES[0], broken, SEED_FILES[1]]
    got = build_reports(group, blocks=True)
    assert isinstance(got[1], Skipped) and "broken.pdf" in got[1].path
    same([got[0], got[2]], [alone[SEED_FILES[0]], alone[SEED_FILES[1]]])


def test_a_joint_pass_that_fails_builds_each_report_alone(monkeypatch: pytest.MonkeyPatch, alone: dict) -> None:
    """A report that breaks the group's joint pass is recognised alone, breaks again and is skipped with a line
    naming its file; the others get the graphs they get alone."""
    recognized = kg.pipeline._recognized
    bad = SEED_FILES[1].name

    def failing(documents, nlp):
        if any(document.path.endswith(bad) for document in documents):
            raise RuntimeError("joint pass")
        return recognized(documents, nlp)

    monkeypatch.setattr(kg.pipeline, "_recognized", failing)
    got = build_reports(SEED_FILES, blocks=True)
    assert isinstance(got[1], Skipped) and got[1].path == str(SEED_FILES[1])
    assert str(got[1]) == f"{SEED_FILES[1]}: internal error, please report it (RuntimeError: joint pass)"
    same([got[0], *got[2:]], [alone[path] for path in (SEED_FILES[0], *SEED_FILES[2:])])


def test_groups_keep_the_order_and_their_bounds(tmp_path: Path) -> None:
    copies = []
    for i, path in enumerate([*SEED_FILES, *SEED_FILES]):
        copies.append(tmp_path / f"{i:02d}_{path.name}")
        shutil.copy(path, copies[-1])
    sizes = {path: path.stat().st_size for path in copies}
    groups = report_groups(copies, most=3, size=2 * max(sizes.values()))
    assert [path for group in groups for path in group] == copies
    assert all(len(group) <= 3 for group in groups) and len(groups) < len(copies)
    assert all(len(group) == 1 or sum(sizes[p] for p in group) <= 2 * max(sizes.values()) for group in groups)
    assert report_groups([*copies, tmp_path / "gone.txt"], most=16, size=1)[-1] == (tmp_path / "gone.txt",)
