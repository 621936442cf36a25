"""How long the HTML graph takes to write and to open in headless Chromium (1400x900), on real builds and on
synthetic graphs.

"ready" is the page's own clock (performance.now() when the first frame is drawn with every label: from the
start of navigation, so it includes parsing the page); "open" is the wall time from launching Chromium until
then. Positions come from the build, physics is off: ready means usable. Real stores: pass the folders a build
wrote (`--stores out/ /tmp/hebei-out/`); synthetic graphs are scale-free (Barabási–Albert, 2 links per new
node) with the seeds' class mix, cut to `--max-nodes` like `kg viz`. Prints one line per page; the machine is
shared, so say how loaded it was beside the figures (the load average is printed).

    python bench/viz_open.py --stores /tmp/seeds-out /tmp/c13-out --sizes 1000 2000 5000
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

import networkx as nx

from kg.viz import PageInput, View, render_html, select_view, write_page
from kg.viz.browser import open_page

# node classes in the proportions of the five seeds' graph (65 Agency, 118 Reform, ... of 298)
CLASS_WEIGHTS = {"Agency": 65, "Organization": 2, "Law": 9, "PolicyDocument": 44, "Reform": 118, "Place": 19,
                 "Person": 4, "Platform": 32, "Report": 5}
RELATIONS = ("implements", "issued", "cites", "promotes", "locatedIn", "subOrganizationOf", "employs")


def synthetic_graph(size: int, seed: int = 0) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    shape = nx.barabasi_albert_graph(size, 2, seed=seed)
    graph = nx.MultiDiGraph()
    graph.graph["reports"] = {}
    classes = rng.choices(list(CLASS_WEIGHTS), weights=list(CLASS_WEIGHTS.values()), k=size)
    for node, cls in zip(shape.nodes, classes, strict=True):
        graph.add_node(f"n{node}", label=f"节点{node}", cls=cls, aliases=[], reports=[])
    for a, b in shape.edges:
        relation = rng.choice(RELATIONS)
        graph.add_edge(f"n{a}", f"n{b}", key=relation, label=relation, reports=[])
    return graph


def measure(page: Path) -> tuple[int, int, float, float, int]:
    """(nodes, nodes shown, open s, ready ms, labels drawn) of one page."""
    started = time.perf_counter()
    with open_page(page) as opened:
        opened_s = time.perf_counter() - started
        nodes, shown, ready, labels = opened.page.evaluate(
            "[nodes.length, nodes.get().filter(n => !n.hidden).length, window.govkgOpenMs, govkgLabels.length]")
    return nodes, shown, opened_s, ready, labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stores", type=Path, nargs="*", default=[], help="output folders of `kg build`")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 2000, 5000])
    parser.add_argument("--max-nodes", type=int, default=1500)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("graph | nodes drawn | shown at opening | write s | open s (launch to ready) | ready ms | labels | MB")
    with tempfile.TemporaryDirectory() as tmp:
        for folder in args.stores:
            out = Path(tmp) / f"{folder.name}.html"
            started = time.perf_counter()
            render_html(folder / "store", out, View(max_nodes=args.max_nodes))
            written = time.perf_counter() - started
            nodes, shown, opened_s, ready, labels = measure(out)
            print(f"{folder} | {nodes} | {shown} | {written:.2f} | {opened_s:.2f} | {ready:.0f} | {labels} | "
                  f"{out.stat().st_size / 1e6:.1f}")
        for size in args.sizes:
            out = Path(tmp) / f"g{size}.html"
            started = time.perf_counter()
            selection = select_view(synthetic_graph(size), None, View(max_nodes=args.max_nodes))
            write_page(selection, out, extra=PageInput())
            written = time.perf_counter() - started
            nodes, shown, opened_s, ready, labels = measure(out)
            print(f"synthetic {size} | {nodes} | {shown} | {written:.2f} | {opened_s:.2f} | {ready:.0f} | {labels} | "
                  f"{out.stat().st_size / 1e6:.1f}")


if __name__ == "__main__":
    main()
