"""A self-contained HTML view of the graph: entities, the 7 relation types and the reports, drawn by vis.js.

``build_graph`` reads the store with SPARQL into networkx (one node per entity or report, one edge per
relation triple); ``render_html`` sizes nodes by PageRank, colours and shapes them by class, and writes one
pyvis page with vis.js inlined. pyvis' template also links Bootstrap from a CDN; those tags are removed, so
the page opens offline and fetches nothing. Physics runs until the layout stabilises, then stops.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from pyvis.network import Network

from kg.export import write_atomic
from kg.model import ENTITY_TYPES
from kg.namespace import GK, PREFIXES, RDFS
from kg.rdf.vocab import ontology, relation_properties
from kg.store import as_store

# class -> (colour, vis.js shape, legend symbol); data, not code paths
STYLE: dict[str, tuple[str, str, str]] = {
    "Agency": ("#1f77b4", "dot", "●"), "Organization": ("#17becf", "dot", "●"),
    "Law": ("#d62728", "diamond", "◆"), "PolicyDocument": ("#ff7f0e", "square", "■"),
    "Reform": ("#2ca02c", "star", "★"), "Place": ("#8c564b", "triangle", "▲"),
    "Person": ("#e377c2", "dot", "●"), "Platform": ("#9467bd", "hexagon", "⬢"),
    "Report": ("#7f7f7f", "box", "▬"),
}
REPORT_EDGES = {"http://purl.org/dc/terms/creator": "creator", "http://purl.org/dc/terms/spatial": "spatial"}
_PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
_CLASSES = " ".join(f"gk:{t}" for t in ENTITY_TYPES)
_REMOTE_TAG = re.compile(
    r"<(script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//[^>]*>(?:\s*</script>)?", re.I)
_COMMENTED_TAG = re.compile(r"<!--(?:(?!-->).)*?<(?:script|link)\b(?:(?!-->).)*?-->", re.S)
_EXTRA_HEAD = """<title>govkg</title>
<style>
div.vis-tooltip { white-space: pre-wrap; max-width: 480px; }
#govkg-legend { position: fixed; top: 8px; right: 8px; z-index: 10; background: rgba(255,255,255,.92);
  border: 1px solid #ccc; border-radius: 4px; padding: 6px 10px; font: 13px sans-serif; }
#govkg-legend span.symbol { display: inline-block; width: 1.2em; }
</style>"""
_STOP_PHYSICS = ('network.once("stabilizationIterationsDone", function () {'
                 " network.setOptions({ physics: false }); });\n                  return network;")
_OPTIONS = {
    "physics": {"solver": "forceAtlas2Based", "forceAtlas2Based": {"gravitationalConstant": -60,
                                                                   "springLength": 120},
                "stabilization": {"enabled": True, "iterations": 400, "fit": True}},
    "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
              "font": {"size": 10, "align": "middle"}, "smooth": {"type": "continuous"}},
    "interaction": {"hover": True, "tooltipDelay": 150},
}


def _select(store: ox.Store, sparql: str) -> list[dict[str, str]]:
    solutions = store.query(_PROLOGUE + sparql, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]


def build_graph(store: ox.Store | str | Path, include_reports: bool = True) -> nx.MultiDiGraph:
    """Entities, relations and (optionally) reports as networkx nodes and edges, with what the page shows."""
    store = as_store(store)
    graph = nx.MultiDiGraph()
    for row in _select(store, f"""SELECT ?e (SAMPLE(?cls) AS ?class) (MIN(?lbl) AS ?label) WHERE {{
            VALUES ?cls {{ {_CLASSES} }} ?e a ?cls ; skos:prefLabel ?lbl }} GROUP BY ?e"""):
        graph.add_node(row["e"], label=row["label"], cls=row["class"].rsplit("#", 1)[-1], aliases=[],
                       reports=0, example="")
    _annotate_nodes(store, graph)
    names = {iri: name for name, iri in relation_properties().items()}
    values = " ".join(f"<{iri}>" for iri in names)
    for row in _select(store, f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o }}"):
        if row["s"] in graph and row["o"] in graph:
            graph.add_edge(row["s"], row["o"], key=names[row["p"]], label=names[row["p"]], example="")
    for row in _select(store, """SELECT ?s ?p ?o (MIN(?text) AS ?example) WHERE {
            ?a rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
               gk:hasEvidence/gk:inSentence/oa:hasSelector/oa:exact ?text } GROUP BY ?s ?p ?o"""):
        key = names.get(row["p"])
        if key and graph.has_edge(row["s"], row["o"], key):
            graph.edges[row["s"], row["o"], key]["example"] = row["example"]
    if include_reports:
        _add_reports(store, graph)
    return graph


def _annotate_nodes(store: ox.Store, graph: nx.MultiDiGraph) -> None:
    for row in _select(store, "SELECT DISTINCT ?e ?alias WHERE { ?e skos:altLabel ?alias } ORDER BY ?alias"):
        if row["e"] in graph:
            graph.nodes[row["e"]]["aliases"].append(row["alias"])
    for row in _select(store, """SELECT ?e (COUNT(DISTINCT ?r) AS ?n) WHERE {
            ?r a gk:Report ; schema:mentions ?e } GROUP BY ?e"""):
        if row["e"] in graph:
            graph.nodes[row["e"]]["reports"] = int(row["n"])
    for row in _select(store, """SELECT ?e (MIN(?text) AS ?example) WHERE {
            ?m a gk:Mention ; oa:hasBody ?e ; gk:inSentence/oa:hasSelector/oa:exact ?text } GROUP BY ?e"""):
        if row["e"] in graph:
            graph.nodes[row["e"]]["example"] = row["example"]


def _add_reports(store: ox.Store, graph: nx.MultiDiGraph) -> None:
    for row in _select(store, """SELECT ?r (MIN(?t) AS ?title) (MIN(?y) AS ?year) WHERE {
            ?r a gk:Report OPTIONAL { ?r dcterms:title ?t } OPTIONAL { ?r gk:coversYear ?y } }
            GROUP BY ?r"""):
        doc_id = row["r"].rsplit("/", 1)[-1]
        label = " ".join(part for part in (row.get("year"), row.get("title") or doc_id) if part)
        graph.add_node(row["r"], label=label, cls="Report", aliases=[], reports=1, example="")
    for iri, name in REPORT_EDGES.items():
        for row in _select(store, f"SELECT DISTINCT ?r ?x WHERE {{ ?r a gk:Report ; <{iri}> ?x }}"):
            if row["x"] in graph:
                graph.add_edge(row["r"], row["x"], key=name, label=name, example="")


def _tooltip(data: dict) -> str:
    lines = [data["label"], f"class: {data['cls']}"]
    if data["aliases"]:
        lines.append("aliases: " + " | ".join(data["aliases"][:12]))
    if data["cls"] != "Report":
        lines.append(f"reports: {data['reports']}")
    if data["example"]:
        lines.append("“" + data["example"][:160] + "”")
    return "\n".join(lines)


def _legend(graph: nx.MultiDiGraph) -> str:
    """Colour and shape of each class present, named in English and (from the ontology) Chinese."""
    present = sorted({data["cls"] for _, data in graph.nodes(data=True)}, key=list(STYLE).index)
    rows = [f'<div><span class="symbol" style="color:{STYLE[c][0]}">{STYLE[c][2]}</span>{html.escape(c)} '
            f"{html.escape(_zh_label(c))}</div>" for c in present]
    counts = f"<div><b>{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges</b></div>"
    return f'<div id="govkg-legend">{counts}{"".join(rows)}</div>'


def pagerank(graph: nx.MultiDiGraph, damping: float = 0.85, rounds: int = 100) -> dict[str, float]:
    """PageRank with edges taken both ways (a body and the reforms it implements both gain), by power
    iteration in plain Python: networkx's own pagerank needs scipy, which govkg does not otherwise need."""
    simple = nx.Graph(graph)
    nodes = sorted(simple.nodes)
    if not nodes:
        return {}
    rank = dict.fromkeys(nodes, 1.0 / len(nodes))
    for _ in range(rounds):
        dangling = sum(rank[n] for n in nodes if simple.degree(n) == 0)
        new = {n: (1 - damping) / len(nodes) + damping * dangling / len(nodes) for n in nodes}
        for node in nodes:
            degree = simple.degree(node)
            for neighbour in simple.neighbors(node):
                new[neighbour] += damping * rank[node] / degree
        done = sum(abs(new[n] - rank[n]) for n in nodes) < 1e-9 * len(nodes)
        rank = new
        if done:
            break
    return rank


def _zh_label(cls: str) -> str:
    labels = [str(label) for label in ontology().objects(GK[cls], RDFS.label)
              if str(getattr(label, "language", "")).lower() == "zh-hans"]
    return labels[0] if labels else ""


def render_html(store: ox.Store | str | Path, out_path: str | Path, *, include_reports: bool = True,
                max_nodes: int | None = 1500, height: str = "900px") -> nx.MultiDiGraph:
    """Write the graph as one offline HTML page; returns the graph drawn (after the ``max_nodes`` cut)."""
    graph = build_graph(store, include_reports=include_reports)
    rank = pagerank(graph)
    if max_nodes is not None and graph.number_of_nodes() > max_nodes:
        keep = sorted(rank, key=lambda n: (-rank[n], n))[:max_nodes]
        graph = graph.subgraph(keep).copy()
    top = max(rank.values(), default=1.0)
    net = Network(height=height, width="100%", directed=True, cdn_resources="in_line")
    net.set_options(json.dumps(_OPTIONS))
    for node, data in sorted(graph.nodes(data=True)):
        colour, shape, _ = STYLE[data["cls"]]
        net.add_node(node, label=data["label"], title=_tooltip(data), color=colour, shape=shape,
                     size=round(8 + 32 * (rank.get(node, 0.0) / top) ** 0.5, 2))
    for source, target, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["label"])):
        title = data["label"] + (f"\n“{data['example'][:160]}”" if data["example"] else "")
        net.add_edge(source, target, label=data["label"], title=title)
    page = _offline(net.generate_html(notebook=False), _legend(graph))
    write_atomic(Path(out_path), lambda fh: fh.write(page.encode("utf-8")))
    return graph


def _offline(page: str, legend: str) -> str:
    """Drop every remote <script>/<link>, add the legend and stop physics once the layout is stable."""
    page = _REMOTE_TAG.sub("", _COMMENTED_TAG.sub("", page))
    page = page.replace("</head>", _EXTRA_HEAD + "\n</head>", 1)
    page = re.sub(r"<body>", lambda m: m.group(0) + "\n" + legend, page, count=1)
    return page.replace("return network;", _STOP_PHYSICS, 1)

