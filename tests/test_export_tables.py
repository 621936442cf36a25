"""`kg export --format csv|graphml|gexf` on the seeds' build: every node and every fact with its evidence, as
hand-written SPARQL over the store finds them; loadable unchanged by pandas, networkx and Gephi's importers
(GraphML and GEXF attribute types they accept, no None, no lists)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd
import pyoxigraph as ox
import pytest
from lxml import etree
from seed_store import built_seeds, seed_text
from typer.testing import CliRunner

from kg.cli import app
from kg.property_graph import export_table

PREFIXES = """PREFIX gk: <https://w3id.org/govkg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
ENTITIES = PREFIXES + """SELECT DISTINCT ?e WHERE { GRAPH ?g { ?e a ?c } VALUES ?c { gk:Agency gk:Organization
  gk:Law gk:PolicyDocument gk:Reform gk:Place gk:Person gk:Platform } }"""
FACTS = PREFIXES + """SELECT DISTINCT ?a WHERE { GRAPH ?g { ?a rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } }"""
EVIDENCE = PREFIXES + """SELECT ?a ?start ?end ?rule WHERE { GRAPH ?g {
  ?a rdf:subject ?s ; gk:hasEvidence ?e . ?e gk:start ?start ; gk:end ?end ; gk:extractionRule/rdfs:label ?rule } }"""
GEPHI_GRAPHML_TYPES = {"boolean", "int", "long", "float", "double", "string"}
GEPHI_GEXF_TYPES = {"boolean", "integer", "long", "float", "double", "string"}
YIYANG = "https://w3id.org/govkg/id/Agency/益阳市行政审批服务局"
ONE_VISIT = "https://w3id.org/govkg/id/Reform/一件事一次办"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    return built_seeds(tmp_path_factory) / "store"


@pytest.fixture(scope="module")
def expected(store_path: Path) -> dict[str, set]:
    store = ox.Store.read_only(str(store_path))
    found = {
        "entities": {row["e"].value for row in store.query(ENTITIES)},
        "facts": {row["a"].value for row in store.query(FACTS)},
        "evidence": {(row["a"].value, int(row["start"].value), int(row["end"].value), row["rule"].value)
                     for row in store.query(EVIDENCE)},
    }
    del store
    return found


@pytest.fixture(scope="module")
def tables(store_path: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("tables")
    result = CliRunner().invoke(app, ["export", "--format", "csv", "-o", str(out), "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    return out


def test_export_csv_nodes_are_the_entities_of_the_store(tables: Path, expected) -> None:
    nodes = pd.read_csv(tables / "nodes.csv")
    assert set(nodes["id"]) == expected["entities"] and nodes["id"].is_unique
    yiyang = nodes.set_index("id").loc[YIYANG]
    assert (yiyang["label"], yiyang["type"], yiyang["places"], yiyang["first_year"]) == (
        "益阳市行政审批服务局", "Agency", "益阳市", 2021)


def test_export_csv_edges_are_every_evidence_with_its_sentence(tables: Path, expected) -> None:
    edges = pd.read_csv(tables / "edges.csv", keep_default_na=False)
    assert set(edges["assertion"]) == expected["facts"]
    rows = {(r.assertion, r.evidence_start, r.evidence_end, r.rule) for r in edges.itertuples() if r.rule}
    assert rows == expected["evidence"] and len(edges) == len(expected["evidence"])
    for row in edges.itertuples():  # every sentence is the report's text at its offsets
        assert seed_text(row.report)[row.start:row.end] == row.sentence
    # 益阳: 二是纵深推进“一件事一次办”改革工作。 (an achievement of 2021)
    found = edges[(edges.source == YIYANG) & (edges.target == ONE_VISIT) & (edges.predicate == "implements")]
    assert ("二是纵深推进“一件事一次办”改革工作。", "achieved", 2021, "000_305e9a0e456975a1") in {
        (r.sentence, r.status, r.year, r.report) for r in found.itertuples()}


def test_export_graphml_loads_in_networkx_with_every_node_and_edge(store_path: Path, expected, tmp_path) -> None:
    out = tmp_path / "graph.graphml"
    export_table(store_path, "graphml", out)
    graph = nx.read_graphml(out)  # what Gephi's importer reads: nodes, typed keys, one edge per fact and report
    assert isinstance(graph, nx.MultiDiGraph)
    assert set(graph.nodes) == expected["entities"]
    assert {key for _, _, key in graph.edges(keys=True)} == expected["facts"]
    assert graph.nodes[YIYANG]["label"] == "益阳市行政审批服务局"
    edge = graph.get_edge_data(YIYANG, ONE_VISIT)
    assert {data["predicate"] for data in edge.values()} == {"implements"}
    root = etree.parse(str(out)).getroot()
    types = {key.get("attr.type") for key in root.iter("{http://graphml.graphdrawing.org/xmlns}key")}
    assert types <= GEPHI_GRAPHML_TYPES, types
    values = [data.text or "" for data in root.iter("{http://graphml.graphdrawing.org/xmlns}data")]
    assert values and not any(value in {"None", "nan"} or value.startswith("[") for value in values)


def test_export_gexf_loads_in_networkx_with_every_node_and_edge(store_path: Path, expected, tmp_path) -> None:
    out = tmp_path / "graph.gexf"
    result = CliRunner().invoke(app, ["export", "-f", "gexf", "-o", str(out), "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    graph = nx.read_gexf(out)
    assert set(graph.nodes) == expected["entities"]
    assert graph.number_of_edges() == len(expected["facts"])
    root = etree.parse(str(out)).getroot()
    types = {element.get("type") for element in root.iter() if str(element.tag).endswith("}attribute")}
    assert types <= GEPHI_GEXF_TYPES, types
    values = [element.get("value") for element in root.iter() if str(element.tag).endswith("}attvalue")]
    assert values and not any(value in {"None", "nan"} or value.startswith("[") for value in values)


def test_export_unknown_format_names_every_format(store_path: Path, tmp_path) -> None:
    result = CliRunner().invoke(app, ["export", "-f", "xlsx", "-o", str(tmp_path / "x"), "--store", str(store_path)])
    assert result.exit_code == 1
    assert "csv, graphml, gexf" in result.output and "turtle" in result.output
