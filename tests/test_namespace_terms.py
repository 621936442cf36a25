"""kg.namespace.GK and ontology/govkg.ttl name exactly the same terms."""

from __future__ import annotations

import pytest
import rdflib
from rdflib.namespace import OWL, RDF

from kg.namespace import ELI, GK, OA, SPDX
from kg.paths import ontology_path


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_path(), format="turtle")


def _declared_gk_terms(graph: rdflib.Graph) -> set[str]:
    return {str(s) for s in graph.subjects(RDF.type, None) if isinstance(s, rdflib.URIRef) and s in GK}


def test_namespace_every_gk_term_is_declared_in_the_ontology(ontology: rdflib.Graph) -> None:
    missing = {str(term) for term in dir(GK)} - _declared_gk_terms(ontology)
    assert not missing, f"in kg/namespace.py GK but not declared in govkg.ttl: {sorted(missing)}"


def test_namespace_every_ontology_term_is_in_gk(ontology: rdflib.Graph) -> None:
    used = {str(t) for triple in ontology for t in triple if isinstance(t, rdflib.URIRef) and t in GK}
    missing = used - {str(term) for term in dir(GK)}
    assert not missing, f"used in govkg.ttl but missing from GK: {sorted(missing)}"


def test_namespace_misspelled_term_raises() -> None:
    with pytest.raises(AttributeError):
        _ = GK.implement
    with pytest.raises(AttributeError):
        _ = OA.hasSelectors


def test_namespace_pyoxigraph_terms_are_the_closed_namespace_s_terms() -> None:
    """The converter's pyoxigraph view of a namespace (kg.rdf.terms.Terms) keeps rdflib's closed-term check."""
    import pyoxigraph as ox

    from kg.rdf.terms import Terms

    gk = Terms(GK)
    assert gk.implements == ox.NamedNode("https://w3id.org/govkg/ontology#implements")
    assert gk["Reform"] == ox.NamedNode(str(GK.Reform))
    assert gk.implements is gk.implements  # built once, then a plain attribute
    with pytest.raises(AttributeError):
        _ = gk.implement
    with pytest.raises(AttributeError):
        _ = Terms(OA).hasSelectors


def test_namespace_reused_terms_used_by_the_ontology_exist_in_our_closed_namespaces(
        ontology: rdflib.Graph) -> None:
    for ns in (ELI, OA, SPDX):
        used = {str(t) for triple in ontology for t in triple if isinstance(t, rdflib.URIRef)
                and str(t).startswith(str(ns)) and str(t) != str(ns)}
        assert used <= {str(term) for term in dir(ns)}, f"{ns}: {sorted(used - set(map(str, dir(ns))))}"


def test_namespace_declared_gk_terms_have_bilingual_labels(ontology: rdflib.Graph) -> None:
    for term in _declared_gk_terms(ontology):
        if (rdflib.URIRef(term), RDF.type, OWL.AllDisjointClasses) in ontology:
            continue
        langs = {lit.language for lit in ontology.objects(rdflib.URIRef(term), rdflib.RDFS.label)}
        assert {"zh-hans", "en"} <= {str(lang).lower() for lang in langs}, term
