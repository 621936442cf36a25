"""Queries: malformed SPARQL names the line and column, Update needs --allow-update, --timeout bounds the wait."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app
from kg.errors import QueryError
from kg.query import query
from kg.store import count_quads

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
INSERT = 'INSERT DATA { GRAPH <urn:x:notes> { <urn:x:a> <urn:x:says> "加一条" } }'


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("query") / "out"
    build(sorted(SEEDS.glob("00[01]_*.txt")), out)
    return out


@pytest.fixture
def store_copy(built: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(built / "store", tmp_path / "store"))


def quads(store: Path) -> int:
    handle = ox.Store.read_only(str(store))
    try:
        return count_quads(handle)
    finally:
        del handle


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def where_and_excerpt(message: str, sparql: str) -> tuple[int, int]:
    """The parser's line and column in the message; checks that the excerpt shows that line, caret under it."""
    first, line_shown, caret = message.splitlines()
    found = re.search(r"malformed SPARQL: error at (\d+):(\d+): expected ", first)
    assert found, first
    line, column = int(found.group(1)), int(found.group(2))
    text = sparql.splitlines()[line - 1]
    assert line_shown == f"    {text}"
    assert caret == "    " + " " * width(text[:column - 1]) + "^"
    return line, column


def test_robust_query_malformed_file_names_file_line_column(built: Path, tmp_path: Path) -> None:
    path = tmp_path / "broken.rq"
    sparql = '# title: broken\nSELECT ?body WHERE {\n  ?body skos:prefLabel "益阳市" .\n  FILTER(?body = )\n}'
    path.write_text(sparql, encoding="utf-8")
    with pytest.raises(QueryError) as error:
        query(built / "store", path)
    line, column = where_and_excerpt(str(error.value), sparql)
    assert str(error.value).startswith("broken: malformed SPARQL: ")
    assert f"({path}:{line}:{column})" in str(error.value)
    assert line >= 4  # the header lines count: the position is in the file as the user sees it


def test_robust_query_caret_sits_under_the_column_in_chinese_text(built: Path) -> None:
    sparql = 'SELECT ?s WHERE { ?s ?p "益阳市行政审批服务局" . FILTER( ) }'
    with pytest.raises(QueryError) as error:
        query(built / "store", sparql)
    line, column = where_and_excerpt(str(error.value), sparql)
    assert line == 1 and column > sparql.index("益")  # the ten wide characters push the caret right


def test_robust_query_update_refused_then_allowed(store_copy: Path) -> None:
    before = quads(store_copy)
    refused = CliRunner().invoke(app, ["query", INSERT, "--store", str(store_copy)])
    assert refused.exit_code == 2
    assert "SPARQL Update is not allowed here" in refused.output and "--allow-update" in refused.output
    assert quads(store_copy) == before

    allowed = CliRunner().invoke(app, ["query", INSERT, "--store", str(store_copy), "--allow-update"])
    assert allowed.exit_code == 0, allowed.output
    assert f"update applied to {store_copy}" in allowed.output
    assert quads(store_copy) == before + 1
    asked = query(store_copy, 'ASK { <urn:x:a> <urn:x:says> "加一条" }')
    assert asked.boolean is True


def test_robust_query_update_with_parameters_is_refused(store_copy: Path) -> None:
    with pytest.raises(QueryError, match="parameters cannot be bound in a SPARQL Update"):
        query(store_copy, INSERT, {"x": "1"}, allow_update=True)


def test_robust_query_timeout_gives_up_on_a_runaway_query(built: Path) -> None:
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    # its own process: the abandoned query runs on in its thread until the process exits
    result = subprocess.run([sys.executable, "-m", "kg.cli", "query", runaway, "--store", str(built / "store"),
                             "--timeout", "0.5"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "stopped waiting after 0.5 s (--timeout)" in result.stderr


def test_robust_query_timeout_lets_a_quick_query_finish(built: Path) -> None:
    result = query(built / "store", "bodies-implementing-reform", {"reform": "一件事一次办"}, timeout=60)
    assert "益阳市行政审批服务局" in {row["body_label"].value for row in result.rows}


def test_query_export_and_serve_start_without_loading_spacy() -> None:
    """Reading a built store needs no NLP: importing spaCy would add about a second to every cold `kg query`."""
    code = ("import sys, kg.query, kg.store, kg.export, kg.serve, kg.manifest; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc', 'torch')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", result.stdout
