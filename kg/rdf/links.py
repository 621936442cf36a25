"""Links between reports: reforms related by a shared slogan core (kg.resolve.related).

Each report's graph is built alone, so a link between 益阳's 一件事一次办 and 新余's 高效办成一件事 can only be
made once both are known. The links are a pure function of which report names which reform (IRI and label):
``related_links`` states ``a skos:related b`` in every report graph that names ``a`` (and the converse in those
naming ``b``), both directions, so no reasoner is needed, and inside report graphs, so exports and per-report TriG
carry them. A label carried by several reform IRIs is linked through the smallest IRI, whatever the order of
the store.

The build keeps each report's reforms in its manifest (``reforms_of`` reads them off the report's quads), so an
update computes the links before and after from the manifests and writes only the difference
(``update_links``): no scan of the store, whose size would otherwise set the time of a one-report update.
``link_related_reforms`` restates them from the store itself, for a store built by other means.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache

import pyoxigraph as ox

from kg.namespace import GK, SKOS
from kg.rdf import terms
from kg.rdf.iri import DEFAULT_BASE, Minter
from kg.rdf.vocab import term
from kg.resolve.related import related_pairs

Reforms = Mapping[str, str]  # reform IRI -> its skos:prefLabel, as one report graph states them
_REFORMS = f"""SELECT DISTINCT ?g ?reform ?label WHERE {{
  GRAPH ?g {{ ?reform a <{GK.Reform}> ; <{SKOS.prefLabel}> ?label }} }}"""
RELATED = term(SKOS.related)


def reforms_of(quads: Iterable[ox.Quad]) -> dict[str, str]:
    """The reforms one report graph names: IRI -> preferred label (what the links are computed from)."""
    typed: set[ox.NamedNode | ox.BlankNode] = set()
    labels: dict[ox.NamedNode | ox.BlankNode, str] = {}
    type_, reform, pref_label = terms.RDF.type, terms.GK.Reform, terms.SKOS.prefLabel
    for quad in quads:  # one pass
        if quad.predicate == type_:
            if quad.object == reform:
                typed.add(quad.subject)
        elif quad.predicate == pref_label:
            labels[quad.subject] = quad.object.value
    return {subject.value: label for subject, label in labels.items()
            if subject in typed and isinstance(subject, ox.NamedNode)}


@lru_cache(maxsize=2)  # an update asks for the pairs of the same labels before and after
def _pairs(labels: frozenset[str]) -> list[tuple[str, str, str]]:
    return related_pairs(sorted(labels))


def _links(reports: Mapping[str, Reforms], base: str) -> set[tuple[str, str, str]]:
    """(reform, related reform, graph) IRIs of every link for ``reports`` (doc_id -> the reforms its graph names)."""
    mint = Minter(base)
    iris: dict[str, set[str]] = defaultdict(set)
    graphs: dict[str, set[str]] = defaultdict(set)
    for doc_id, reforms in reports.items():
        graph = mint.graph(doc_id)
        for iri, label in reforms.items():
            iris[label].add(iri)
            graphs[label].add(graph)
    node = {label: min(found) for label, found in iris.items()}
    links = set()
    for a, b, _core in _pairs(frozenset(node)):
        links.update((node[a], node[b], g) for g in graphs[a])
        links.update((node[b], node[a], g) for g in graphs[b])
    return links


def _quad(link: tuple[str, str, str]) -> ox.Quad:
    return ox.Quad(ox.NamedNode(link[0]), RELATED, ox.NamedNode(link[1]), ox.NamedNode(link[2]))


def related_links(reports: Mapping[str, Reforms], base: str = DEFAULT_BASE) -> set[ox.Quad]:
    """Every skos:related quad for ``reports`` (doc_id -> the reforms its graph names)."""
    return {_quad(link) for link in _links(reports, base)}


def update_links(store: ox.Store, before: Mapping[str, Reforms], after: Mapping[str, Reforms],
                 rewritten: set[str], base: str = DEFAULT_BASE) -> int:
    """Bring the links of ``store`` from those of ``before`` to those of ``after`` (doc_id -> reforms).

    ``rewritten`` are the reports whose graphs were replaced or dropped since: they hold no link any more, so all
    of theirs are written; elsewhere only the links that changed are removed or added. Returns the number of link
    quads after."""
    mint = Minter(base)
    fresh = {mint.graph(doc_id) for doc_id in rewritten}
    old, new = _links(before, base), _links(after, base)
    for link in old - new:
        if link[2] not in fresh:
            store.remove(_quad(link))
    store.extend(_quad(link) for link in new if link[2] in fresh or link not in old)
    return len(new)


def link_related_reforms(store: ox.Store, base: str = DEFAULT_BASE) -> int:
    """(Re)state the related-reform links of every report graph in ``store``; returns the number of pairs."""
    mint = Minter(base)
    reports: dict[str, dict[str, str]] = defaultdict(dict)
    for row in store.query(_REFORMS):
        if isinstance(row["g"], ox.NamedNode) and mint.is_report_graph(row["g"].value):
            reports[mint.doc_id_of(row["g"].value)][row["reform"].value] = row["label"].value
    for quad in list(store.quads_for_pattern(None, RELATED, None, None)):
        if isinstance(quad.graph_name, ox.NamedNode) and mint.is_report_graph(quad.graph_name.value):
            store.remove(quad)
    links = related_links(reports, base)
    store.extend(links)
    return len({(q.subject, q.object) for q in links if q.subject.value < q.object.value})
