"""`kg validate`: the seeds' graph satisfies ontology/shapes.ttl, and deliberately broken graphs fail with the
broken rule and the offending node named."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import RDF, SKOS
from seed_store import METRIC_DOC, built_seeds, metric_dataset
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import ResourceError
from kg.namespace import GK, OA
from kg.rdf import Minter
from kg.validate import read_graph, store_graph, validate_graph

BUREAU = rdflib.URIRef("https://w3id.org/govkg/id/Agency/益阳市行政审批服务局")
CONSTITUTION = rdflib.URIRef("https://w3id.org/govkg/id/Law/中华人民共和国宪法")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return built_seeds(tmp_path_factory)


@pytest.fixture(scope="module")
def seeds_graph(out: Path) -> rdflib.Graph:
    return store_graph(out / "store")


def test_semantic_validate_passes_on_the_seeds(out: Path) -> None:
    result = CliRunner().invoke(app, ["validate", "--store", str(out / "store")])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("valid:") and "0 violation(s)" in result.stdout


def test_semantic_validate_fails_naming_each_violation(seeds_graph: rdflib.Graph, tmp_path: Path) -> None:
    broken = rdflib.Graph()
    broken += seeds_graph
    broken.remove((BUREAU, SKOS.prefLabel, None))  # no preferred label
    broken.add((CONSTITUTION, RDF.type, GK.Agency))  # two entity classes
    mention = next(broken.subjects(RDF.type, GK.Mention))
    broken.set((mention, GK.confidence, rdflib.Literal("1.5", datatype=rdflib.XSD.decimal)))
    assertion = next(broken.subjects(RDF.predicate, GK.implements))
    subject, object_ = broken.value(assertion, RDF.subject), broken.value(assertion, RDF.object)
    for other in list(broken.subjects(RDF.object, object_)):  # the relation triple loses every reification
        if broken.value(other, RDF.subject) == subject:
            broken.remove((other, None, None))
    path = tmp_path / "broken.ttl"
    broken.serialize(path, format="turtle")

    result = CliRunner().invoke(app, ["validate", "--data", str(path)])
    assert result.exit_code == 1
    report = result.output
    assert report.startswith("NOT valid")
    assert "an entity needs exactly one preferred label" in report and "agency:益阳市行政审批服务局" in report
    assert "exactly one entity class" in report and "law:中华人民共和国宪法" in report
    assert "confidence is one decimal between 0 and 1" in report and "= 1.5" in report
    assert "has no gk:Assertion saying which report states it" in report


def test_semantic_validate_relation_range_and_offsets(seeds_graph: rdflib.Graph) -> None:
    broken = rdflib.Graph()
    broken += seeds_graph
    broken.add((BUREAU, GK.implements, CONSTITUTION))  # a law is not a reform
    selector = next(broken.subjects(RDF.type, OA.TextPositionSelector))
    start = int(broken.value(selector, OA.start))
    broken.set((selector, OA.end, rdflib.Literal(start)))  # empty span
    report = validate_graph(broken)
    assert not report.conforms
    messages = {problem.message.split(" / ")[0] for problem in report.violations()}
    assert "what a body implements is a reform (gk:Reform)" in messages
    assert any(message.startswith("a position selector has one start offset") for message in messages)
    (wrong,) = [p for p in report.violations() if p.message.startswith("what a body implements")]
    assert (wrong.focus, wrong.value) == ("agency:益阳市行政审批服务局", "law:中华人民共和国宪法")


def metric_report_graph(dataset: ox.Store) -> rdflib.Graph:
    """Report 003's graph alone (where the metrics are): validating one report is a third of the time."""
    quads = dataset.quads_for_pattern(None, None, None, ox.NamedNode(Minter().graph(METRIC_DOC)))
    graph = rdflib.Graph()
    graph.parse(data=ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


def test_semantic_validate_metrics_are_numbers_with_units(tmp_path_factory) -> None:
    assert validate_graph(metric_report_graph(metric_dataset(tmp_path_factory))).conforms
    report = validate_graph(metric_report_graph(metric_dataset(tmp_path_factory, value_term='"1114套"')))
    problems = [p for p in report.violations() if p.message.startswith("a metric has exactly one value")]
    assert len(problems) == 2 and {p.value for p in problems} == {"1114套"}


def test_semantic_validate_unreadable_input_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"bad\.ttl: cannot parse"):
        read_graph(bad)
    result = CliRunner().invoke(app, ["validate", "--store", str(tmp_path / "none")])
    assert result.exit_code == 2 and "no store here" in " ".join(result.output.split())
