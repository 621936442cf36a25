"""docs/ontology.md is generated from the ontology and current; it documents every class and property, and the
ontology keeps its own promises: own classes under a standard class, own object properties with domain and range."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from kg.paths import ontology_path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "ontology.md"
GK = "https://w3id.org/govkg/ontology#"
STANDARDS = ("http://www.w3.org/ns/org#", "https://schema.org/", "http://data.europa.eu/eli/ontology#",
             "http://www.w3.org/ns/prov#", "http://www.w3.org/ns/oa#", "http://www.w3.org/2004/02/skos/core#",
             "http://purl.org/dc/terms/", "http://xmlns.com/foaf/0.1/", "http://www.w3.org/1999/02/22-rdf-syntax-ns#")
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_path(), format="turtle")


def test_semantic_ontology_doc_is_current() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "make_ontology_doc.py"), "--check"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr


def test_semantic_ontology_doc_documents_every_class_and_property() -> None:
    graph, text = ontology(), DOC.read_text(encoding="utf-8")
    terms = {t for kind in KINDS for t in graph.subjects(RDF.type, kind) if isinstance(t, rdflib.URIRef)}
    assert len(terms) > 90
    missing = [t for t in terms if f"`{graph.namespace_manager.normalizeUri(t)}`" not in text]
    assert not missing
    sections = text.split("\n### ")
    for term in (t for t in terms if str(t).startswith(GK)):
        name = f"`gk:{str(term)[len(GK):]}`"
        (section,) = [s for s in sections if s.startswith(name)]
        assert "\n- Alignment: " in section, name
    assert "| `org:holds` | W3C Organization Ontology (ORG) | domain `foaf:Agent`, range `org:Post` |" in text


def test_semantic_ontology_own_classes_sit_under_standard_classes() -> None:
    graph = ontology()
    for cls in (c for c in graph.subjects(RDF.type, OWL.Class) if str(c).startswith(GK)):
        supers = [str(s) for s in graph.objects(cls, RDFS.subClassOf)]
        assert any(s.startswith(STANDARDS) for s in supers), f"{cls} has no standard superclass"


def test_semantic_ontology_own_object_properties_have_domain_and_range() -> None:
    graph = ontology()
    for prop in (p for p in graph.subjects(RDF.type, OWL.ObjectProperty) if str(p).startswith(GK)):
        assert graph.value(prop, RDFS.domain) is not None, f"{prop} has no domain"
        assert graph.value(prop, RDFS.range) is not None, f"{prop} has no range"
