"""Probe 4 of issue 22 and the SPARQL guard behind it: `kg query` segfaulted (exit 139) on SPARQL nested 5,000 deep,
and through the Python API that killed a notebook kernel; `kg query` ran SERVICE, although nothing is to be
fetched at run time. Deep and flat-but-long queries run in a child process here, so that a crash would fail the
test instead of ending the test run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seed_store import built_seeds
from servers import listener

from kg.errors import QueryError
from kg.query import list_queries, query
from kg.sparql_guard import MAX_DEPTH, check_query, nesting_depth, remote_calls, scan

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return built_seeds(tmp_path_factory)


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=False)


def test_query_cli_refuses_5000_deep_in_one_line(out: Path) -> None:
    deep = "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"
    result = kg("query", deep, "--store", str(out / "store"))
    assert result.returncode == 2, result.stderr  # not 139 (segfault)
    assert "nests 5002 levels deep" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_query_api_survives_deep_and_long_queries(out: Path) -> None:
    """In a child Python, as a notebook would: a deep query is a QueryError; flat chains that overflow an 8 MB
    stack (3,000 MINUS, 8,000 +1) are answered on the query thread's deep stack."""
    script = f"""
from kg import query
from kg.errors import QueryError
store = {str(out / 'store')!r}
try:
    query(store, "SELECT * WHERE {{ " + "{{" * 5000 + " }}" * 5000 + " }}")
except QueryError as exc:
    print("refused:", exc)
print(len(query(store, "SELECT * WHERE {{ ?s a gk:Report " + "MINUS{{}}" * 3000 + " }}").rows))
print(len(query(store, "SELECT * WHERE {{ FILTER(1" + "+1" * 8000 + " > 0) }}").rows))
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300,
                            check=False)
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])
    refused, minus, plus = result.stdout.strip().splitlines()
    assert refused.startswith("refused:") and "nests" in refused
    assert minus == "5" and plus == "1"


def test_query_service_is_refused_and_reaches_nobody(out: Path) -> None:
    with listener() as (url, requests):
        service = f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"
        ox.Store().query(service)  # the probe: unguarded, the store does call the listener
        assert len(requests) == 1
        with pytest.raises(QueryError, match=r"SERVICE .* refused"):
            query(out / "store", service)
        result = kg("query", service, "--store", str(out / "store"))
        assert result.returncode == 2 and "SERVICE" in result.stderr
        assert len(requests) == 1
        query(out / "store", service, allow_service=[url])  # allowed on purpose, by endpoint
        assert len(requests) == 2
        with pytest.raises(QueryError, match="allowed endpoints"):
            query(out / "store", service.replace("/sparql", "/other"), allow_service=[url])
        assert len(requests) == 2


def test_query_load_is_refused_even_with_updates_allowed(out: Path, tmp_path: Path) -> None:
    with listener() as (url, requests), pytest.raises(QueryError, match="LOAD"):
        query(out / "store", f"LOAD <{url}>", allow_update=True)
    assert requests == []


def test_query_guard_passes_every_named_query() -> None:
    for named in list_queries():
        assert scan(named.sparql)[0] <= 8, named.name  # the scanner reads real queries nearly exactly
        check_query(named.sparql, named.name)
        assert remote_calls(named.sparql) == []


@pytest.mark.parametrize("text", [
    # closers hidden in strings, IRIs the parser may read as operators, a comment that is not one, long strings
    "SELECT * { " + '(((( "))))" ' * 50 + "}",
    "SELECT * { FILTER(?a<" + "(" * 200 + "?b>1" + ")" * 200 + ") }",
    "SELECT * { ?a <urn:x#> ?o . FILTER(?a<?x#>" + ")" * 40 + "\n" + "(" * 200 + "1" + ")" * 200 + ") }",
    "SELECT * { FILTER('''))))''' = " + "(" * 200 + "1" + ")" * 200 + ") }",
    "SELECT * { FILTER(" + "!" * 200 + "true) }",
    "SELECT * { " + "<< " * 150 + "?s ?p ?o" + " >> ?p ?o" * 150 + " }",
])
def test_query_guard_cannot_be_talked_out_of_a_deep_query(text: str) -> None:
    assert nesting_depth(text) > MAX_DEPTH
    with pytest.raises(QueryError, match="nests"):
        check_query(text)


@st.composite
def nested(draw: st.DrawFn, depth: int = 0) -> tuple[str, int]:
    """(SPARQL-like text, its real nesting depth): brackets around parts, strings and IRIs holding brackets."""
    parts, deepest = [], depth
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["paren", "brace", "string", "long", "iri", "comment", "word"]))
        if kind in ("paren", "brace") and depth < 40:
            inner, inner_depth = draw(nested(depth + 1))
            parts.append(f"({inner})" if kind == "paren" else f"{{ {inner} }}")
            deepest = max(deepest, inner_depth)
        elif kind == "string":
            parts.append('"' + draw(st.text(alphabet="(){}[]ab '#<>", max_size=8)).replace('"', "") + '"')
        elif kind == "long":
            parts.append("'''" + draw(st.text(alphabet="(){}[]ab \"#\n", max_size=8)) + "'''")
        elif kind == "iri":
            parts.append("<urn:" + draw(st.text(alphabet="()[]ab#'", max_size=8)) + ">")
        elif kind == "comment":
            parts.append("# " + draw(st.text(alphabet="(){}[]ab\"'", max_size=8)) + "\n")
        else:
            parts.append("?x")
    return " ".join(parts), deepest


@given(nested())
@settings(max_examples=300, deadline=None)
def test_query_guard_depth_is_never_below_the_real_depth(case: tuple[str, int]) -> None:
    text, depth = case
    assert scan(text)[0] >= depth
    assert depth <= MAX_DEPTH or nesting_depth(text) > MAX_DEPTH
