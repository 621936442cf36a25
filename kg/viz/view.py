"""Which part of the graph to draw: report, classes, a neighbourhood, a minimum degree, and a size cap.

Filters apply in that order, each to what the previous left: ``--report`` keeps what one report mentions and
asserts, ``--types`` keeps nodes of the named classes, ``--focus``/``--hops`` keeps the nodes within N steps
(either direction) of the focus inside that, ``--min-degree`` drops nodes with fewer distinct neighbours, and
the cap keeps the most important nodes (PageRank) so that a graph of thousands still opens in seconds. Every
filter that leaves something out says so in ``Selection.notes``; focus nodes survive the last two filters.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.errors import ViewError
from kg.ingest.fold import fold
from kg.viz.graph import select
from kg.viz.style import class_styles


@dataclass(frozen=True)
class View:
    """What ``kg viz`` draws; the defaults draw everything up to ``max_nodes``."""

    focus: tuple[str, ...] = ()
    hops: int = 1
    types: tuple[str, ...] = ()
    report: str | Path | None = None
    min_degree: int = 0
    max_nodes: int | None = 1500
    communities: bool = False
    include_reports: bool = True


@dataclass
class Selection:
    graph: nx.MultiDiGraph
    rank: dict[str, float]
    focus: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)


def select_view(graph: nx.MultiDiGraph, store: ox.Store | None, view: View) -> Selection:
    """The subgraph ``view`` asks for, its nodes' importance and what was left out."""
    notes: list[str] = []
    if view.report is not None:
        if store is None:
            raise ViewError(f"--report {view.report}: needs the store the graph was built from")
        graph = _only_report(graph, store, Path(view.report), notes)
    if view.types:
        graph = _only_types(graph, view.types, notes)
    focus: set[str] = set()
    if view.focus:
        focus = focus_nodes(graph, view.focus)
        graph = _neighbourhood(graph, focus, view.hops, notes)
    if view.min_degree > 0:
        graph = _min_degree(graph, view.min_degree, focus, notes)
    rank = importance(graph)
    if view.max_nodes is not None and graph.number_of_nodes() > view.max_nodes:
        graph = _cap(graph, rank, view.max_nodes, focus, notes)
        rank = importance(graph)  # sizes, labels and layout follow the importance within what is drawn
    return Selection(graph, rank, focus, notes)


def importance(graph: nx.MultiDiGraph) -> dict[str, float]:
    """PageRank with edges taken both ways: a body and the reforms it implements both gain from the link.

    Rounded to 12 decimals: nodes of the same standing get ranks equal but for the last bits, and those bits
    moved with memory alignment (another thread, an earlier stage of a build), so ties fell either way and one
    store drew two pages; rounded, a tie is a tie and the node's IRI breaks it."""
    if graph.number_of_nodes() == 0:
        return {}
    return {node: round(rank, 12) for node, rank in nx.pagerank(nx.Graph(graph)).items()}


def communities(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Node -> Louvain community number, 0 for the biggest; fixed seed, so every run colours alike."""
    found = nx.community.louvain_communities(nx.Graph(graph), seed=0)
    ordered = sorted(found, key=lambda c: (-len(c), min(c)))
    return {node: index for index, members in enumerate(ordered) for node in members}


def _only_report(graph: nx.MultiDiGraph, store: ox.Store, path: Path, notes: list[str]) -> nx.MultiDiGraph:
    report = find_report(store, path)
    mentioned = {row["x"] for row in select(store, f"SELECT DISTINCT ?x WHERE {{ <{report}> schema:mentions ?x }}")}
    keep = [n for n in graph if n in mentioned or n == report]
    sub = nx.MultiDiGraph(graph.subgraph(keep))
    sub.remove_edges_from([(s, o, k) for s, o, k, data in sub.edges(keys=True, data=True)
                           if report not in data["reports"]])
    notes.append(f"--report {path}: {sub.number_of_nodes()} nodes and {sub.number_of_edges()} edges "
                 f"of {report.rsplit('/', 1)[-1]}")
    return sub


def find_report(store: ox.Store, path: Path) -> str:
    """The report IRI built from ``path``: same SHA-256 when the file is here, else the same file stem."""
    rows = select(store, """SELECT ?r ?path ?sha WHERE { ?r a gk:Report ; prov:wasDerivedFrom ?f .
            ?f gk:sourcePath ?path OPTIONAL { ?f spdx:checksum/spdx:checksumValue ?sha } }""")
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    found = sorted({row["r"] for row in rows if digest and row.get("sha", "").lower() == digest})
    if not found:
        found = sorted({row["r"] for row in rows if Path(row["path"]).stem == path.stem})
    if len(found) == 1:
        return found[0]
    known = ", ".join(sorted(Path(row["path"]).name for row in rows)) or "none"
    problem = "matches several reports" if found else "is not a report of this store"
    raise ViewError(f"{path}: {problem} (reports in the store: {known})")


def _only_types(graph: nx.MultiDiGraph, types: tuple[str, ...], notes: list[str]) -> nx.MultiDiGraph:
    known = [name for name in class_styles() if name != "other"]
    by_folded = {name.casefold(): name for name in known}
    unknown = [t for t in types if t.casefold() not in by_folded]
    if unknown:
        raise ViewError(f"--types: unknown class {', '.join(unknown)} (known: {', '.join(known)})")
    wanted = {by_folded[t.casefold()] for t in types}
    sub = nx.MultiDiGraph(graph.subgraph(n for n, cls in graph.nodes(data="cls") if cls in wanted))
    notes.append(f"--types {','.join(sorted(wanted))}: {sub.number_of_nodes()} of {graph.number_of_nodes()} nodes")
    return sub


def focus_nodes(graph: nx.MultiDiGraph, names: tuple[str, ...]) -> set[str]:
    """Nodes whose preferred label or an alias is one of ``names`` (Traditional and Simplified alike)."""
    index: dict[str, set[str]] = {}
    for node, data in graph.nodes(data=True):
        for name in (data["label"], *data["aliases"]):
            index.setdefault(fold(name), set()).add(node)
    found: set[str] = set()
    for name in names:
        nodes = index.get(fold(name.strip()))
        if not nodes:
            near = sorted(label for label in {d["label"] for _, d in graph.nodes(data=True)}
                          if fold(name) in fold(label))[:8]
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            raise ViewError(f"--focus {name}: no node has this name or alias{hint}")
        found |= nodes
    return found


def _neighbourhood(graph: nx.MultiDiGraph, focus: set[str], hops: int, notes: list[str]) -> nx.MultiDiGraph:
    undirected = graph.to_undirected(as_view=True)
    keep: set[str] = set()
    for node in focus:
        keep.update(nx.single_source_shortest_path_length(undirected, node, cutoff=max(hops, 0)))
    sub = nx.MultiDiGraph(graph.subgraph(keep))
    labels = ", ".join(sorted(graph.nodes[n]["label"] for n in focus))
    notes.append(f"--focus {labels} --hops {hops}: {sub.number_of_nodes()} of {graph.number_of_nodes()} nodes")
    return sub


def _min_degree(graph: nx.MultiDiGraph, k: int, focus: set[str], notes: list[str]) -> nx.MultiDiGraph:
    """Drop nodes with fewer than ``k`` distinct neighbours (one pass, counted before any is dropped)."""
    simple = nx.Graph(graph)
    keep = [n for n in graph if simple.degree(n) >= k or n in focus]
    sub = nx.MultiDiGraph(graph.subgraph(keep))
    notes.append(f"--min-degree {k}: left out {graph.number_of_nodes() - sub.number_of_nodes()} nodes "
                 f"with fewer than {k} neighbours")
    return sub


def _cap(graph: nx.MultiDiGraph, rank: dict[str, float], limit: int, focus: set[str],
         notes: list[str]) -> nx.MultiDiGraph:
    order = sorted(graph, key=lambda n: (n not in focus, -rank[n], n))
    sub = nx.MultiDiGraph(graph.subgraph(order[:limit]))
    left = Counter(graph.nodes[n]["cls"] for n in order[limit:])
    by_class = ", ".join(f"{count} {cls}" for cls, count in left.most_common())
    notes.append(f"drew the {limit} most important of {graph.number_of_nodes()} nodes (PageRank); left out "
                 f"{sum(left.values())} nodes ({by_class}) and {graph.number_of_edges() - sub.number_of_edges()} "
                 "edges; narrow the view with --focus, --types, --report or --min-degree")
    return sub
