"""End to end: `kg build` on the five seeds writes every output, and the graph answers real questions."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli import app

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
GK = "https://w3id.org/govkg/ontology#"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build") / "out"
    result = CliRunner().invoke(app, ["build", str(SEEDS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_build_writes_all_four_outputs(built: Path) -> None:
    for name in ("graph.ttl", "graph.trig", "graph.html", "store"):
        assert (built / name).exists(), name
    assert not list(built.parent.glob(".out.*")), "no staging folder may remain"


def test_build_turtle_parses_and_answers_who_implements_yijianshi(built: Path) -> None:
    graph = rdflib.Graph().parse(built / "graph.ttl", format="turtle")
    rows = graph.query(
        f"""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
           SELECT ?body WHERE {{ ?b <{GK}implements> ?r . ?r skos:prefLabel ?reform . ?b skos:prefLabel ?body .
                                 FILTER(STR(?reform) = "一件事一次办") }}"""
    )
    assert "益阳市行政审批服务局" in {str(row.body) for row in rows}


def test_build_trig_holds_one_named_graph_per_report(built: Path) -> None:
    dataset = rdflib.Dataset().parse(built / "graph.trig", format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g) and "report" in str(g.identifier)}
    assert names == {f"https://w3id.org/govkg/report/{path.stem}/graph" for path in SEEDS.glob("*.txt")}


def test_build_store_matches_the_named_query(built: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "query",
            "bodies-implementing-reform",
            "--store",
            str(built / "store"),
            "--param",
            "reform=一件事一次办",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    bindings = json.loads(result.stdout)["results"]["bindings"]
    assert "益阳市行政审批服务局" in {b["body_label"]["value"] for b in bindings}


def test_build_store_quads_equal_trig(built: Path) -> None:
    store = ox.Store.read_only(str(built / "store"))
    trig = set(ox.parse(path=str(built / "graph.trig"), format=ox.RdfFormat.TRIG))
    assert not any(isinstance(term, ox.BlankNode) for quad in trig for term in quad)  # so sets compare content
    assert set(store) == trig


def test_build_bad_input_names_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = CliRunner().invoke(app, ["build", str(missing), "--out", str(tmp_path / "out")])
    assert result.exit_code != 0
    assert "nope.txt" in result.output
    assert not (tmp_path / "out").exists()


def test_build_store_exports_and_redraws(built: Path, tmp_path: Path) -> None:
    target = tmp_path / "graph.nt"
    result = CliRunner().invoke(
        app, ["export", "--store", str(built / "store"), "--format", "ntriples", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    triples = rdflib.Graph().parse(target, format="nt")
    assert isomorphic(triples, rdflib.Graph().parse(built / "graph.ttl", format="turtle"))
    page = tmp_path / "graph.html"
    result = CliRunner().invoke(app, ["viz", "--store", str(built / "store"), "-o", str(page)])
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    label = "益阳市行政审批服务局"
    assert label in html or json.dumps(label)[1:-1] in html  # pyvis writes node data as ASCII-escaped JSON
