"""ontology/govkg.ttl loads, survives an OWL 2 RL closure, and says what the converter reads from it."""

from __future__ import annotations

import owlrl
import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from seed_extractions import seed_000

from kg.model import ENTITY_TYPES, GRAPH_ONLY_RELATIONS, RELATION_TYPES
from kg.namespace import ELI, GK, ORG
from kg.paths import ontology_path
from kg.rdf import to_quads
from kg.rdf.vocab import classes_of, concept, relation_properties

ERRORS = rdflib.URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")


def _closure(graph: rdflib.Graph) -> rdflib.Graph:
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return graph


def _quads_as_graph(quads) -> rdflib.Graph:
    graph = rdflib.Graph()
    for q in quads:
        graph.add(tuple(rdflib.util.from_n3(str(t)) for t in (q.subject, q.predicate, q.object)))
    return graph


def test_ontology_loads_with_rdflib_and_declares_the_eight_disjoint_entity_classes() -> None:
    graph = rdflib.Graph().parse(ontology_path(), format="turtle")
    (disjoint,) = list(graph.subjects(RDF.type, OWL.AllDisjointClasses))
    members = list(rdflib.collection.Collection(graph, graph.value(disjoint, OWL.members)))
    assert {str(m) for m in members} == {str(GK[t]) for t in ENTITY_TYPES}
    for type_ in ENTITY_TYPES:
        assert list(graph.objects(GK[type_], RDFS.subClassOf)), f"{type_} has no standard superclass"


def test_ontology_owlrl_closure_of_ontology_and_seed_graph_is_consistent() -> None:
    graph = rdflib.Graph().parse(ontology_path(), format="turtle")
    graph += _quads_as_graph(to_quads(seed_000()))
    closed = _closure(graph)
    errors = [str(m) for e in closed.subjects(RDF.type, ERRORS) for m in closed.objects(e, None)]
    assert not errors
    assert not list(closed.subjects(RDF.type, OWL.Nothing))
    # inference the ontology promises: an issuing body is what the document is attributed to
    doc = rdflib.URIRef("https://w3id.org/govkg/id/PolicyDocument/益阳市行政审批服务局2021年法治建设工作要点")
    issuer = rdflib.URIRef("https://w3id.org/govkg/id/Agency/益阳市行政审批服务局")
    assert (doc, GK.issuedBy, issuer) in closed
    assert (doc, rdflib.URIRef("http://www.w3.org/ns/prov#wasAttributedTo"), issuer) in closed


def test_ontology_closure_flags_an_entity_typed_both_agency_and_law() -> None:
    graph = rdflib.Graph().parse(ontology_path(), format="turtle")
    thing = rdflib.URIRef("https://example.org/both")
    graph.add((thing, RDF.type, GK.Agency))
    graph.add((thing, RDF.type, GK.Law))
    assert list(_closure(graph).subjects(RDF.type, ERRORS))


def test_ontology_relation_types_map_to_properties() -> None:
    table = relation_properties()
    assert set(table) == set(RELATION_TYPES) | set(GRAPH_ONLY_RELATIONS)
    assert table["operates"] == str(GK.operates)
    assert table["subOrganizationOf"] == str(ORG.subOrganizationOf)
    assert table["implements"] == str(GK.implements)


@pytest.mark.parametrize(("label", "expected"), [
    ("宪法", GK.constitutionRank), ("法律", GK.lawRank), ("行政法规", GK.administrativeRegulationRank),
    ("地方性法规", GK.localRegulationRank), ("规章", GK.governmentRuleRank),
    ("部门规章", GK.governmentRuleRank),
    ("规范性文件", GK.normativeDocumentRank), ("normative_document", GK.normativeDocumentRank),
    ("normative", GK.normativeDocumentRank), ("regulation", GK.regulationRank), ("法规", GK.regulationRank),
])
def test_ontology_legal_hierarchy_concepts_found_by_label(label: str, expected: rdflib.URIRef) -> None:
    assert concept(GK.legalHierarchy, label) == str(expected)


def test_ontology_legal_hierarchy_is_ordered_constitution_first() -> None:
    graph = rdflib.Graph().parse(ontology_path(), format="turtle")
    ranked = [c for c in graph.subjects(SKOS.inScheme, GK.legalHierarchy) if graph.value(c, GK.rankLevel)]
    ranks = [str(c) for c in sorted(ranked, key=lambda c: int(graph.value(c, GK.rankLevel)))]
    assert len(ranks) == 6
    assert ranks[0] == str(GK.constitutionRank) and ranks[-1] == str(GK.normativeDocumentRank)
    assert all((rdflib.URIRef(r), RDF.type, ELI.ResourceType) in graph for r in ranks)


def test_ontology_class_closure_reaches_standard_classes() -> None:
    assert str(ORG.Organization) in classes_of(str(GK.Agency))
    assert str(ELI.LegalResource) in classes_of(str(GK.Law))
    assert str(SKOS.Concept) in classes_of(str(GK.Reform))
    assert str(RDF.Statement) in classes_of(str(GK.Assertion))
