"""`kg validate`: the seeds' graph satisfies ontology/shapes.ttl, and deliberately broken graphs fail with the
broken rule and the offending node named."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import RDF, RDFS, SKOS
from seed_store import built_seeds
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import ResourceError
from kg.namespace import GK
from kg.query import compact
from kg.rdf import Minter
from kg.validate import read_graph, store_graph, validate_graph

BUREAU = rdflib.URIRef("https://w3id.org/govkg/id/Agency/益阳市行政审批服务局")
CONSTITUTION = rdflib.URIRef("https://w3id.org/govkg/id/Law/中华人民共和国宪法")
SCHEMA = rdflib.Namespace("https://schema.org/")
FANGCHENGGANG = "003_800e7386b3b145c4"  # seed 003, 防城港市大数据和行政审批局 2021


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
    mention = next(broken.subjects(RDF.type, GK.Mention))
    start = int(broken.value(mention, GK.start))
    broken.set((mention, GK.end, rdflib.Literal(start)))  # empty span
    report = validate_graph(broken)
    assert not report.conforms
    messages = {problem.message.split(" / ")[0] for problem in report.violations()}
    assert "what a body implements is a reform (gk:Reform)" in messages
    assert any(message.startswith("a mention or evidence has one start offset") for message in messages)
    (wrong,) = [p for p in report.violations() if p.message.startswith("what a body implements")]
    assert (wrong.focus, wrong.value) == ("agency:益阳市行政审批服务局", "law:中华人民共和国宪法")


def report_graph(out: Path, doc_id: str) -> rdflib.Graph:
    """One report's graph alone, as the build stored it: validating one report is a third of the time."""
    store = ox.Store.read_only(str(out / "store"))
    quads = store.quads_for_pattern(None, None, None, ox.NamedNode(Minter().graph(doc_id)))
    graph = rdflib.Graph()
    graph.parse(data=ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


def test_semantic_validate_metrics_are_numbers_with_units_and_evidence(out: Path) -> None:
    """The metrics extracted from seed 003 (目前,我市市縣兩級精品套餐1114套,申請材料減少了1200項以上) conform;
    a value that is not a number and a metric without evidence do not."""
    graph = report_graph(out, FANGCHENGGANG)
    assert validate_graph(graph).conforms
    by_phrase = {str(graph.value(m, RDFS.label)): m for m in graph.subjects(RDF.type, GK.Metric)}
    packages = next(m for phrase, m in by_phrase.items() if phrase.endswith("精品套餐1114套"))
    materials = next(m for phrase, m in by_phrase.items() if phrase.endswith("申請材料減少了1200項以上"))
    assert graph.value(packages, SCHEMA.unitText) == rdflib.Literal("套")
    graph.set((packages, SCHEMA.value, rdflib.Literal("1114套")))
    graph.remove((materials, GK.hasEvidence, None))
    report = validate_graph(graph)
    (number,) = [p for p in report.violations() if p.message.startswith("a metric has exactly one value")]
    assert (number.value, number.focus) == ("1114套", compact(ox.NamedNode(str(packages))))
    (unanchored,) = [p for p in report.violations() if p.message.startswith("a metric needs evidence")]
    assert unanchored.focus == compact(ox.NamedNode(str(materials)))
    assert any(p.message.startswith("evidence belongs to exactly one fact") for p in report.violations())


def test_semantic_validate_unreadable_input_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"bad\.ttl: cannot parse"):
        read_graph(bad)
    result = CliRunner().invoke(app, ["validate", "--store", str(tmp_path / "none")])
    assert result.exit_code == 2 and "no store here" in " ".join(result.output.split())
