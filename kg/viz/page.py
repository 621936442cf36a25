"""The HTML page: pyvis builds the vis.js node and edge data, kg/resources/viz/page.html lays out the page.

pyvis' own template links Bootstrap and tom-select from CDNs and lists nodes by IRI in its select menu; our
template keeps pyvis' data, its inlined vis-network build and its neighbourhood highlight (the files pyvis ships
under pyvis/templates/lib), and adds a small panel of our own: search by name, class and relation filters, the
legend, and what the view left out. Every script and style is inlined: the page fetches nothing.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader
from pyvis.network import Network

from kg.export import write_atomic
from kg.resources import resource_path
from kg.viz.style import class_style, class_styles, community_colours, relation_colours, zh_label
from kg.viz.view import Selection, communities

TEMPLATE = "page.html"
_EXCERPT = 200  # characters of an evidence sentence shown in a tooltip
_BIG = 400  # above this many nodes the layout trades precision for time
_LAYOUT_WORK = 150_000  # node-iterations of layout before physics stops (~4 s headless for 1500 nodes here)


def page_options(node_count: int) -> dict:
    """vis-network options: a layout that stabilises within a bounded number of steps, then stops."""
    big = node_count > _BIG
    return {
        "layout": {"improvedLayout": not big},
        "physics": {"solver": "barnesHut" if big else "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120},
                    "barnesHut": {"gravitationalConstant": -8000, "springLength": 140, "avoidOverlap": 0.1},
                    "stabilization": {"enabled": True, "updateInterval": 25,
                                      "iterations": min(400, max(60, _LAYOUT_WORK // max(node_count, 1))),
                                      "fit": True}},
        "nodes": {"font": {"size": 12}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "font": {"size": 9, "align": "middle"},
                  "smooth": {"type": "continuous"} if not big else False, "width": 1.2},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big},
    }


def node_tooltip(data: dict) -> str:
    """Label, class, aliases, how many reports mention it, and its best evidence sentence with the report."""
    lines = [data["label"], f"class: {data['cls']} {zh_label(data['cls'])}".rstrip()]
    if data["aliases"]:
        lines.append("aliases: " + " | ".join(data["aliases"][:12]))
    if data["cls"] != "Report":
        lines.append(f"reports: {len(data['reports'])}")
    return "\n".join(lines + _evidence(data))


def edge_tooltip(graph: nx.MultiDiGraph, source: str, target: str, data: dict) -> str:
    relation = f"{data['label']} {zh_label(data['label'])}".rstrip()
    lines = [f"{graph.nodes[source]['label']} → {relation} → {graph.nodes[target]['label']}",
             f"reports: {len(data['reports'])}"]
    return "\n".join(lines + _evidence(data))


def _evidence(data: dict) -> list[str]:
    if not data["evidence"]:
        return []
    text = data["evidence"].strip()
    text = text if len(text) <= _EXCERPT else text[:_EXCERPT] + "…"
    return [f"“{text}”", f"— {data['evidence_report']}"]


def to_network(selection: Selection, community: dict[str, int] | None = None) -> Network:
    """pyvis nodes (shape by class, colour by class or community, size by PageRank) and labelled edges."""
    graph, rank = selection.graph, selection.rank
    top = max((rank.get(n, 0.0) for n in graph), default=0.0) or 1.0
    palette = community_colours()
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.set_options(json.dumps(page_options(graph.number_of_nodes())))
    for node, data in sorted(graph.nodes(data=True)):
        style = class_style(data["cls"])
        colour: str | dict = style.colour
        if community is not None:
            fill = palette[community[node]] if community[node] < len(palette) else class_style("other").colour
            colour = {"background": fill, "border": style.colour}
        net.add_node(node, label=data["label"], title=node_tooltip(data), color=colour, shape=style.shape,
                     size=round(8 + 30 * (rank.get(node, 0.0) / top) ** 0.5, 2), cls=data["cls"],
                     aliases=data["aliases"], borderWidth=2 if community is not None else 1,
                     community=community[node] if community is not None else None)
    colours = relation_colours()
    for source, target, key, data in sorted(graph.edges(keys=True, data=True)):
        colour = colours.get(key, class_style("other").colour)
        net.add_edge(source, target, id=f"{source} {key} {target}", label=key, relation=key,
                     title=edge_tooltip(graph, source, target, data), color={"color": colour, "highlight": colour})
    return net


def panel(selection: Selection, community: dict[str, int] | None) -> dict:
    """What the page's panel lists: counts, notes, classes and relations present, communities, names."""
    graph = selection.graph
    classes = Counter(cls for _, cls in graph.nodes(data="cls"))
    relations = Counter(key for _, _, key in graph.edges(keys=True))
    order = list(class_styles())
    colours = relation_colours()
    names = sorted({name for _, d in graph.nodes(data=True) for name in (d["label"], *d["aliases"])})
    return {
        "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(), "notes": selection.notes,
        "names": names,
        "classes": [{"name": c, "zh": zh_label(c), "colour": class_style(c).colour, "symbol": class_style(c).symbol,
                     "count": classes[c]}
                    for c in sorted(classes, key=lambda c: (order.index(c) if c in order else len(order), c))],
        "relations": [{"name": r, "zh": zh_label(r), "colour": colours.get(r, "#aaa"), "count": relations[r]}
                      for r in sorted(relations, key=lambda r: (list(colours).index(r) if r in colours else 99, r))],
        "communities": _community_legend(selection, community) if community is not None else [],
    }


def _community_legend(selection: Selection, community: dict[str, int]) -> list[dict]:
    """One row per community (at most the palette's length), named after its most important node."""
    palette, graph, rank = community_colours(), selection.graph, selection.rank
    members: dict[int, list[str]] = {}
    for node, index in community.items():
        members.setdefault(index, []).append(node)
    rows = []
    for index in sorted(members)[:len(palette)]:
        head = max(members[index], key=lambda n: (rank.get(n, 0.0), n))
        rows.append({"colour": palette[index], "label": graph.nodes[head]["label"], "size": len(members[index])})
    return rows


def write_page(selection: Selection, out_path: str | Path, *, with_communities: bool = False,
               title: str = "govkg") -> None:
    """Write the selection as one self-contained HTML page (atomically: a reader never sees half a page)."""
    community = communities(selection.graph) if with_communities else None
    net = to_network(selection, community)
    nodes, edges, _, _, _, options = net.get_network_data()
    loader = FileSystemLoader([str(resource_path("viz")), str(Path(pyvis.__file__).parent / "templates")])
    template = Environment(loader=loader, autoescape=True).get_template(TEMPLATE)
    page = template.render(title=title, nodes=nodes, edges=edges, options=options,
                           panel=panel(selection, community))
    write_atomic(Path(out_path), lambda fh: fh.write(page.encode("utf-8")))
