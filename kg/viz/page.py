"""The HTML page: pyvis builds the vis.js node and edge data, kg/resources/viz/page.html lays out the page.

pyvis' own template links Bootstrap and tom-select from CDNs; ours keeps pyvis' data and its inlined vis-network
build, and adds what a reader needs (kg/resources/viz/page.js): labels by importance, a side panel with every
evidence sentence and the report text it comes from, search, filters with counts. Positions come from
kg.viz.layout (physics stays off), so the page is still the moment it opens. Everything the page shows from the
graph travels as JSON in ``<script type="application/json">`` blocks and reaches the DOM as text, never markup.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from hashlib import sha256
from pathlib import Path

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader
from pyvis.network import Network

from kg.errors import InputError
from kg.export import write_atomic
from kg.ingest.fold import fold
from kg.ingest.read import extract
from kg.resources import resource_path
from kg.viz.graph import Details, ReportInfo
from kg.viz.layout import layout, node_radius
from kg.viz.style import class_style, class_styles, community_colours, relation_colours, zh_label
from kg.viz.view import Selection, communities

TEMPLATE = "page.html"
BIG = 150  # from this many nodes the page hides nodes without edges until asked
EVIDENCE_PER_ITEM = 50  # sentences carried per node or edge; the panel says how many SPARQL has in all
TEXT_BUDGET = 1_000_000  # characters of report text the page carries (the most cited reports first)


@dataclass
class PageInput:
    """What the page draws besides the selection: evidence, report texts and the title."""

    details: Details = field(default_factory=Details)
    texts: dict[str, str] = field(default_factory=dict)
    title: str = ""


def page_options(node_count: int) -> dict:
    """vis-network options: positions are given (kg.viz.layout), so no physics and no layout pass."""
    big = node_count > 400
    return {
        "layout": {"improvedLayout": False, "randomSeed": 0},
        "physics": {"enabled": False},
        "nodes": {"borderWidth": 1, "font": {"size": 0}, "chosen": True},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.45}}, "smooth": False, "width": 1.1,
                  "selectionWidth": 2, "hoverWidth": 1.5},
        "interaction": {"hover": True, "tooltipDelay": 250, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "multiselect": False, "navigationButtons": False},
    }


def _node_years(graph: nx.MultiDiGraph, reports: dict[str, ReportInfo]) -> dict[str, list[str]]:
    """The years a node belongs to: those of the reports that mention it or assert one of its edges."""
    years: dict[str, set[str]] = {n: set() for n in graph}
    for node, found in graph.nodes(data="reports"):
        years[node].update(reports[r].year if r in reports else "" for r in found or ())
    for s, o, found in graph.edges(data="reports"):
        for r in found or ():
            year = reports[r].year if r in reports else ""
            years[s].add(year)
            years[o].add(year)
    return {n: sorted(y) for n, y in years.items()}


def _places(graph: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Where a node is: the places it is locatedIn (a report: its spatial place)."""
    found: dict[str, list[str]] = {}
    for s, o, key in sorted(graph.edges(keys=True)):
        if key in ("locatedIn", "spatial"):
            found.setdefault(s, []).append(graph.nodes[o]["label"])
    return found


def edge_ids(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], str]:
    """(source, target, relation) -> a short id ("e12"), in sorted order: the page refers to edges by these."""
    return {key: f"e{i}" for i, key in enumerate(sorted(graph.edges(keys=True)))}


def to_network(selection: Selection, positions: dict[str, tuple[float, float]],
               community: dict[str, int] | None, report_index: dict[str, int]) -> Network:
    """pyvis nodes (shape by class, colour by class or community, size by PageRank, position from the layout,
    least important first so hubs are drawn over their leaves) and edges (colour by relation)."""
    graph, rank = selection.graph, selection.rank
    top = max((rank.get(n, 0.0) for n in graph), default=0.0)
    palette = community_colours()
    reports = graph.graph.get("reports", {})
    years = _node_years(graph, reports)
    places = _places(graph)
    degree = {n: len(set(nx.all_neighbors(graph, n)) - {n}) for n in graph}
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.set_options(json.dumps(page_options(graph.number_of_nodes())))
    for node in sorted(graph, key=lambda n: (rank.get(n, 0.0), n)):
        data = graph.nodes[node]
        style = class_style(data["cls"])
        colour: str | dict = {"background": style.colour, "border": style.colour}
        if community is not None:
            index = community[node]
            fill = palette[index] if index < len(palette) else class_style("other").colour
            colour = {"background": fill, "border": "#333333"}
        x, y = positions[node]
        net.add_node(node, label=" ", title=f"{data['label']} · {data['cls']} {zh_label(data['cls'])}".strip(),
                     color=colour, shape=style.shape, size=node_radius(rank.get(node, 0.0), top), x=x, y=y,
                     physics=False, cls=data["cls"], name=data["label"], aliases=data["aliases"],
                     rank=round(rank.get(node, 0.0), 8), degree=degree[node], years=years[node],
                     place=places.get(node, []),
                     reports=sorted(report_index[r] for r in data.get("reports") or () if r in report_index),
                     community=community[node] if community is not None else None)
    colours = relation_colours()
    ids = edge_ids(graph)
    for source, target, key, data in sorted(graph.edges(keys=True, data=True)):
        colour = colours.get(key, class_style("other").colour)
        net.add_edge(source, target, id=ids[source, target, key], relation=key, zh=zh_label(key) or key,
                     color={"color": colour, "highlight": colour, "hover": colour},
                     years=sorted({reports[r].year if r in reports else "" for r in data.get("reports") or ()}),
                     reports=sorted(report_index[r] for r in data.get("reports") or () if r in report_index))
    return net


def panel(selection: Selection, community: dict[str, int] | None) -> dict:
    """The legend and filters: classes, relations and years present with counts, communities, notes."""
    graph = selection.graph
    classes = Counter(cls for _, cls in graph.nodes(data="cls"))
    relations = Counter(key for _, _, key in graph.edges(keys=True))
    order = list(class_styles())
    colours = relation_colours()
    reports = graph.graph.get("reports", {})
    years = sorted({y for ys in _node_years(graph, reports).values() for y in ys})
    return {
        "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(), "notes": selection.notes,
        "classes": [{"name": c, "zh": zh_label(c), "colour": class_style(c).colour, "symbol": class_style(c).symbol,
                     "count": classes[c]}
                    for c in sorted(classes, key=lambda c: (order.index(c) if c in order else len(order), c))],
        "relations": [{"name": r, "zh": zh_label(r), "colour": colours.get(r, "#aaa"), "count": relations[r]}
                      for r in sorted(relations, key=lambda r: (list(colours).index(r) if r in colours else 99, r))],
        "years": years,
        "communities": _community_legend(selection, community) if community is not None else [],
    }


def _community_legend(selection: Selection, community: dict[str, int]) -> list[dict]:
    """One row per coloured community, named after its most important node, then one for the rest."""
    palette, graph, rank = community_colours(), selection.graph, selection.rank
    members: dict[int, list[str]] = {}
    for node, index in community.items():
        members.setdefault(index, []).append(node)
    rows = []
    for index in sorted(members)[:len(palette)]:
        head = max(members[index], key=lambda n: (rank.get(n, 0.0), n))
        rows.append({"colour": palette[index], "label": graph.nodes[head]["label"], "size": len(members[index]),
                     "index": index})
    rest = [n for index in sorted(members)[len(palette):] for n in members[index]]
    if rest:
        rows.append({"colour": class_style("other").colour, "label": "…", "size": len(rest), "index": -1})
    return rows


@cache
def fold_table() -> dict[str, str]:
    """Traditional -> Simplified for every CJK character OpenCC changes one for one: the page folds what the
    reader types the way the build folded the reports (kg.ingest.fold)."""
    chars = [chr(code) for code in range(0x3400, 0xA000)]
    folded = fold("\n".join(chars)).split("\n")
    return {a: b for a, b in zip(chars, folded, strict=True) if a != b and len(b) == 1}


def page_title(selection: Selection) -> str:
    """What the page shows, for the tab and the history: reports and years, or the view's notes."""
    graph = selection.graph
    reports = graph.graph.get("reports", {})
    years = sorted({info.year for info in reports.values() if info.year})
    span = f", {years[0]}–{years[-1]}" if len(years) > 1 else (f", {years[0]}" if years else "")
    what = f"{len(reports)} report{'s' if len(reports) != 1 else ''}{span}"
    if selection.focus:
        names = "、".join(sorted(graph.nodes[n]["label"] for n in selection.focus))
        what = f"{names} and its neighbours ({what})"
    elif selection.notes:
        what += " (" + selection.notes[0].split(":")[0] + ")"
    return f"govkg graph — {what}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"


def report_texts(reports: dict[str, ReportInfo], wanted: list[str], budget: int = TEXT_BUDGET,
                 roots: tuple[Path, ...] = ()) -> dict[str, str]:
    """The texts of ``wanted`` reports (in that order, within ``budget`` characters), read again from the files
    they were built from (a relative path from the current folder, else from each of ``roots``); a file that is
    gone or changed since (another SHA-256) is left out."""
    texts: dict[str, str] = {}
    used = 0
    for iri in wanted:
        info = reports.get(iri)
        if info is None or not info.path:
            continue
        path = next((root / info.path for root in (Path(), *roots) if (root / info.path).is_file()), Path(info.path))
        try:
            data = path.read_bytes()
            if info.sha256 and sha256(data).hexdigest() != info.sha256.lower():
                continue
            text = extract(path, data).text
        except (OSError, InputError):
            continue
        if used + len(text) > budget:
            break
        texts[iri] = text
        used += len(text)
    return texts


def page_data(selection: Selection, extra: PageInput, report_index: dict[str, int]) -> dict:
    """The JSON the page script reads: reports, sentences, evidence per node and edge, texts, the fold table."""
    graph = selection.graph
    reports = graph.graph.get("reports", {})
    order = sorted(report_index, key=report_index.__getitem__)
    sentences: dict[tuple[str, int], int] = {}
    texts: list[str] = []

    def refs(found: list) -> list[list[int]]:
        out = []
        for ev in found:
            key = (ev.report, ev.sentence_start)
            if key not in sentences:
                sentences[key] = len(texts)
                texts.append(ev.sentence)
            out.append([sentences[key], ev.start, ev.end])
        return out

    ids = edge_ids(graph)
    node_evidence = {n: refs(found) for n, found in sorted(extra.details.nodes.items()) if n in graph}
    edge_evidence = {ids[key]: refs(found) for key, found in sorted(extra.details.edges.items()) if key in ids}
    totals = {ids.get(key, "") if isinstance(key, tuple) else key: count
              for key, count in extra.details.totals.items()}
    sentence_rows = [[report_index.get(r, -1), start, texts[i]] for (r, start), i in sentences.items()]
    return {
        "reports": [{"iri": iri, "label": reports[iri].label if iri in reports else iri, "year": reports[iri].year,
                     "author": reports[iri].author, "place": reports[iri].place, "title": reports[iri].title,
                     "path": reports[iri].path, "text": extra.texts.get(iri)} for iri in order],
        "sentences": sentence_rows, "nodeEvidence": node_evidence, "edgeEvidence": edge_evidence,
        "evidenceTotals": totals, "fold": fold_table(), "hideIsolated": graph.number_of_nodes() >= BIG,
        "title": extra.title,
    }


def cited_reports(selection: Selection, details: Details) -> list[str]:
    """Reports the page refers to, the most cited (by evidence sentences, then mentions) first."""
    counts: Counter[str] = Counter()
    for found in (*details.nodes.values(), *details.edges.values()):
        counts.update(ev.report for ev in found)
    for _, found in selection.graph.nodes(data="reports"):
        counts.update(found or ())
    for _, _, found in selection.graph.edges(data="reports"):
        counts.update(found or ())
    return sorted(counts, key=lambda r: (-counts[r], r))


def write_page(selection: Selection, out_path: str | Path, *, with_communities: bool = False,
               extra: PageInput | None = None, positions: dict[str, tuple[float, float]] | None = None) -> None:
    """Write the selection as one self-contained HTML page (atomically: a reader never sees half a page);
    ``positions``: kg.viz.layout.layout of the selection, when already computed."""
    extra = extra or PageInput()
    community = communities(selection.graph) if with_communities else None
    reports = selection.graph.graph.get("reports", {})
    used = cited_reports(selection, extra.details)
    report_index = {iri: i for i, iri in enumerate(sorted(set(used) | {n for n, c in selection.graph.nodes(data="cls")
                                                                         if c == "Report" and n in reports}))}
    positions = layout(selection.graph, selection.rank) if positions is None else positions
    net = to_network(selection, positions, community, report_index)
    nodes, edges, _, _, _, options = net.get_network_data()
    for node in nodes:
        node.pop("label", None)  # the page draws labels itself, by importance (page.js)
        node.pop("font", None)
    title = extra.title or page_title(selection)
    extra = PageInput(extra.details, extra.texts, title)
    loader = FileSystemLoader([str(resource_path("viz")), str(Path(pyvis.__file__).parent / "templates")])
    template = Environment(loader=loader, autoescape=True).get_template(TEMPLATE)
    template.environment.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": False}
    page = template.render(title=title, nodes=nodes, edges=edges, options=json.loads(options),
                           panel=panel(selection, community), data=page_data(selection, extra, report_index))
    write_atomic(Path(out_path), lambda fh: fh.write(page.encode("utf-8")))
