"""Links between reports: reforms related by a shared slogan core (kg.resolve.related).

Each report's graph is built alone, so a link between 益阳's 一件事一次办 and 新余's 高效办成一件事 can only be
made once both are in the store. ``link_related_reforms`` reads every reform's label from the report graphs,
applies the rule, and states ``a skos:related b`` in every report graph that names ``a`` (and the converse in
those naming ``b``): both directions, so no reasoner is needed, and inside report graphs, so exports and
per-report TriG carry them. Run it again after replacing a report (``kg build`` does it after the last one).
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from kg.namespace import GK, SKOS
from kg.rdf.iri import DEFAULT_BASE, Minter
from kg.rdf.vocab import term
from kg.resolve.related import related_pairs

_REFORMS = f"""SELECT DISTINCT ?g ?reform ?label WHERE {{
  GRAPH ?g {{ ?reform a <{GK.Reform}> ; <{SKOS.prefLabel}> ?label }} }}"""
_DROP = """DELETE {{ GRAPH ?g {{ ?a <{related}> ?b }} }} WHERE {{ GRAPH ?g {{ ?a <{related}> ?b }}
  FILTER(STRSTARTS(STR(?g), "{prefix}")) }}"""


def link_related_reforms(store: ox.Store, base: str = DEFAULT_BASE) -> int:
    """(Re)state the related-reform links of every report graph in ``store``; returns the number of pairs."""
    mint = Minter(base)
    node: dict[str, ox.NamedNode] = {}
    graphs: dict[str, set[ox.NamedNode]] = defaultdict(set)
    for row in store.query(_REFORMS):
        if isinstance(row["g"], ox.NamedNode) and mint.is_report_graph(row["g"].value):
            label = row["label"].value
            node.setdefault(label, row["reform"])
            graphs[label].add(row["g"])
    store.update(_DROP.format(related=SKOS.related, prefix=f"{base}report/"))
    related = term(SKOS.related)
    pairs = related_pairs(list(node))
    quads = []
    for a, b, _core in pairs:
        quads += [ox.Quad(node[a], related, node[b], g) for g in sorted(graphs[a], key=str)]
        quads += [ox.Quad(node[b], related, node[a], g) for g in sorted(graphs[b], key=str)]
    store.extend(quads)
    return len(pairs)
