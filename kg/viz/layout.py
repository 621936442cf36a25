"""Where each node is drawn, computed once when the page is written: the same graph always gives the same picture.

Most nodes of these graphs are leaves (a reform only one body implements, a document only one body issued).
A force layout of every node spends its time pushing leaves around and still lets them cover their hub, so:

1. in each connected part, the *skeleton* (the nodes left when leaves are taken away) is laid out by
   networkx's ForceAtlas2, seeded, each node sized by the disc its leaves will need so that discs do not overlap;
2. each hub's leaves go round it on a sunflower (Vogel) spiral, grouped by class, most important nearest;
3. the parts are packed in rows, the biggest first, so that small ones do not drift off and force the zoom out;
4. nodes with no edge at all go on a grid below the rest (the page hides them in big graphs).

Units are vis-network canvas units: ``LEAF_SPACING`` apart for leaves, node radii as the page draws them.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

LEAF_SPACING = 26.0  # canvas units between neighbouring leaves of a hub
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
_LAYOUT_WORK = 12_000_000  # ForceAtlas2 iterations x skeleton nodes², bounded so big views stay fast


def node_radius(rank: float, top: float) -> float:
    """The drawn radius: 8 for the least important, up to 34 for the most (square root of PageRank share)."""
    return round(8 + 26 * (rank / top) ** 0.5, 2) if top > 0 else 8.0


def layout(graph: nx.MultiDiGraph, rank: dict[str, float]) -> dict[str, tuple[float, float]]:
    """Node -> (x, y) canvas position; deterministic for a given graph and ranks."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph))
    simple.add_edges_from(sorted((s, o) for s, o in graph.edges() if s != o))
    top = max(rank.values(), default=0.0)
    radius = {n: node_radius(rank.get(n, 0.0), top) for n in simple}
    isolated = [n for n in simple if simple.degree(n) == 0]
    parent = _leaf_parents(simple, rank)
    skeleton = simple.subgraph(n for n in simple if n not in parent and simple.degree(n) > 0)
    leaves: dict[str, list[str]] = {}
    for leaf, hub in sorted(parent.items()):
        leaves.setdefault(hub, []).append(leaf)
    order = {n: (graph.nodes[n].get("cls", ""), -rank.get(n, 0.0), n) for n in simple}
    for hub in leaves:
        leaves[hub].sort(key=order.__getitem__)
    disc = {n: radius[n] + LEAF_SPACING * (1.2 + math.sqrt(len(leaves.get(n, ())))) for n in skeleton}
    parts = []
    for members in nx.connected_components(skeleton):
        positions = _skeleton_positions(skeleton.subgraph(members), disc)
        for hub in members:
            hx, hy = positions[hub]
            for i, leaf in enumerate(leaves.get(hub, ())):
                r = radius[hub] + LEAF_SPACING * (0.9 + 0.62 * math.sqrt(i + 0.5))
                angle = i * _GOLDEN_ANGLE
                positions[leaf] = (hx + r * math.cos(angle), hy + r * math.sin(angle))
        parts.append(positions)
    positions = _pack(parts, rank)
    positions.update(_grid_below(isolated, positions, rank))
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in positions.items()}


def _leaf_parents(simple: nx.Graph, rank: dict[str, float]) -> dict[str, str]:
    """Leaf -> the one node it hangs on; of two nodes linked only to each other, the less important is the leaf."""
    parent = {}
    for node in simple:
        if simple.degree(node) != 1:
            continue
        (other,) = simple.neighbors(node)
        if simple.degree(other) > 1 or (rank.get(node, 0.0), node) < (rank.get(other, 0.0), other):
            parent[node] = other
    return parent


def _skeleton_positions(skeleton: nx.Graph, disc: dict[str, float]) -> dict[str, tuple[float, float]]:
    """ForceAtlas2 (seed 0) with node sizes, then scaled so that linked discs just clear each other."""
    nodes = sorted(skeleton)
    if not nodes:
        return {}
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    ordered = nx.Graph()
    ordered.add_nodes_from(nodes)
    ordered.add_edges_from(sorted(skeleton.edges()))
    iterations = max(30, min(200, _LAYOUT_WORK // len(nodes) ** 2))
    scale = float(np.median([disc[n] for n in nodes]))
    found = nx.forceatlas2_layout(ordered, max_iter=iterations, seed=0, scaling_ratio=2.0, gravity=1.0,
                                  node_size={n: disc[n] / scale for n in nodes})
    xy = np.array([found[n] for n in nodes], dtype=float)
    xy -= xy.mean(axis=0)
    size = np.array([disc[n] for n in nodes])
    index = {n: i for i, n in enumerate(nodes)}
    pairs = np.array([(index[a], index[b]) for a, b in ordered.edges()]) if ordered.number_of_edges() else None
    factor = 1.0
    if pairs is not None:
        lengths = np.linalg.norm(xy[pairs[:, 0]] - xy[pairs[:, 1]], axis=1)
        needed = (size[pairs[:, 0]] + size[pairs[:, 1]]) / np.maximum(lengths, 1e-9)
        factor = float(np.quantile(needed, 0.9))  # linked discs clear each other, a few long edges aside
    xy *= factor
    return {n: (float(xy[i, 0]), float(xy[i, 1])) for n, i in index.items()}


def _pack(parts: list[dict[str, tuple[float, float]]], rank: dict[str, float]) -> dict[str, tuple[float, float]]:
    """Connected parts in rows, biggest (then most important) first, each row as wide as the biggest part."""
    parts = sorted(parts, key=lambda p: (-len(p), -max(rank.get(n, 0.0) for n in p), min(p)))
    gap = 2 * LEAF_SPACING
    boxes = []
    for part in parts:
        xs, ys = [x for x, _ in part.values()], [y for _, y in part.values()]
        boxes.append((min(xs) - gap / 2, min(ys) - gap / 2, max(xs) + gap / 2, max(ys) + gap / 2))
    width = max((b[2] - b[0] for b in boxes), default=0.0)
    total = sum((b[2] - b[0]) * (b[3] - b[1]) for b in boxes)
    width = max(width, math.sqrt(total) * 1.3)
    placed: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for part, (x0, y0, x1, y1) in zip(parts, boxes, strict=True):
        if x > 0 and x + (x1 - x0) > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (nx_, ny) in part.items():
            placed[node] = (nx_ - x0 + x, ny - y0 + y)
        x += x1 - x0
        row_height = max(row_height, y1 - y0)
    return placed


def _grid_below(nodes: list[str], placed: dict[str, tuple[float, float]],
                rank: dict[str, float]) -> dict[str, tuple[float, float]]:
    """Nodes with no edge, most important first, in rows under the drawn graph and as wide as it."""
    if not nodes:
        return {}
    xs = [x for x, _ in placed.values()] or [0.0]
    ys = [y for _, y in placed.values()] or [0.0]
    width = max(max(xs) - min(xs), 40 * LEAF_SPACING)
    step = 2 * LEAF_SPACING
    per_row = max(1, int(width // step))
    left, top = (min(xs) + max(xs)) / 2 - (per_row - 1) * step / 2, max(ys) + 4 * LEAF_SPACING
    ordered = sorted(nodes, key=lambda n: (-rank.get(n, 0.0), n))
    return {n: (left + (i % per_row) * step, top + (i // per_row) * step) for i, n in enumerate(ordered)}
