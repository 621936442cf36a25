"""The Python API a notebook uses: `from kg import build, extract, query`, loaded lazily (importing kg and
`kg --version` do not load spaCy), giving the same answers as the command line on the seeds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from seed_store import SEEDS, built_seeds

import kg


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return built_seeds(tmp_path_factory)


def test_api_import_is_lazy() -> None:
    code = ("import sys, kg; from kg.cli import app; "
            "print(sorted(m for m in ('spacy', 'pyoxigraph') if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
    version = subprocess.run([sys.executable, "-m", "kg.cli", "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.strip() == f"govkg {kg.__version__}"


def test_api_names_stay_functions_after_the_submodules_load() -> None:
    import kg.build
    import kg.query
    from kg import build, extract, query

    assert callable(build) and callable(extract) and callable(query)
    assert kg.build is build and kg.query is query  # not the modules of the same name
    assert sys.modules["kg.build"].build is build


def test_api_extract_one_seed() -> None:
    from kg import extract

    (extraction,) = extract(SEEDS / "000_305e9a0e456975a1.txt")
    names = {(e.type, e.name) for e in extraction.entities}
    assert ("Agency", "益阳市行政审批服务局") in names and ("Reform", "一件事一次办") in names
    assert extraction.report.year == 2021
    assert any(r.predicate == "implements" for r in extraction.relations)


def test_api_query_to_frame(out: Path) -> None:
    from kg import query

    frame = query(out / "store", "bodies-implementing-reform", {"reform": "一件事一次办"}).to_frame()
    assert list(frame.columns) == ["reform", "body", "body_label", "reports"]
    assert "益阳市行政审批服务局" in set(frame["body_label"])
    assert frame["reports"].dtype.kind == "i" and (frame["reports"] >= 1).all()
    assert set(frame["body"]) >= {"agency:益阳市行政审批服务局"}
    reports = query(out / "store", "reports").to_frame()
    assert sorted(reports["year"]) == [2021, 2021, 2021, 2021, 2024]


def test_api_build_writes_the_outputs(tmp_path: Path) -> None:
    from kg import build

    summary = build([SEEDS / "001_c41a6bf51d27d1a9.txt"], tmp_path / "out")
    assert summary.documents == 1
    assert {p.name for p in (tmp_path / "out").iterdir()} >= {"graph.ttl", "graph.trig", "graph.html", "store"}
