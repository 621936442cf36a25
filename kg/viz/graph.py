"""The store read into networkx: one node per entity or report, one edge per relation, with what the page shows.

Nodes carry their preferred label, class, aliases (Traditional spellings included), the reports that mention
them and their best evidence sentence; edges carry the relation, the reports that assert it and the best
sentence behind it. "Best" is the highest extraction confidence, then the shortest sentence (the most to the
point), then the text itself so that every build draws the same page.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.namespace import GK, PREFIXES
from kg.rdf.vocab import relation_properties
from kg.store import as_store
from kg.viz.style import class_styles

REPORT_EDGES = {"http://purl.org/dc/terms/creator": "creator", "http://purl.org/dc/terms/spatial": "spatial"}
_PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def select(store: ox.Store, sparql: str) -> list[dict[str, str]]:
    """Rows of a SELECT over the union of all report graphs, as plain strings."""
    solutions = store.query(_PROLOGUE + sparql, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]


def build_graph(store: ox.Store | str | Path, include_reports: bool = True) -> nx.MultiDiGraph:
    """Entities, relations and (optionally) reports as networkx nodes and edges, with what the page shows."""
    store = as_store(store)
    graph = nx.MultiDiGraph()
    reports = report_labels(store)
    _add_entities(store, graph)
    _annotate_entities(store, graph, reports)
    _add_relations(store, graph, reports)
    if include_reports:
        _add_reports(store, graph, reports)
    return graph


def report_labels(store: ox.Store) -> dict[str, str]:
    """Report IRI -> "year title", or "year author" when it has no title, or its doc_id when it has neither."""
    labels = {}
    for row in select(store, """SELECT ?r (MIN(?t) AS ?title) (MIN(?a) AS ?author) (MIN(?y) AS ?year) WHERE {
            ?r a gk:Report OPTIONAL { ?r dcterms:title ?t } OPTIONAL { ?r dcterms:creator/skos:prefLabel ?a }
            OPTIONAL { ?r gk:coversYear ?y } } GROUP BY ?r"""):
        name = row.get("title") or (row["author"] + " 报告" if "author" in row else row["r"].rsplit("/", 1)[-1])
        labels[row["r"]] = " ".join(part for part in (row.get("year"), name) if part)
    return labels


def _add_entities(store: ox.Store, graph: nx.MultiDiGraph) -> None:
    classes = " ".join(f"<{GK}{name}>" for name in class_styles() if name not in ("Report", "other"))
    for row in select(store, f"""SELECT ?e (MIN(?cls) AS ?class) (MIN(?lbl) AS ?label) WHERE {{
            VALUES ?cls {{ {classes} }} ?e a ?cls ; skos:prefLabel ?lbl }} GROUP BY ?e"""):
        graph.add_node(row["e"], label=row["label"], cls=row["class"].rsplit("#", 1)[-1], aliases=[],
                       reports=[], evidence="", evidence_report="")


def _best(candidates: list[tuple[float, str, str]]) -> tuple[str, str]:
    """(sentence, report) of the highest confidence, then shortest, then first in order."""
    _, text, report = min(candidates, key=lambda c: (-c[0], len(c[1]), c[1], c[2]))
    return text, report


def _annotate_entities(store: ox.Store, graph: nx.MultiDiGraph, reports: dict[str, str]) -> None:
    for row in select(store, "SELECT DISTINCT ?e ?alias WHERE { ?e skos:altLabel ?alias } ORDER BY ?alias"):
        if row["e"] in graph:
            graph.nodes[row["e"]]["aliases"].append(row["alias"])
    for row in select(store, "SELECT DISTINCT ?e ?r WHERE { ?r a gk:Report ; schema:mentions ?e } ORDER BY ?r"):
        if row["e"] in graph:
            graph.nodes[row["e"]]["reports"].append(row["r"])
    candidates: dict[str, list[tuple[float, str, str]]] = defaultdict(list)
    for row in select(store, """SELECT DISTINCT ?e ?text ?conf ?r WHERE {
            ?m a gk:Mention ; oa:hasBody ?e ; gk:confidence ?conf ; gk:inSentence ?s .
            ?s oa:hasSource ?r ; rdf:value ?text }"""):
        candidates[row["e"]].append((float(row["conf"]), row["text"], row["r"]))
    for node, found in candidates.items():
        if node in graph:
            text, report = _best(found)
            graph.nodes[node].update(evidence=text, evidence_report=reports.get(report, report))


def _add_relations(store: ox.Store, graph: nx.MultiDiGraph, reports: dict[str, str]) -> None:
    names = {iri: name for name, iri in relation_properties().items()}
    values = " ".join(f"<{iri}>" for iri in names)
    for row in select(store, f"""SELECT DISTINCT ?s ?p ?o ?r WHERE {{ VALUES ?p {{ {values} }}
            GRAPH ?g {{ ?s ?p ?o OPTIONAL {{ ?g prov:wasDerivedFrom ?r }} }} }} ORDER BY ?r"""):
        s, o, name = row["s"], row["o"], names[row["p"]]
        if s not in graph or o not in graph:
            continue
        if not graph.has_edge(s, o, name):
            graph.add_edge(s, o, key=name, label=name, reports=[], evidence="", evidence_report="")
        if "r" in row and row["r"] not in graph.edges[s, o, name]["reports"]:
            graph.edges[s, o, name]["reports"].append(row["r"])
    candidates: dict[tuple[str, str, str], list[tuple[float, str, str]]] = defaultdict(list)
    for row in select(store, """SELECT DISTINCT ?s ?p ?o ?text ?conf ?r WHERE {
            ?a a gk:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; gk:hasEvidence ?ev .
            ?ev gk:confidence ?conf ; gk:inSentence ?sent . ?sent oa:hasSource ?r ; rdf:value ?text }"""):
        key = (row["s"], row["o"], names.get(row["p"], ""))
        candidates[key].append((float(row["conf"]), row["text"], row["r"]))
    for key, found in candidates.items():
        if graph.has_edge(*key):
            text, report = _best(found)
            graph.edges[key].update(evidence=text, evidence_report=reports.get(report, report))


def _add_reports(store: ox.Store, graph: nx.MultiDiGraph, reports: dict[str, str]) -> None:
    for iri, label in reports.items():
        graph.add_node(iri, label=label, cls="Report", aliases=[], reports=[iri], evidence="", evidence_report="")
    for prop, name in REPORT_EDGES.items():
        for row in select(store, f"SELECT DISTINCT ?r ?x WHERE {{ ?r a gk:Report ; <{prop}> ?x }}"):
            if row["x"] in graph:
                graph.add_edge(row["r"], row["x"], key=name, label=name, reports=[row["r"]], evidence="",
                               evidence_report="")
