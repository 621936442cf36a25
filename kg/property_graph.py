"""The graph as nodes and edges for the tools social scientists use: CSV tables (pandas, R, Excel), GraphML and
GEXF (Gephi, networkx, igraph).

RDF keeps every fact reified with its evidence; these tools want a property graph instead. Nodes are the
entities (one row each: IRI, key, label, class, aliases, how many reports mention it and the years they cover,
the places it is located in). Edges are the extracted facts: ``edges.csv`` has one row per piece of evidence
(subject, relation, object, the report and its year, the status, the evidence sentence and its offsets, the rule,
the confidence, whether a curator decided it); GraphML and GEXF have one edge per fact and report (the key is
the assertion's IRI) carrying its best evidence and how many pieces there are. Graph attributes hold only
strings, integers, floats and booleans, never None and never lists (aliases and places are joined with " | "):
Gephi's importers and ``networkx.read_graphml`` take the files unchanged. Files are written aside and renamed
into place (kg.export.write_atomic).
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.errors import StoreError
from kg.export import write_atomic
from kg.model import ENTITY_TYPES
from kg.namespace import GK
from kg.rdf.iri import DEFAULT_BASE, Minter
from kg.store import as_store

FORMATS = ("csv", "graphml", "gexf")
JOIN = " | "  # how list values (aliases, places) are written into one cell or attribute
NODE_COLUMNS = ("id", "key", "label", "type", "aliases", "places", "reports", "first_year", "last_year")
EDGE_COLUMNS = ("source", "target", "source_label", "target_label", "predicate", "report", "year", "fact_year",
                "status", "sentence", "start", "end", "evidence_start", "evidence_end", "rule", "confidence",
                "curated", "assertion")
_PREFIXES = """PREFIX gk: <https://w3id.org/govkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
"""
_ENTITY_CLASSES = " ".join(f"gk:{name}" for name in ENTITY_TYPES)
# One property per query, joined in Python (as kg.viz reads the graph): an entity is described in every report
# graph naming it, and a pattern joining its class, label and key over the union of graphs was not done after
# 400 s on the 1,268 Hebei reports; each of these reads takes a second or two there.
_CLASSES = _PREFIXES + f"SELECT DISTINCT ?node ?class WHERE {{ VALUES ?class {{ {_ENTITY_CLASSES} }} ?node a ?class }}"
_LABELS = _PREFIXES + "SELECT DISTINCT ?node ?label WHERE { ?node skos:prefLabel ?label }"
_KEYS = _PREFIXES + "SELECT DISTINCT ?node ?key WHERE { ?node dcterms:identifier ?key }"
_ALIASES = _PREFIXES + "SELECT DISTINCT ?node ?alias WHERE { ?node skos:altLabel ?alias }"
_PLACES = _PREFIXES + """SELECT DISTINCT ?node ?place WHERE { ?node gk:locatedIn/skos:prefLabel ?place }"""
_MENTIONED = _PREFIXES + """SELECT DISTINCT ?node ?report ?year WHERE {
  GRAPH ?g { ?report a gk:Report ; schema:mentions ?node OPTIONAL { ?report gk:coversYear ?year } } }"""
_EVIDENCE = _PREFIXES + """SELECT ?assertion ?s ?p ?o ?report ?year ?assertion_status ?evidence ?evidence_status
       ?fact_year ?sentence ?start ?end ?evidence_start ?evidence_end ?rule ?confidence ?curated WHERE {
  GRAPH ?g {
    ?assertion rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?report .
    OPTIONAL { ?report gk:coversYear ?year }
    OPTIONAL { ?assertion gk:status ?assertion_status }
    OPTIONAL { ?assertion prov:wasInfluencedBy/rdfs:label ?curated }
    OPTIONAL {
      ?assertion gk:hasEvidence ?evidence .
      ?evidence gk:start ?evidence_start ; gk:end ?evidence_end ; gk:confidence ?confidence ;
                gk:extractionRule/rdfs:label ?rule .
      OPTIONAL { ?evidence gk:status ?evidence_status }
      OPTIONAL { ?evidence gk:factYear ?fact_year }
      OPTIONAL { ?evidence gk:inSentence ?sentence_node .
                 ?sentence_node gk:start ?start ; gk:end ?end ; rdf:value ?sentence }
    }
  }
}"""
# XML 1.0 cannot hold these (GraphML and GEXF are XML): they are dropped from the graph formats' text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(slots=True)
class Node:
    id: str
    key: str
    label: str
    type: str
    aliases: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    reports: set[str] = field(default_factory=set)
    years: set[int] = field(default_factory=set)

    def row(self) -> dict[str, str | int]:
        """The node's CSV row and graph attributes; a year no report gives is left out (empty in CSV)."""
        row: dict[str, str | int] = {"id": self.id, "key": self.key, "label": self.label, "type": self.type,
                                     "aliases": JOIN.join(sorted(self.aliases)),
                                     "places": JOIN.join(sorted(self.places)), "reports": len(self.reports)}
        if self.years:
            row |= {"first_year": min(self.years), "last_year": max(self.years)}
        return row


def export_table(store: ox.Store | str | Path, fmt: str, out: str | Path, base: str = DEFAULT_BASE) -> tuple[int, int]:
    """Write the store as ``fmt`` (csv: the folder ``out`` with nodes.csv and edges.csv; graphml, gexf: the file
    ``out``); returns (nodes, edges written)."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise StoreError(f"unknown table or graph format {fmt!r}; choose one of {', '.join(FORMATS)}")
    store = as_store(store)
    nodes = read_nodes(store)
    evidence = list(read_evidence(store, nodes, base))
    out = Path(out)
    if fmt == "csv":
        write_atomic(out / "nodes.csv", lambda fh: fh.write(_csv([n.row() for n in nodes.values()], NODE_COLUMNS)))
        write_atomic(out / "edges.csv", lambda fh: fh.write(_csv(evidence, EDGE_COLUMNS)))
        return len(nodes), len(evidence)
    graph = to_networkx(nodes, evidence)
    writer = nx.write_graphml if fmt == "graphml" else nx.write_gexf
    write_atomic(out, lambda fh: writer(graph, fh))
    return graph.number_of_nodes(), graph.number_of_edges()


def read_nodes(store: ox.Store) -> dict[str, Node]:
    """Every entity of the store by IRI: the first of its classes in ENTITY_TYPES order, its smallest label."""
    rank = {f"{GK}{name}": index for index, name in enumerate(ENTITY_TYPES)}
    classes: dict[str, str] = {}
    for row in _rows(store, _CLASSES):
        iri, class_ = row["node"].value, row["class"].value
        if iri not in classes or rank[class_] < rank[classes[iri]]:
            classes[iri] = class_
    labels: dict[str, list[str]] = defaultdict(list)
    for row in _rows(store, _LABELS):
        if row["node"].value in classes:
            labels[row["node"].value].append(row["label"].value)
    keys = {row["node"].value: row["key"].value for row in _rows(store, _KEYS) if row["node"].value in classes}
    nodes: dict[str, Node] = {}
    for iri, class_ in classes.items():
        names = sorted(labels.get(iri, ())) or [keys.get(iri, iri).partition("/")[2] or iri]
        nodes[iri] = Node(iri, keys.get(iri, ""), names[0], class_.removeprefix(str(GK)), set(names[1:]))
    for row in _rows(store, _ALIASES):
        if (node := nodes.get(row["node"].value)) is not None:
            node.aliases.add(row["alias"].value)
    for row in _rows(store, _PLACES):
        if (node := nodes.get(row["node"].value)) is not None:
            node.places.add(row["place"].value)
    for row in _rows(store, _MENTIONED):
        if (node := nodes.get(row["node"].value)) is not None:
            node.reports.add(row["report"].value)
            if row["year"] is not None:
                node.years.add(int(row["year"].value[:4]))
    for node in nodes.values():
        node.aliases.discard(node.label)
    return dict(sorted(nodes.items()))


def read_evidence(store: ox.Store, nodes: dict[str, Node], base: str = DEFAULT_BASE
                  ) -> Iterator[dict[str, str | int | float | bool]]:
    """One row per piece of evidence of every fact between two entities (one row with empty evidence columns
    for a fact that has none), sorted by report, offsets and fact."""
    mint = Minter(base)
    rows = []
    for row in _rows(store, _EVIDENCE):
        s, o = row["s"].value, row["o"].value
        if s not in nodes or o not in nodes:
            continue
        status = row["evidence_status"] or row["assertion_status"]
        report = row["report"].value
        record: dict[str, str | int | float | bool] = {
            "source": s, "target": o, "source_label": nodes[s].label, "target_label": nodes[o].label,
            "predicate": re.sub(r"^.*[#/]", "", row["p"].value),
            "report": report.removeprefix(f"{mint.base}report/"),
            "year": _year(row["year"]), "fact_year": _year(row["fact_year"]),
            "status": re.sub(r"^.*[#/]", "", status.value) if status is not None else "",
            "sentence": _text(row["sentence"]), "start": _int(row["start"]), "end": _int(row["end"]),
            "evidence_start": _int(row["evidence_start"]), "evidence_end": _int(row["evidence_end"]),
            "rule": _text(row["rule"]), "confidence": float(row["confidence"].value) if row["confidence"] else "",
            "curated": _text(row["curated"]), "assertion": row["assertion"].value,
        }
        rows.append(record)
    # one row per evidence: a fact two decisions curated comes back twice, and keeps one row naming both
    merged: dict[tuple[object, ...], dict] = {}
    decisions: dict[tuple[object, ...], set[str]] = defaultdict(set)
    for record in rows:
        key = (record["assertion"], record["evidence_start"], record["evidence_end"], record["rule"])
        merged.setdefault(key, record)
        decisions[key].add(str(record["curated"]))
    for key, record in merged.items():
        record["curated"] = JOIN.join(sorted(decisions[key] - {""}))
    yield from sorted(merged.values(), key=lambda r: (r["report"], _order(r["evidence_start"]), r["source"],
                                                      r["predicate"], r["target"], r["rule"]))


def to_networkx(nodes: dict[str, Node], evidence: list[dict]) -> nx.MultiDiGraph:
    """A MultiDiGraph: the nodes with their attributes, one edge per fact and report (key: the assertion IRI)
    with its most confident evidence (the earliest among equals) and the number of pieces of evidence."""
    graph = nx.MultiDiGraph()
    for node in nodes.values():
        graph.add_node(node.id, **{k: _xml(v) for k, v in node.row().items() if k != "id"})
    best: dict[str, dict] = {}
    count: dict[str, int] = defaultdict(int)
    for record in evidence:
        assertion = str(record["assertion"])
        count[assertion] += record["rule"] != ""
        held = best.get(assertion)
        if held is None or _rank(record) < _rank(held):
            best[assertion] = record
    for assertion, record in best.items():
        attributes = {k: _xml(v) for k, v in record.items() if k not in ("source", "target", "assertion") and v != ""}
        graph.add_edge(record["source"], record["target"], key=assertion, evidence_count=count[assertion],
                       **attributes)
    return graph


def _rows(store: ox.Store, sparql: str) -> ox.QuerySolutions:
    return store.query(sparql, use_default_graph_as_union=True)


def _rank(record: dict) -> tuple[float, int]:
    confidence = record["confidence"]
    return (-confidence if isinstance(confidence, float) else 0.0, _order(record["evidence_start"]))


def _order(value: object) -> int:
    return value if isinstance(value, int) else -1


def _csv(rows: list[dict], columns: tuple[str, ...]) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel reads the Chinese as pandas does (encoding="utf-8-sig")."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column, "") for column in columns})
    return buffer.getvalue().encode("utf-8-sig")


def _year(term: ox.Literal | None) -> int | str:
    return int(term.value[:4]) if term is not None else ""


def _int(term: ox.Literal | None) -> int | str:
    return int(term.value) if term is not None else ""


def _text(term: ox.Literal | None) -> str:
    return term.value if term is not None else ""


def _xml(value: object) -> object:
    return _NOT_XML.sub("", value) if isinstance(value, str) else value
