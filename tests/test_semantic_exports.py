"""Exports of the seeds' graph load unchanged into rdflib and pyoxigraph with the same triple counts; the ontology
survives an OWL 2 RL closure; `kg export --inferred` adds what the ontology implies and nothing malformed."""

from __future__ import annotations

from pathlib import Path

import owlrl
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import OWL, RDF
from seed_extractions import seed_000
from seed_store import built_seeds
from typer.testing import CliRunner

from kg.cli import app
from kg.export import export, merged_triples
from kg.namespace import GK, PROV
from kg.paths import ontology_path
from kg.rdf import to_quads
from kg.reason import INFERRED_GRAPH, owlrl_errors
from kg.store import add_report, open_store, report_graphs

ERRORS = rdflib.URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")
BUREAU = rdflib.URIRef("https://w3id.org/govkg/id/Agency/益阳市行政审批服务局")
WORK_POINTS = rdflib.URIRef("https://w3id.org/govkg/id/PolicyDocument/益阳市行政审批服务局2021年法治建设工作要点")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return built_seeds(tmp_path_factory)


@pytest.fixture(scope="module")
def store(out: Path) -> ox.Store:
    return ox.Store.read_only(str(out / "store"))


@pytest.fixture(scope="module")
def inferred_ttl(out: Path, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("inferred") / "inferred.ttl"
    result = CliRunner().invoke(app, ["export", "--store", str(out / "store"), "--inferred", "-o", str(target)])
    assert result.exit_code == 0, result.output
    return target


def test_semantic_turtle_loads_into_rdflib_and_oxigraph_with_equal_counts(out: Path, store: ox.Store,
                                                                          tmp_path: Path) -> None:
    exported = tmp_path / "graph.ttl"
    CliRunner().invoke(app, ["export", "--store", str(out / "store"), "-f", "turtle", "-o", str(exported)])
    expected = len(merged_triples(store))
    for path in (out / "graph.ttl", exported):
        in_rdflib = rdflib.Graph().parse(path, format="turtle")
        in_oxigraph = ox.Store()
        in_oxigraph.load(path=str(path), format=ox.RdfFormat.TURTLE)
        assert len(in_rdflib) == len(in_oxigraph) == expected, path
    assert (BUREAU, GK.implements, rdflib.URIRef("https://w3id.org/govkg/id/Reform/一件事一次办")) in in_rdflib


def test_semantic_trig_loads_into_rdflib_and_oxigraph_graph_by_graph(out: Path, store: ox.Store) -> None:
    in_rdflib = rdflib.Dataset().parse(out / "graph.trig", format="trig")
    in_oxigraph = ox.Store()
    in_oxigraph.load(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
    assert len(in_oxigraph) == len(store)
    graphs = report_graphs(store)
    assert len(graphs) == 5
    for name in graphs:
        ours = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(name)))
        loaded = sum(1 for _ in in_oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(name)))
        assert len(in_rdflib.graph(rdflib.URIRef(name))) == loaded == ours, name


def test_semantic_ontology_alone_passes_an_owlrl_closure() -> None:
    graph = rdflib.Graph().parse(ontology_path(), format="turtle")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    assert not list(graph.subjects(RDF.type, ERRORS))
    assert (GK.Agency, rdflib.RDFS.subClassOf, rdflib.URIRef("http://xmlns.com/foaf/0.1/Agent")) in graph


def test_semantic_export_inferred_adds_what_the_ontology_implies(inferred_ttl: Path, out: Path) -> None:
    plain = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    inferred = rdflib.Graph().parse(inferred_ttl, format="turtle")
    added = set(inferred) - set(plain)
    assert set(plain) <= set(inferred) and added
    assert (WORK_POINTS, GK.issuedBy, BUREAU) in added  # owl:inverseOf gk:issued
    assert (WORK_POINTS, PROV.wasAttributedTo, BUREAU) in added  # gk:issuedBy rdfs:subPropertyOf
    assert (BUREAU, rdflib.URIRef("https://schema.org/location"),
            rdflib.URIRef("https://w3id.org/govkg/id/Place/益阳市")) in added
    # the compact provenance is Web Annotation again under inference: motivation from the class, the evidence's
    # body from gk:hasEvidence (gk:evidenceOf, its inverse, is a subproperty of oa:hasBody)
    oa = rdflib.Namespace("http://www.w3.org/ns/oa#")
    for evidence in plain.subjects(RDF.type, GK.Evidence):
        assert (evidence, oa.motivatedBy, GK.evidencing) in added
        assert (evidence, RDF.type, oa.Annotation) in added
        (fact,) = plain.subjects(GK.hasEvidence, evidence)
        assert (evidence, oa.hasBody, fact) in added
    for mention in plain.subjects(RDF.type, GK.Mention):
        assert (mention, oa.motivatedBy, oa.identifying) in added
    # facts are typed by their own class only: the superclasses come back under inference
    for assertion in plain.subjects(RDF.type, GK.Assertion):
        assert {(assertion, RDF.type, RDF.Statement), (assertion, RDF.type, PROV.Entity)} <= added
    for s, p, o in added:  # nothing trivial or malformed
        assert isinstance(s, rdflib.URIRef) and not isinstance(o, rdflib.BNode)
        assert not (p == OWL.sameAs and s == o) and o != OWL.Thing
    assert not owlrl_errors(inferred)


def test_semantic_export_inferred_trig_keeps_inferences_in_their_own_graph(tmp_path: Path) -> None:
    """The dataset branch, on the hand-built extraction of seed 000 (a closure of the full seeds costs ~15 s)."""
    small = open_store(tmp_path / "store")
    add_report(small, to_quads(seed_000()))
    small.flush()
    target = tmp_path / "inferred.trig"
    count = export(small, "trig", target, inferred=True)
    dataset = rdflib.Dataset().parse(target, format="trig")
    assert count == sum(1 for _ in dataset.quads((None, None, None, None)))
    inferred = dataset.graph(rdflib.URIRef(INFERRED_GRAPH))
    assert (WORK_POINTS, GK.issuedBy, BUREAU) in inferred
    (report,) = report_graphs(small)
    assert (WORK_POINTS, GK.issuedBy, BUREAU) not in dataset.graph(rdflib.URIRef(report))
    assert (WORK_POINTS, GK.issued, BUREAU) not in inferred
