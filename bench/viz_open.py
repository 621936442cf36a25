"""How long the HTML graph takes to write and to open (layout stabilised, physics stopped) in headless Chromium.

Graphs are synthetic but shaped like ours: scale-free (Barabási–Albert, 2 links per new node), classes in the
proportions of the seeds' graph. `--max-nodes` is the cap of `kg viz` (default 1500), so the larger sizes show
what a user of a big store gets by default. Prints one line per size; run on an otherwise idle core.

    python bench/viz_open.py --sizes 300 1500 5000 --max-nodes 1500
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import networkx as nx

from kg.viz import View, select_view, write_page
from kg.viz.browser import open_page

# node classes in the proportions of the five seeds' graph (65 Agency, 118 Reform, ... of 298)
CLASS_WEIGHTS = {"Agency": 65, "Organization": 2, "Law": 9, "PolicyDocument": 44, "Reform": 118, "Place": 19,
                 "Person": 4, "Platform": 32, "Report": 5}
RELATIONS = ("implements", "issued", "cites", "promotes", "locatedIn", "subOrganizationOf", "employs")


def synthetic_graph(size: int, seed: int = 0) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    shape = nx.barabasi_albert_graph(size, 2, seed=seed)
    graph = nx.MultiDiGraph()
    classes = rng.choices(list(CLASS_WEIGHTS), weights=list(CLASS_WEIGHTS.values()), k=size)
    for node, cls in zip(shape.nodes, classes, strict=True):
        graph.add_node(f"n{node}", label=f"节点{node}", cls=cls, aliases=[], reports=["r"],
                       evidence="一是纵深推进“一件事一次办”改革工作。", evidence_report="2021 报告")
    for a, b in shape.edges:
        relation = rng.choice(RELATIONS)
        graph.add_edge(f"n{a}", f"n{b}", key=relation, label=relation, reports=["r"], evidence="", evidence_report="")
    return graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1500, 5000])
    parser.add_argument("--max-nodes", type=int, default=1500)
    args = parser.parse_args()
    print("nodes in graph | drawn nodes | drawn edges | write s | open+stabilise s | page MB")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            started = time.perf_counter()
            selection = select_view(synthetic_graph(size), None, View(max_nodes=args.max_nodes))
            out = Path(tmp) / f"g{size}.html"
            write_page(selection, out)
            written = time.perf_counter() - started
            started = time.perf_counter()
            with open_page(out) as opened:
                drawn = opened.page.evaluate("[nodes.length, edges.length]")
            opened_s = time.perf_counter() - started
            print(f"{size} | {drawn[0]} | {drawn[1]} | {written:.2f} | {opened_s:.2f} | "
                  f"{out.stat().st_size / 1e6:.1f}")


if __name__ == "__main__":
    main()
