"""The SPARQL engine of `kg validate` (kg.shacl: shapes compiled to queries on the store) reports exactly what
pySHACL reports for the same shapes and data: on the seeds' store, and on the seeds' graph broken in twenty ways
that each break a different kind of constraint."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF, SKOS, XSD
from seed_store import built_seeds
from typer.testing import CliRunner

from kg.cli import app
from kg.namespace import DCTERMS, ELI, GK, OA, SCHEMA, SPDX
from kg.validate import store_graph, validate, validate_graph

BUREAU = rdflib.URIRef("https://w3id.org/govkg/id/Agency/益阳市行政审批服务局")
CONSTITUTION = rdflib.URIRef("https://w3id.org/govkg/id/Law/中华人民共和国宪法")
ORPHAN = rdflib.URIRef("https://w3id.org/govkg/id/Agency/无出处局")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return built_seeds(tmp_path_factory)


@pytest.fixture(scope="module")
def seeds_graph(out: Path) -> rdflib.Graph:
    return store_graph(out / "store")


def first(graph: rdflib.Graph, cls: rdflib.URIRef, index: int = 0) -> rdflib.term.Node:
    return sorted(graph.subjects(RDF.type, cls))[index]


def broken(seeds: rdflib.Graph) -> tuple[rdflib.Graph, set[str]]:
    """The seeds' graph with one break per kind of constraint, and the start of the message each must raise."""
    g = rdflib.Graph()
    g += seeds
    g.remove((BUREAU, SKOS.prefLabel, None))  # minCount
    g.add((CONSTITUTION, RDF.type, GK.Agency))  # qualifiedMaxCount (two entity classes)
    mentions = sorted(g.subjects(RDF.type, GK.Mention))
    g.set((mentions[0], GK.confidence, rdflib.Literal("1.5", datatype=XSD.decimal)))  # maxInclusive
    g.set((mentions[1], GK.end, g.value(mentions[1], GK.start)))  # lessThan
    g.set((mentions[2], OA.hasBody, g.value(mentions[2], GK.inSentence)))  # sh:or of classes (a sentence)
    sentences = sorted(g.subjects(RDF.type, GK.Sentence))
    g.set((mentions[3], GK.inSentence, sentences[-1]))  # SPARQL: offsets outside its sentence
    g.add((BUREAU, GK.implements, CONSTITUTION))  # class of a value, and SPARQL: a relation with no assertion
    g.add((ORPHAN, DCTERMS.identifier, rdflib.Literal("Agency/无出处局")))  # sh:or of paths: no evidence at all
    g.add((ORPHAN, RDF.type, GK.Agency))
    g.add((ORPHAN, SKOS.prefLabel, rdflib.Literal("无出处局", lang="zh-Hans")))
    g.add((ORPHAN, SKOS.altLabel, rdflib.Literal("无出处")))  # datatype: no language tag
    place = first(g, GK.Place)
    g.add((place, GK.cites, CONSTITUTION))  # node-level sh:or: a place does not cite
    g.add((place, GK.divisionCode, rdflib.Literal("99x")))  # pattern
    assertion = first(g, GK.Assertion)
    g.set((assertion, RDF.predicate, SKOS.related))  # sh:in
    g.add((assertion, RDF.object, rdflib.Literal("not a node")))  # nodeKind and maxCount
    report = first(g, GK.Report)
    g.add((report, DCTERMS.creator, ORPHAN))  # maxCount (a second author)
    g.remove((report, GK.coversYear, None))  # a warning (minCount with sh:Warning)
    checksum = g.value(g.value(report, rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")), SPDX.checksum)
    value = g.value(checksum, SPDX.checksumValue)
    g.set((checksum, SPDX.checksumValue, rdflib.Literal(str(value)[:-2], datatype=XSD.hexBinary)))  # sh:node
    law = next(iter(sorted(g.subjects(ELI.type_document, None))))
    g.set((law, ELI.type_document, GK.achieved))  # class of a value the ontology types (not a legal rank)
    metric = first(g, GK.Metric)
    g.set((metric, SCHEMA.value, rdflib.Literal("1114套")))  # sh:or of datatypes
    g.set((metric, SCHEMA.unitText, rdflib.Literal("")))  # minLength
    g.remove((first(g, GK.Sentence, 1), RDF.value, None))  # minCount on a sentence
    evidence = first(g, GK.Evidence)
    g.add((first(g, GK.Assertion, 1), GK.hasEvidence, evidence))  # inverse path maxCount
    expected = {
        "an entity needs exactly one preferred label", "an entity needs exactly one entity class",
        "confidence is one decimal", "a mention or evidence has one start offset", "a mention is of exactly one",
        "a mention or evidence lies inside its sentence", "what a body implements is a reform",
        "relation https://w3id.org/govkg/ontology#implements", "an entity needs at least one piece of evidence",
        "an alternative label is a language-tagged", "only a body, a document or a law cites",
        "a division code is one NBS code", "an assertion's predicate is one of", "an assertion has exactly one object",
        "a report has at most one author", "the year the report covers was not found",
        "a report is derived from exactly one source file", "a legal resource has one rank",
        "a metric has exactly one value", "a metric has exactly one unit", "a sentence holds its text once",
        "evidence belongs to exactly one fact",
    }
    return g, expected


def test_semantic_validate_engines_agree_on_the_seeds_store(out: Path, seeds_graph: rdflib.Graph) -> None:
    by_sparql = validate(out / "store")  # on the store itself: the legal ranks are typed in the ontology only
    by_pyshacl = validate_graph(seeds_graph, engine="pyshacl")
    assert by_sparql.problems == by_pyshacl.problems
    assert by_sparql.conforms and by_pyshacl.conforms
    assert by_sparql.triples == by_pyshacl.triples == len(seeds_graph)


def test_semantic_validate_engines_agree_on_a_broken_graph(seeds_graph: rdflib.Graph) -> None:
    graph, expected = broken(seeds_graph)
    by_sparql = validate_graph(graph, engine="sparql")
    by_pyshacl = validate_graph(graph, engine="pyshacl")
    assert by_sparql.problems == by_pyshacl.problems
    found = {problem.message for problem in by_sparql.problems}
    missing = [start for start in expected if not any(message.startswith(start) for message in found)]
    assert not missing, missing
    assert not by_sparql.conforms
    assert any(p.severity == "Warning" for p in by_sparql.problems)


def test_semantic_validate_unsupported_shape_is_a_one_line_error(out: Path, tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
                      "<urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ; sh:xone ( [ sh:class <urn:A> ] ) .\n",
                      encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "--store", str(out / "store"), "--shapes", str(shapes)])
    assert result.exit_code == 2
    message = " ".join(result.output.split())
    assert "shapes.ttl" in message and "sh:xone" in message and "--engine pyshacl" in message
