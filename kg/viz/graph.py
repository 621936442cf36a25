"""The store read into networkx: one node per entity or report, one edge per relation, with what the page shows.

``build_graph`` reads what choosing a view needs, for the whole store, with queries that stay fast on a store
of a thousand reports (no aggregates over the union graph): each node's preferred label, class, aliases and
the reports that mention it; each edge's relation and the reports that assert it; each report's year, author
and place. ``describe`` then reads the evidence — every sentence behind a mention or an assertion, with its
offsets — for the nodes and edges actually drawn, so a big store costs the page only what it shows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.namespace import GK, PREFIXES
from kg.rdf.vocab import relation_properties
from kg.store import as_store
from kg.viz.style import class_styles

REPORT_EDGES = {"http://purl.org/dc/terms/creator": "creator", "http://purl.org/dc/terms/spatial": "spatial"}
_PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
_VALUES_CHUNK = 400  # IRIs per VALUES block: Oxigraph plans a join over a few hundred values well


@dataclass(frozen=True)
class ReportInfo:
    """What the page says about a report: its label (place and year), year, author, place, title, source file."""

    iri: str
    label: str
    year: str = ""
    author: str = ""
    place: str = ""
    title: str = ""
    path: str = ""
    sha256: str = ""


@dataclass(frozen=True)
class Evidence:
    """One sentence behind a mention or an assertion: where it is in its report and which part is the claim."""

    report: str
    sentence: str
    sentence_start: int
    start: int
    end: int


@dataclass
class Details:
    """The evidence of the drawn nodes and edges (``describe``), keyed like the graph."""

    nodes: dict[str, list[Evidence]] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], list[Evidence]] = field(default_factory=dict)


def select(store: ox.Store, sparql: str) -> list[dict[str, str]]:
    """Rows of a SELECT over the union of all report graphs, as plain strings."""
    solutions = store.query(_PROLOGUE + sparql, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]


def build_graph(store: ox.Store | str | Path, include_reports: bool = True) -> nx.MultiDiGraph:
    """Entities, relations and (optionally) reports as networkx nodes and edges; ``graph.graph["reports"]``
    holds every report's ``ReportInfo``."""
    store = as_store(store)
    graph = nx.MultiDiGraph()
    labels = preferred_labels(store)
    reports = report_infos(store, labels)
    graph.graph["reports"] = reports
    _add_entities(store, graph, labels)
    _annotate_entities(store, graph)
    _add_relations(store, graph)
    if include_reports:
        _add_reports(store, graph, reports)
    return graph


def report_infos(store: ox.Store, labels: dict[str, str] | None = None) -> dict[str, ReportInfo]:
    """Report IRI -> its ``ReportInfo``; the label is "place year", else "author year", else the doc id.

    One small query per field (a path or several OPTIONALs over the union graph multiply rows by the graphs
    that restate a label); where a field has several values the smallest wins, so every build reads alike."""
    labels = preferred_labels(store) if labels is None else labels
    fields: dict[str, dict[str, str]] = defaultdict(dict)
    queries = {
        "year": "SELECT DISTINCT ?r ?v WHERE { ?r a gk:Report ; gk:coversYear ?v }",
        "title": "SELECT DISTINCT ?r ?v WHERE { ?r a gk:Report ; dcterms:title ?v }",
        "author": "SELECT DISTINCT ?r ?v WHERE { ?r a gk:Report ; dcterms:creator ?v }",
        "place": "SELECT DISTINCT ?r ?v WHERE { ?r a gk:Report ; dcterms:spatial ?v }",
        "path": "SELECT DISTINCT ?r ?v WHERE { ?r a gk:Report ; prov:wasDerivedFrom/gk:sourcePath ?v }",
        "sha": """SELECT DISTINCT ?r ?v WHERE { ?r a gk:Report ;
                  prov:wasDerivedFrom/spdx:checksum/spdx:checksumValue ?v }""",
    }
    iris = sorted(row["r"] for row in select(store, "SELECT DISTINCT ?r WHERE { ?r a gk:Report }"))
    for name, query in queries.items():
        for row in select(store, query):
            value = labels.get(row["v"], row["v"].rsplit("/", 1)[-1]) if name in ("author", "place") else row["v"]
            if name not in fields[row["r"]] or value < fields[row["r"]][name]:
                fields[row["r"]][name] = value
    reports = {}
    for iri in iris:
        info = fields[iri]
        name = info.get("place") or info.get("author") or iri.rsplit("/", 1)[-1]
        label = " ".join(part for part in (name, info.get("year", "")) if part)
        reports[iri] = ReportInfo(iri, label, info.get("year", ""), info.get("author", ""), info.get("place", ""),
                                  info.get("title", ""), info.get("path", ""), info.get("sha", ""))
    return reports


def preferred_labels(store: ox.Store) -> dict[str, str]:
    """IRI -> its smallest skos:prefLabel."""
    label: dict[str, str] = {}
    for row in select(store, "SELECT DISTINCT ?e ?l WHERE { ?e skos:prefLabel ?l }"):
        if row["e"] not in label or row["l"] < label[row["e"]]:
            label[row["e"]] = row["l"]
    return label


def _add_entities(store: ox.Store, graph: nx.MultiDiGraph, label: dict[str, str]) -> None:
    """Typed, labelled entities; classes and labels are read apart and joined here (an aggregate over the union
    graph is ten times slower on a big store). The smallest class IRI and label win, so every build agrees."""
    classes = " ".join(f"<{GK}{name}>" for name in class_styles() if name not in ("Report", "other"))
    kind: dict[str, str] = {}
    for row in select(store, f"SELECT DISTINCT ?e ?c WHERE {{ VALUES ?c {{ {classes} }} ?e a ?c }}"):
        if row["e"] not in kind or row["c"] < kind[row["e"]]:
            kind[row["e"]] = row["c"]
    for node in sorted(n for n in kind if n in label):
        graph.add_node(node, label=label[node], cls=kind[node].rsplit("#", 1)[-1], aliases=[], reports=[])


def _annotate_entities(store: ox.Store, graph: nx.MultiDiGraph) -> None:
    for row in select(store, "SELECT DISTINCT ?e ?alias WHERE { ?e skos:altLabel ?alias } ORDER BY ?alias"):
        if row["e"] in graph:
            graph.nodes[row["e"]]["aliases"].append(row["alias"])
    for row in select(store, "SELECT DISTINCT ?e ?r WHERE { ?r a gk:Report ; schema:mentions ?e } ORDER BY ?r"):
        if row["e"] in graph:
            graph.nodes[row["e"]]["reports"].append(row["r"])


def _add_relations(store: ox.Store, graph: nx.MultiDiGraph) -> None:
    names = {iri: name for name, iri in relation_properties().items()}
    values = " ".join(f"<{iri}>" for iri in names)
    for row in select(store, f"""SELECT DISTINCT ?s ?p ?o ?r WHERE {{ VALUES ?p {{ {values} }}
            GRAPH ?g {{ ?s ?p ?o OPTIONAL {{ ?g prov:wasDerivedFrom ?r }} }} }} ORDER BY ?s ?p ?o ?r"""):
        s, o, name = row["s"], row["o"], names[row["p"]]
        if s not in graph or o not in graph:
            continue
        if not graph.has_edge(s, o, name):
            graph.add_edge(s, o, key=name, label=name, reports=[])
        if "r" in row and row["r"] not in graph.edges[s, o, name]["reports"]:
            graph.edges[s, o, name]["reports"].append(row["r"])


def _add_reports(store: ox.Store, graph: nx.MultiDiGraph, reports: dict[str, ReportInfo]) -> None:
    for iri, info in reports.items():
        graph.add_node(iri, label=info.label, cls="Report", aliases=[info.title] if info.title else [],
                       reports=[iri])
    for prop, name in REPORT_EDGES.items():
        for row in select(store, f"SELECT DISTINCT ?r ?x WHERE {{ ?r a gk:Report ; <{prop}> ?x }} ORDER BY ?r ?x"):
            if row["x"] in graph and row["r"] in graph:
                graph.add_edge(row["r"], row["x"], key=name, label=name, reports=[row["r"]])


def _chunks(items: list[str]) -> list[list[str]]:
    return [items[i:i + _VALUES_CHUNK] for i in range(0, len(items), _VALUES_CHUNK)]


def describe(store: ox.Store | str | Path, graph: nx.MultiDiGraph) -> Details:
    """Every evidence sentence of the nodes (their mentions) and edges (their assertions) of ``graph``, in report
    and offset order: read for these nodes only, so a capped view of a big store reads little."""
    store = as_store(store)
    details = Details()
    nodes = sorted(n for n, cls in graph.nodes(data="cls") if cls != "Report")
    for chunk in _chunks(nodes):
        values = " ".join(f"<{n}>" for n in chunk)
        for row in select(store, f"""SELECT DISTINCT ?e ?r ?text ?ss ?ms ?me WHERE {{ VALUES ?e {{ {values} }}
                ?m oa:hasBody ?e ; gk:start ?ms ; gk:end ?me ; gk:inSentence ?s .
                ?s oa:hasSource ?r ; rdf:value ?text ; gk:start ?ss }}"""):
            details.nodes.setdefault(row["e"], []).append(_evidence(row))
    names = {name: iri for name, iri in relation_properties().items()}
    wanted = {(s, names[k], o): (s, o, k) for s, o, k in graph.edges(keys=True) if k in names}
    subjects = sorted({s for s, _, _ in wanted})
    for chunk in _chunks(subjects):
        values = " ".join(f"<{n}>" for n in chunk)
        for row in select(store, f"""SELECT DISTINCT ?s ?p ?o ?r ?text ?ss ?ms ?me WHERE {{
                VALUES ?s {{ {values} }} ?a a gk:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                gk:hasEvidence ?ev . ?ev gk:start ?ms ; gk:end ?me ; gk:inSentence ?sent .
                ?sent oa:hasSource ?r ; rdf:value ?text ; gk:start ?ss }}"""):
            key = wanted.get((row["s"], row["p"], row["o"]))
            if key is not None:
                details.edges.setdefault(key, []).append(_evidence(row))
    for found in (*details.nodes.values(), *details.edges.values()):
        found.sort(key=lambda e: (e.report, e.start, e.end))
    return details


def _evidence(row: dict[str, str]) -> Evidence:
    return Evidence(row["r"], row["text"], int(row["ss"]), int(row["ms"]), int(row["me"]))
