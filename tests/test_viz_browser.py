"""The HTML graph in a real headless Chromium (Debian `chromium`, driven by Playwright; .ci/run installs it).

Each test opens a written page from file://, waits for the network to go idle and the layout to stop, then reads
the page's vis DataSets and compares them with the graph the page was drawn from and with SPARQL counts.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from seed_store import built_seeds

from kg.store import open_store
from kg.viz import View, render_html
from kg.viz.browser import find_chromium, open_page

YIJIANSHI = "https://w3id.org/govkg/id/Reform/一件事一次办"

if find_chromium() is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must have Chromium: .ci/run installs Debian's chromium package")
    pytest.skip("no Chromium here (apt-get install chromium)", allow_module_level=True)

COUNTS = "[nodes.length, edges.length, Object.keys(network.getPositions()).length, network.physics.physicsEnabled]"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return built_seeds(tmp_path_factory)


@pytest.fixture(scope="module")
def store(built: Path) -> ox.Store:
    return open_store(built / "store", read_only=True)


def count(store: ox.Store, sparql: str) -> int:
    prefixes = """PREFIX gk: <https://w3id.org/govkg/ontology#> PREFIX org: <http://www.w3.org/ns/org#>
                  PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX schema: <https://schema.org/>"""
    rows = list(store.query(prefixes + sparql, use_default_graph_as_union=True))
    return int(rows[0]["n"].value)


def test_viz_browser_build_page_shows_the_whole_store_and_fetches_nothing(built: Path, store: ox.Store) -> None:
    classes = "gk:Agency gk:Organization gk:Law gk:PolicyDocument gk:Reform gk:Place gk:Person gk:Platform gk:Report"
    relations = ("gk:implements gk:issued gk:cites gk:promotes gk:locatedIn org:subOrganizationOf gk:employs "
                 "dcterms:creator dcterms:spatial")
    node_count = count(store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ VALUES ?c {{ {classes} }} ?x a ?c }}")
    edge_count = count(store, f"""SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{
        VALUES ?p {{ {relations} }} ?s ?p ?o }} }}""")
    with open_page(built / "graph.html") as opened:  # the page `kg build` wrote
        nodes, edges, positioned, physics = opened.page.evaluate(COUNTS)
        assert (nodes, edges) == (node_count, edge_count)
        assert positioned == nodes and physics is False  # every node laid out, then physics stopped
        assert opened.requests == [(built / "graph.html").resolve().as_uri()]
        assert opened.remote_requests() == [] and opened.errors == []


def test_viz_browser_page_holds_exactly_the_drawn_graph(store: ox.Store, tmp_path: Path) -> None:
    out = tmp_path / "focus.html"
    graph = render_html(store, out, View(focus=("一件事一次办",), hops=2, communities=True)).graph
    with open_page(out) as opened:
        ids = opened.page.evaluate("nodes.getIds()")
        links = opened.page.evaluate("edges.get().map(e => [e.from, e.to, e.relation])")
        fills = opened.page.evaluate("new Set(nodes.get().map(n => n.color.background)).size")
        assert opened.remote_requests() == [] and opened.errors == []
    assert sorted(ids) == sorted(graph.nodes)
    assert Counter(map(tuple, links)) == Counter(list(graph.edges(keys=True)))
    assert fills > 1  # communities coloured apart


def test_viz_browser_search_filters_highlight_and_tooltip(store: ox.Store, tmp_path: Path) -> None:
    out = tmp_path / "search.html"
    graph = render_html(store, out, View(focus=("一件事一次办",), hops=2)).graph
    neighbours = set(graph.to_undirected().neighbors(YIJIANSHI))
    reforms = sum(1 for _, cls in graph.nodes(data="cls") if cls == "Reform")
    implements = sum(1 for _, _, key in graph.edges(keys=True) if key == "implements")
    with open_page(out) as opened:
        page = opened.page
        page.fill("#govkg-search", "一件事一次办")
        page.dispatch_event("#govkg-search", "change")
        assert page.evaluate("network.getSelectedNodes()") == [YIJIANSHI]
        # neighbourhood highlight: the node and its neighbours keep their colour, the rest turn grey
        coloured = page.evaluate("nodes.get().filter(n => n.color === nodeColors[n.id]).map(n => n.id)")
        assert set(coloured) == neighbours | {YIJIANSHI}
        page.click("#govkg-reset")
        page.uncheck("#govkg-classes input[value=Reform]")
        assert page.evaluate("nodes.get().filter(n => n.hidden).length") == reforms
        page.uncheck("#govkg-relations input[value=implements]")
        assert page.evaluate("edges.get().filter(e => e.hidden).length") == implements
        page.check("#govkg-classes input[value=Reform]")
        x, y = page.evaluate(f"""(() => {{ const p = network.getPositions(["{YIJIANSHI}"])["{YIJIANSHI}"];
                                          const d = network.canvasToDOM(p); return [d.x, d.y]; }})()""")
        page.mouse.move(x, y)
        tooltip = page.wait_for_selector("div.vis-tooltip", state="visible").inner_text()
    assert tooltip.startswith("一件事一次办\nclass: Reform")
    mentioned = count(store, f"SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{ ?r schema:mentions <{YIJIANSHI}> }}")
    assert f"reports: {mentioned}" in tooltip and "“" in tooltip and "— 2021" in tooltip


def test_viz_browser_catches_a_page_that_reaches_for_a_cdn(tmp_path: Path) -> None:
    page = tmp_path / "remote.html"
    page.write_text('<html><head><script src="https://cdn.jsdelivr.net/npm/x.js"></script></head><body>'
                    "<script>window.govkgReady = true;</script></body></html>", encoding="utf-8")
    with open_page(page) as opened:
        assert opened.remote_requests() == ["https://cdn.jsdelivr.net/npm/x.js"]
