"""The curator's decisions as provenance in the report graph they changed (PROV-O, no term of our own).

Each decision applied to a report is a ``prov:Activity`` (``<base>curation/<digest of its row>``) labelled with
what it says, associated with its curator (a ``prov:Agent``, ``<base>curator/<name>``), dated and annotated with
the note when the row has them. The report's graph ``prov:wasInfluencedBy`` it, and each entity and fact
(``gk:Assertion``) it changed or confirmed is ``prov:wasAttributedTo`` the curator and ``prov:wasInfluencedBy``
the decision: the evidence query and the exports read that as "curated". Stated inside the report graph, the
decisions go and come with it: a rebuild or an update that replaces the graph states them again.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.curation.apply import Applied
from kg.rdf.iri import DEFAULT_BASE, Minter, segment
from kg.rdf.terms import DCTERMS, PROV, RDF, RDFS, XSD
from kg.rdf.vocab import typed, zh_literal


def decision_iri(decision_id: str, base: str = DEFAULT_BASE) -> str:
    return f"{Minter(base).base}curation/{decision_id}"


def curator_iri(name: str, base: str = DEFAULT_BASE) -> str:
    return f"{Minter(base).base}curator/{segment(name)}"


def curation_quads(doc_id: str, applied: list[Applied], base: str = DEFAULT_BASE) -> list[ox.Quad]:
    """The quads stating ``applied`` (what kg.curation.apply_curation did to report ``doc_id``) in its graph."""
    mint = Minter(base)
    graph = ox.NamedNode(mint.graph(doc_id))
    quads: dict[ox.Quad, None] = {}

    def add(s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        quads[ox.Quad(s, p, o, graph)] = None

    for done in applied:
        decision = done.decision
        node = ox.NamedNode(decision_iri(decision.id, mint.base))
        curator = ox.NamedNode(curator_iri(decision.curator, mint.base))
        add(node, RDF.type, PROV.Activity)
        add(node, RDFS.label, zh_literal(decision.label))
        add(node, PROV.wasAssociatedWith, curator)
        if decision.note:
            add(node, RDFS.comment, zh_literal(decision.note))
        if decision.date:
            add(node, DCTERMS.date, typed(decision.date, XSD.date))
        add(curator, RDF.type, PROV.Agent)
        add(curator, RDFS.label, zh_literal(decision.curator))
        add(graph, PROV.wasInfluencedBy, node)
        touched = [mint.entity(key) for key in sorted(done.entities)]
        touched += [mint.assertion(doc_id, *fact) for fact in sorted(done.facts)]
        for iri in touched:
            add(ox.NamedNode(iri), PROV.wasAttributedTo, curator)
            add(ox.NamedNode(iri), PROV.wasInfluencedBy, node)
    return list(quads)
