"""The store read into networkx: one node per entity or report, one edge per relation, with what the page shows.

``build_graph`` reads what choosing a view needs, for the whole store, with queries that stay fast on a store
of a thousand reports (no aggregates over the union graph): each node's preferred label, class, aliases and
the reports that mention it; each edge's relation and the reports that assert it; each report's year, author
and place. ``describe`` then reads the evidence — every sentence behind a mention or an assertion, with its
offsets — for the nodes and edges actually drawn, so a big store costs the page only what it shows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
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


@dataclass(frozen=True, order=True)
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
    totals: dict[str | tuple[str, str, str], int] = field(default_factory=dict)  # all sentences, when capped


def select(store: ox.Store, sparql: str) -> list[dict[str, str]]:
    """Rows of a SELECT over the union of all report graphs, as plain strings."""
    solutions = store.query(_PROLOGUE + sparql, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    # a solution iterates its terms in the variables' order (None where unbound): a quarter faster than by name
    return [{n: term.value for n, term in zip(names, row, strict=True) if term is not None} for row in solutions]


def build_graph(store: ox.Store | str | Path, include_reports: bool = True,
                mentions: bool = True) -> nx.MultiDiGraph:
    """Entities, relations and (optionally) reports as networkx nodes and edges; ``graph.graph["reports"]``
    holds every report's ``ReportInfo``. Without ``mentions`` the nodes' lists of reports stay empty until
    ``add_mentions`` fills them for the nodes a view keeps (the biggest query on a big store)."""
    store = as_store(store)
    graph = nx.MultiDiGraph()
    labels = preferred_labels(store)
    reports = report_infos(store, labels)
    graph.graph["reports"] = reports
    _add_entities(store, graph, labels)
    _add_aliases(store, graph)
    if mentions:
        add_mentions(store, graph)
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


def _add_aliases(store: ox.Store, graph: nx.MultiDiGraph) -> None:
    for row in select(store, "SELECT DISTINCT ?e ?alias WHERE { ?e skos:altLabel ?alias } ORDER BY ?alias"):
        if row["e"] in graph:
            graph.nodes[row["e"]]["aliases"].append(row["alias"])


def add_mentions(store: ox.Store | str | Path, graph: nx.MultiDiGraph) -> None:
    """Each entity node's ``reports``: the reports that mention it, in IRI order."""
    store = as_store(store)
    nodes = sorted(n for n, cls in graph.nodes(data="cls") if cls != "Report")
    found: dict[str, set[str]] = defaultdict(set)
    for row in _select_for(store, nodes, "SELECT DISTINCT ?e ?r WHERE { VALUES ?e { %s } ?r schema:mentions ?e }"):
        found[row["e"]].add(row["r"])
    for node in nodes:
        graph.nodes[node]["reports"] = sorted(found.get(node, ()))


def _add_relations(store: ox.Store, graph: nx.MultiDiGraph) -> None:
    names = {iri: name for name, iri in relation_properties().items()}
    for row in _relation_rows(store, names):
        s, o, name = row["s"], row["o"], names[row["p"]]
        if s not in graph or o not in graph:
            continue
        if not graph.has_edge(s, o, name):
            graph.add_edge(s, o, key=name, label=name, reports=[])
        if "r" in row and row["r"] not in graph.edges[s, o, name]["reports"]:
            graph.edges[s, o, name]["reports"].append(row["r"])


_DERIVED_FROM = ox.NamedNode(PREFIXES["prov"] + "wasDerivedFrom")


def _relation_rows(store: ox.Store, names: dict[str, str]) -> list[dict[str, str]]:
    """Every relation statement of a named graph with the report the graph is derived from, distinct and sorted:
    the rows of ``SELECT DISTINCT ?s ?p ?o ?r WHERE { VALUES ?p {...} GRAPH ?g { ?s ?p ?o OPTIONAL { ?g
    prov:wasDerivedFrom ?r } } } ORDER BY ?s ?p ?o ?r``, read from the predicate index (Hebei: 0.5 against 2.2
    CPU s). IRIs sort as their strings do in SPARQL; any other term falls back to the query."""
    derived: dict[ox.NamedNode, list[str]] = defaultdict(list)
    for quad in store.quads_for_pattern(None, _DERIVED_FROM, None, None):
        if quad.subject == quad.graph_name:
            derived[quad.graph_name].append(quad.object.value)
    rows: set[tuple[str, str, str, str]] = set()
    for iri in names:
        for quad in store.quads_for_pattern(None, ox.NamedNode(iri), None, None):
            if not isinstance(quad.graph_name, ox.NamedNode):
                continue
            if not (isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.NamedNode)):
                return _relation_rows_by_query(store, names)
            for report in derived.get(quad.graph_name) or [""]:  # "": no report (unbound, sorted first)
                rows.add((quad.subject.value, iri, quad.object.value, report))
    return [{"s": s, "p": p, "o": o, "r": r} if r else {"s": s, "p": p, "o": o} for s, p, o, r in sorted(rows)]


def _relation_rows_by_query(store: ox.Store, names: dict[str, str]) -> list[dict[str, str]]:
    values = " ".join(f"<{iri}>" for iri in names)
    return select(store, f"""SELECT DISTINCT ?s ?p ?o ?r WHERE {{ VALUES ?p {{ {values} }}
            GRAPH ?g {{ ?s ?p ?o OPTIONAL {{ ?g prov:wasDerivedFrom ?r }} }} }} ORDER BY ?s ?p ?o ?r""")


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


def _select_for(store: ox.Store, iris: list[str], sparql: str) -> Iterator[dict[str, str]]:
    """The rows of ``sparql`` (a query whose VALUES block is ``%s``) for every IRI, asked a chunk at a time."""
    for chunk in _chunks(iris):
        yield from select(store, sparql % " ".join(f"<{n}>" for n in chunk))


def describe(store: ox.Store | str | Path, graph: nx.MultiDiGraph, limit: int = 50) -> Details:
    """The evidence sentences of the nodes (their mentions) and edges (their assertions) of ``graph``, in report
    and offset order, at most ``limit`` each, and how many there are in all when that is more (``totals``).

    Read for these nodes only, so a capped view of a big store reads little: first the annotations' IRIs (a
    province's government has thousands of mentions), then the sentences of the first ``limit`` of each, both
    with one-variable VALUES blocks, which Oxigraph joins well (VALUES over (s p o) rows it does not)."""
    store = as_store(store)
    details = Details()
    nodes = sorted(n for n, cls in graph.nodes(data="cls") if cls != "Report")
    mentions: dict[str, list[str]] = defaultdict(list)
    for row in _select_for(store, nodes, "SELECT ?e ?m WHERE { VALUES ?e { %s } ?m oa:hasBody ?e }"):
        mentions[row["e"]].append(row["m"])
    owner = _first(mentions, limit, details.totals)
    for row in _evidence_rows(store, sorted(owner)):
        details.nodes.setdefault(owner[row["x"]], []).append(_evidence(row))

    names = {name: iri for name, iri in relation_properties().items()}
    wanted = {(s, names[k], o): (s, o, k) for s, o, k in graph.edges(keys=True) if k in names}
    assertions: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for row in _select_for(store, sorted({s for s, _, _ in wanted}), """SELECT ?a ?s ?p ?o WHERE {
            VALUES ?s { %s } ?a rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }"""):
        key = wanted.get((row["s"], row["p"], row["o"]))
        if key is not None:
            assertions[key].append(row["a"])
    found: dict[str, list[Evidence]] = defaultdict(list)
    for row in _evidence_rows(store, sorted({a for found_ in assertions.values() for a in found_}), True):
        found[row["x"]].append(_evidence(row))
    for key, iris in assertions.items():
        items = sorted({e for a in iris for e in found.get(a, ())}, key=lambda e: (e.report, e.start, e.end))
        if items:
            details.edges[key] = items[:limit]
            if len(items) > limit:
                details.totals[key] = len(items)
    for items in (*details.nodes.values(), *details.edges.values()):
        items.sort(key=lambda e: (e.report, e.start, e.end))
    return details


def _first(annotations: dict[str, list[str]], limit: int, totals: dict) -> dict[str, str]:
    """The first ``limit`` annotation IRIs of each item (IRI order: report, then offsets), mapped to the item;
    items with more are counted in ``totals``."""
    owner = {}
    for item, iris in annotations.items():
        unique = sorted(set(iris))
        if len(unique) > limit:
            totals[item] = len(unique)
        owner.update((iri, item) for iri in unique[:limit])
    return owner


_START, _END, _IN_SENTENCE = (ox.NamedNode(GK + name) for name in ("start", "end", "inSentence"))
_HAS_EVIDENCE = ox.NamedNode(GK + "hasEvidence")
_HAS_SOURCE, _VALUE = ox.NamedNode(PREFIXES["oa"] + "hasSource"), ox.NamedNode(PREFIXES["rdf"] + "value")
_SENTENCE_PATTERN = "?x gk:start ?ms ; gk:end ?me ; gk:inSentence ?sent"
_EVIDENCE_PATTERN = "?x gk:hasEvidence ?ev . ?ev gk:start ?ms ; gk:end ?me ; gk:inSentence ?sent"


class _NotIRI(Exception):
    """A term the index lookups do not follow (a blank node or literal where an IRI was expected)."""


def _evidence_rows(store: ox.Store, iris: list[str], via_evidence: bool = False) -> list[dict[str, str]]:
    """Sentence, report and offsets of the annotations ``iris`` (through their ``gk:hasEvidence`` when
    ``via_evidence``): the distinct rows of ``SELECT DISTINCT ?x ?r ?text ?ss ?ms ?me WHERE { VALUES ?x {...}
    <pattern> . ?sent oa:hasSource ?r ; rdf:value ?text ; gk:start ?ss }`` over the union of the named graphs,
    read by subject from the index (Hebei's page: ~1 against ~5 CPU s for the query, which Oxigraph plans from
    the sentences' side). Rows come in ``iris`` order; any term that is not an IRI falls back to the query."""
    try:
        return _evidence_rows_by_index(store, iris, via_evidence)
    except _NotIRI:
        pattern = _EVIDENCE_PATTERN if via_evidence else _SENTENCE_PATTERN
        return list(_select_for(store, iris, f"""SELECT DISTINCT ?x ?r ?text ?ss ?ms ?me WHERE {{
            VALUES ?x {{ %s }} {pattern} . ?sent oa:hasSource ?r ; rdf:value ?text ; gk:start ?ss }}"""))


def _objects(store: ox.Store, subject: ox.NamedNode, wanted: tuple[ox.NamedNode, ...]) -> list[set]:
    """The objects of ``subject`` under each predicate of ``wanted`` in any named graph, as sets of terms: one
    index seek per predicate (a mention's three of its seven quads: 0.8 against 1.45 s for Hebei's first 20,000
    mentions when all of a subject's quads were read and sorted in Python)."""
    return [{quad.object for quad in store.quads_for_pattern(subject, predicate, None, None)
             if not isinstance(quad.graph_name, ox.DefaultGraph)} for predicate in wanted]


def _iri(term: object) -> ox.NamedNode:
    if not isinstance(term, ox.NamedNode):
        raise _NotIRI(term)
    return term


def _evidence_rows_by_index(store: ox.Store, iris: list[str], via_evidence: bool) -> list[dict[str, str]]:
    sentences: dict[ox.NamedNode, list[tuple]] = {}
    rows: list[dict[str, str]] = []
    for x in iris:
        subjects = [ox.NamedNode(x)]
        if via_evidence:
            subjects = [_iri(ev) for ev in _objects(store, subjects[0], (_HAS_EVIDENCE,))[0]]
        seen: set[tuple] = set()  # distinct as terms, as SPARQL's DISTINCT is
        for subject in subjects:
            starts, ends, sents = _objects(store, subject, (_START, _END, _IN_SENTENCE))
            for sent in sents:
                sent = _iri(sent)
                if sent not in sentences:
                    sources, texts, sentence_starts = _objects(store, sent, (_HAS_SOURCE, _VALUE, _START))
                    sentences[sent] = [(r, text, ss) for r in sources for text in texts for ss in sentence_starts]
                for r, text, ss in sentences[sent]:
                    for ms in starts:
                        for me in ends:
                            row = (r, text, ss, ms, me)
                            if row not in seen:
                                seen.add(row)
                                rows.append({"x": x, "r": r.value, "text": text.value, "ss": ss.value,
                                             "ms": ms.value, "me": me.value})
    return rows


def _evidence(row: dict[str, str]) -> Evidence:
    return Evidence(row["r"], row["text"], int(row["ss"]), int(row["ms"]), int(row["me"]))
