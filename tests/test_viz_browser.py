"""The HTML graph in a real headless Chromium (Debian `chromium`, driven by Playwright; .ci/run installs it).

Each test opens a page written from a real build (the five seeds, or the seeds with the eight reports of
../shared/corpus: 13 reports) at 1400x900, waits until it is drawn, then reads what the page shows — vis
DataSets, positions, the label boxes it drew, the side panel's DOM — and compares it with the graph, with
networkx's PageRank of the drawn graph and with SPARQL on the store. Speed is measured in bench/viz_open.py.
"""

from __future__ import annotations

import itertools
import math
import os
from pathlib import Path
from urllib.parse import quote

import networkx as nx
import pyoxigraph as ox
import pytest
from seed_store import SEEDS, built_seeds

from kg.build import build
from kg.store import open_store
from kg.viz import View, render_html
from kg.viz.browser import find_chromium, open_page

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
IRI = "https://w3id.org/govkg/id/"
YIJIANSHI = IRI + "Reform/一件事一次办"
FANGCHENGGANG_BUREAU = IRI + "Agency/防城港市大数据和行政审批局"  # 30 mentions in seed 003
PREFIXES = """PREFIX gk: <https://w3id.org/govkg/ontology#> PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX schema: <https://schema.org/> PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
CLASSES = "gk:Agency gk:Organization gk:Law gk:PolicyDocument gk:Reform gk:Place gk:Person gk:Platform gk:Report"
RELATIONS = ("gk:implements gk:issued gk:cites gk:promotes gk:locatedIn org:subOrganizationOf gk:employs gk:operates "
             "dcterms:creator dcterms:spatial")

if find_chromium() is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must have Chromium: .ci/run installs Debian's chromium package")
    pytest.skip("no Chromium here (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return built_seeds(tmp_path_factory)


@pytest.fixture(scope="module")
def store(built: Path) -> ox.Store:
    return open_store(built / "store", read_only=True)


@pytest.fixture(scope="module")
def built13(tmp_path_factory) -> Path:
    """``kg build seeds/ ../shared/corpus/*.txt``: 13 reports, about 1,750 nodes (the page draws 1,500)."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside this checkout")
    out = tmp_path_factory.mktemp("build13") / "out"
    build([SEEDS, *sorted(CORPUS.glob("*.txt"))], out)
    return out


def rows(store: ox.Store, sparql: str) -> list[dict[str, str]]:
    return [{v: row[v].value for v in ("x", "r", "start", "end", "text", "n") if row[v] is not None}
            for row in store.query(PREFIXES + sparql, use_default_graph_as_union=True)]


def drawn_graph(page) -> nx.Graph:
    """The graph the page holds (its DataSets), as networkx sees it: undirected, one edge per linked pair."""
    graph = nx.Graph()
    graph.add_nodes_from(page.evaluate("nodes.getIds()"))
    graph.add_edges_from(page.evaluate("edges.get().map(e => [e.from, e.to])"))
    return graph


def check_labels(page, top: int = 20) -> list[dict]:
    """The labels drawn in the last frame: the ``top`` visible nodes by PageRank all labelled, >= 11 px, each box
    wide enough for its text in that font, beside its node, inside the window, and no two boxes overlapping."""
    labels = page.evaluate("govkgLabels")
    graph = drawn_graph(page)
    rank = nx.pagerank(graph)
    visible = set(page.evaluate("nodes.get().filter(n => !n.hidden).map(n => n.id)"))
    wanted = sorted(visible, key=lambda n: -rank[n])[:top]
    labelled = {label["id"]: label for label in labels}
    assert set(wanted) <= set(labelled), [page.evaluate(f"byId[{n!r}].name") for n in wanted if n not in labelled]
    scale = page.evaluate("network.getScale()")
    for label in labels:
        assert label["px"] >= 11
        width = page.evaluate(f"""(() => {{ const c = document.createElement("canvas").getContext("2d");
            c.font = "{label['px']}px sans-serif"; return c.measureText({label['text']!r}).width; }})()""")
        assert label["w"] >= width and label["h"] >= label["px"]
        assert 0 <= label["x"] <= 1400 and 0 <= label["y"] <= 900
        if not label.get("edge"):
            at = page.evaluate(f"network.canvasToDOM(network.getPositions([{label['id']!r}])[{label['id']!r}])")
            radius = page.evaluate(f"byId[{label['id']!r}].size") * scale
            assert math.dist((at["x"], at["y"]), (label["x"], label["y"])) <= radius + 4 + max(label["w"], label["h"])
    for a, b in itertools.combinations(labels, 2):
        apart = abs(a["x"] - b["x"]) >= (a["w"] + b["w"]) / 2 or abs(a["y"] - b["y"]) >= (a["h"] + b["h"]) / 2
        assert apart, (a["text"], b["text"])
    return labels


def test_viz_browser_build_page_shows_the_whole_store_and_fetches_nothing(built: Path, store: ox.Store) -> None:
    nodes = rows(store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ VALUES ?c {{ {CLASSES} }} ?x a ?c }}")
    edges = rows(store, f"""SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{
        VALUES ?p {{ {RELATIONS} }} ?s ?p ?o }} }}""")
    with open_page(built / "graph.html") as opened:  # the page `kg build` wrote
        page = opened.page
        counts = page.evaluate("[nodes.length, edges.length, nodes.get().filter(n => isFinite(n.x + n.y)).length]")
        assert counts == [int(nodes[0]["n"]), int(edges[0]["n"]), int(nodes[0]["n"])]
        assert page.evaluate("network.physics.physicsEnabled") is False
        # nodes without edges are hidden at first in a graph this big, and a switch shows them
        lonely = {row["x"] for row in rows(store, f"""SELECT ?x WHERE {{ VALUES ?c {{ {CLASSES} }} ?x a ?c
            FILTER NOT EXISTS {{ VALUES ?p {{ {RELATIONS} }} {{ ?x ?p ?o }} UNION {{ ?o ?p ?x }} }} }}""")}
        assert set(page.evaluate("nodes.get().filter(n => n.hidden).map(n => n.id)")) == lonely and len(lonely) > 50
        page.check("#govkg-isolated")
        assert page.evaluate("nodes.get().filter(n => n.hidden).length") == 0
        assert opened.requests == [(built / "graph.html").resolve().as_uri()]
        assert opened.remote_requests() == [] and opened.errors == []


@pytest.mark.parametrize("which", ["seeds", "13 reports"])
def test_viz_browser_opening_view_labels_the_top_nodes_without_overlap(which: str, request) -> None:
    built = request.getfixturevalue("built" if which == "seeds" else "built13")
    with open_page(built / "graph.html") as opened:
        labels = check_labels(opened.page)
        assert opened.errors == []
        if which == "13 reports":
            assert opened.page.evaluate("nodes.length") >= 1000
        # ready = drawn with physics off; the bound is generous (shared machine), bench/viz_open.py prints it
        assert opened.page.evaluate("window.govkgOpenMs") < 10_000
    assert len(labels) >= 20


def test_viz_browser_labels_follow_the_zoom(built13: Path) -> None:
    """Zoomed 3x about the centre, the window shows the middle third of the opening view: more labels there."""
    with open_page(built13 / "graph.html") as opened:
        page = opened.page
        width, height = page.evaluate("[document.getElementById('mynetwork').clientWidth, "
                                      "document.getElementById('mynetwork').clientHeight]")
        before = [label for label in page.evaluate("govkgLabels")
                  if abs(label["x"] - width / 2) <= width / 6 and abs(label["y"] - height / 2) <= height / 6]
        page.evaluate("network.moveTo({scale: network.getScale() * 3}); network.redraw()")
        after = check_labels(page, top=0)
        assert len(after) > len(before)


def test_viz_browser_same_picture_on_every_load(built13: Path) -> None:
    positions = []
    for _ in range(2):
        with open_page(built13 / "graph.html") as opened:
            view = "[network.getPositions(), network.getScale(), network.getViewPosition()]"
            positions.append(opened.page.evaluate(view))
    assert positions[0] == positions[1]


def test_viz_browser_side_panel_lists_every_evidence_sentence(built: Path, store: ox.Store) -> None:
    expected = rows(store, f"""SELECT DISTINCT ?r ?start ?end ?text WHERE {{
        ?m oa:hasBody <{FANGCHENGGANG_BUREAU}> ; gk:start ?start ; gk:end ?end ; gk:inSentence ?s .
        ?s oa:hasSource ?r ; rdf:value ?text }}""")
    assert len(expected) >= 20
    with open_page(built / "graph.html") as opened:
        page = opened.page
        page.fill("#govkg-search", "防城港市大数据和行政审批局")
        page.press("#govkg-search", "Enter")
        panel = page.locator("#govkg-details")
        assert panel.is_visible()
        assert panel.locator("h2").inner_text() == "防城港市大数据和行政审批局"
        assert "Agency" in panel.locator(".class").inner_text()
        items = panel.locator("ol.evidence > li")
        shown = {(item.locator(".sentence").inner_text(), item.locator("mark").inner_text(),
                  item.locator("a").get_attribute("data-start"), item.locator("a").get_attribute("data-end"))
                 for item in items.all()}
        text = (SEEDS / "003_800e7386b3b145c4.txt").read_text(encoding="utf-8")
        assert shown == {(row["text"], text[int(row["start"]):int(row["end"])], row["start"], row["end"])
                         for row in expected}
        reports = rows(store, f"SELECT DISTINCT ?x WHERE {{ ?x schema:mentions <{FANGCHENGGANG_BUREAU}> }}")
        assert panel.locator("ul.reports > li").count() == len(reports)
        # one click from a sentence to the report, the span marked in the full text
        row = expected[0]
        panel.locator(f"a[data-start='{row['start']}'][data-end='{row['end']}']").first.click()
        reader = page.locator("#govkg-reader")
        assert reader.is_visible()
        assert reader.locator("mark").inner_text() == text[int(row["start"]):int(row["end"])]
        assert page.locator("#govkg-reader-text").inner_text().replace("\n", "") == text.replace("\n", "")
        assert opened.errors == []


def test_viz_browser_capped_evidence_says_how_many_there_are(built: Path, store: ox.Store) -> None:
    place = IRI + "Place/防城港市"
    (total,) = rows(store, f"SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{ ?m oa:hasBody <{place}> }}")
    with open_page(built / "graph.html") as opened:
        page = opened.page
        page.evaluate(f"choose({place!r})")
        heading = page.locator("#govkg-details h3", has_text="evidence").inner_text()
        assert heading.startswith(f"evidence 证据: {total['n']} sentences (the first 50 here")
        assert page.locator("ol.evidence > li").count() == 50


def test_viz_browser_search_folds_matches_parts_and_says_no_match(built: Path) -> None:
    with open_page(built / "graph.html") as opened:
        page = opened.page
        page.fill("#govkg-search", "新餘市")  # Traditional
        assert page.locator("#govkg-suggestions li .name").first.inner_text() == "新余市"
        page.press("#govkg-search", "Enter")
        assert page.evaluate("network.getSelectedNodes()") == [IRI + "Place/新余市"]
        page.fill("#govkg-search", "审批局")  # part of a name
        names = page.locator("#govkg-suggestions li .name").all_inner_texts()
        containing = page.evaluate("""nodeList.filter(n => [n.name].concat(n.aliases).some(a => foldText(a)
            .includes("审批局"))).sort((a, b) => b.rank - a.rank)""")
        assert len(names) == min(12, len(containing)) >= 3
        assert names[0] == containing[0]["name"]  # ranked by importance
        page.locator("#govkg-suggestions li").first.dispatch_event("mousedown")
        assert page.evaluate("network.getSelectedNodes()") == [containing[0]["id"]]
        page.fill("#govkg-search", "不存在的机构")
        assert page.locator("#govkg-search-status").inner_text() == "no match for “不存在的机构”"
        assert page.locator("#govkg-suggestions li").count() == 0


def test_viz_browser_search_shows_a_hit_of_a_hidden_class(built: Path) -> None:
    with open_page(built / "graph.html") as opened:
        page = opened.page
        reforms = page.evaluate("nodes.get().filter(n => n.cls === 'Reform').length")
        total = page.evaluate("nodes.length")
        shown_before = page.evaluate("nodes.get().filter(n => !n.hidden).length")
        page.uncheck("#govkg-classes input[value=Reform]")
        assert page.locator("#govkg-classes label", has_text="Reform").locator(".count").inner_text() == f"0/{reforms}"
        visible_reforms = page.evaluate("nodes.get().filter(n => n.cls === 'Reform' && n.degree > 0).length")
        shown = shown_before - visible_reforms
        assert page.locator("#govkg-counts").inner_text().startswith(f"{shown} of {total} nodes")
        page.fill("#govkg-search", "一件事一次办")
        page.press("#govkg-search", "Enter")
        assert page.evaluate(f"nodes.get({YIJIANSHI!r}).hidden") is False
        assert page.evaluate("network.getSelectedNodes()") == [YIJIANSHI]
        assert "filtered out" in page.locator("#govkg-search-status").inner_text()


def test_viz_browser_year_filter_hides_exactly_the_other_years(built: Path, store: ox.Store) -> None:
    in_2021 = {row["x"] for row in rows(store, f"""SELECT DISTINCT ?x WHERE {{
        ?r a gk:Report ; gk:coversYear ?y FILTER(STR(?y) = "2021")
        {{ ?r schema:mentions ?x }} UNION {{ ?r a gk:Report BIND(?r AS ?x) }}
        UNION {{ ?r dcterms:creator|dcterms:spatial ?x }}
        UNION {{ ?g prov:wasDerivedFrom ?r GRAPH ?g {{ {{ ?x ?p ?o }} UNION {{ ?o ?p ?x }} }}
                 VALUES ?p {{ {RELATIONS} }} }}
        VALUES ?c {{ {CLASSES} }} ?x a ?c }}""")}
    with open_page(built / "graph.html") as opened:
        page = opened.page
        page.check("#govkg-isolated")
        years = page.evaluate("Array.from(document.querySelectorAll('#govkg-years input')).map(i => i.value)")
        assert "2021" in years and len(years) >= 2
        for year in years:
            if year != "2021":
                page.uncheck(f"#govkg-years input[value='{year}']")
        visible = set(page.evaluate("nodes.get().filter(n => !n.hidden).map(n => n.id)"))
        assert visible == in_2021 and 50 < len(visible) < page.evaluate("nodes.length")
        label = page.locator("#govkg-years label", has_text="2021").locator(".count").inner_text()
        assert label.startswith(f"{len(in_2021)}/")


def test_viz_browser_edge_labels_show_on_selection_only(built: Path) -> None:
    with open_page(built / "graph.html") as opened:
        page = opened.page
        assert not [label for label in page.evaluate("govkgLabels") if label.get("edge")]
        page.evaluate(f"choose({YIJIANSHI!r})")
        page.evaluate("network.redraw()")
        on_edges = [label["text"] for label in check_labels(page, top=0) if label.get("edge")]
        assert "推行" in on_edges  # implements, in Chinese
        page.click("#govkg-reset")
        assert not [label for label in page.evaluate("govkgLabels") if label.get("edge")]


def test_viz_browser_community_legend_matches_the_fills(store: ox.Store, tmp_path: Path) -> None:
    out = tmp_path / "communities.html"
    render_html(store, out, View(communities=True))
    with open_page(out) as opened:
        page = opened.page
        legend = page.evaluate("""Array.from(document.querySelectorAll('#govkg-communities div')).map(d =>
            [d.querySelector('.swatch').dataset.colour, Number(d.querySelector('.count').textContent)])""")
        fills = page.evaluate("nodeList.map(n => n.color.background)")
        assert len(legend) >= 5
        for colour, size in legend:
            assert fills.count(colour) == size, colour
        symbols = page.evaluate("""Array.from(document.querySelectorAll('#govkg-classes .symbol'))
            .map(s => getComputedStyle(s).color)""")
        assert set(symbols) == {"rgb(68, 68, 68)"}  # shapes, not the class colours the fills no longer use


def test_viz_browser_view_is_kept_in_the_url(built: Path) -> None:
    with open_page(built / "graph.html") as opened:
        page = opened.page
        page.evaluate(f"choose({YIJIANSHI!r})")
        page.uncheck("#govkg-relations input[value=cites]")
        fragment = page.evaluate("location.hash")
        assert f"node={quote(YIJIANSHI, safe='')}" in fragment
        assert "rel=cites" in fragment
        scale = page.evaluate("network.getScale()")
        page.reload()
        page.wait_for_function("window.govkgReady === true")
        assert page.evaluate("network.getSelectedNodes()") == [YIJIANSHI]
        assert page.locator("#govkg-details h2").inner_text() == "一件事一次办"
        assert page.is_checked("#govkg-relations input[value=cites]") is False
        assert abs(page.evaluate("network.getScale()") - scale) < 0.01


def test_viz_browser_png_export(built: Path, tmp_path: Path) -> None:
    with open_page(built / "graph.html") as opened:
        with opened.page.expect_download() as download:
            opened.page.click("#govkg-png")
        png = tmp_path / "view.png"
        download.value.save_as(png)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_viz_browser_catches_a_page_that_reaches_for_a_cdn(tmp_path: Path) -> None:
    page = tmp_path / "remote.html"
    page.write_text('<html><head><script src="https://cdn.jsdelivr.net/npm/x.js"></script></head><body>'
                    "<script>window.govkgReady = true;</script></body></html>", encoding="utf-8")
    with open_page(page) as opened:
        assert opened.remote_requests() == ["https://cdn.jsdelivr.net/npm/x.js"]
