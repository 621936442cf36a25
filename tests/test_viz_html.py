"""The offline HTML view: every node drawn, nothing fetched from the network, physics that stops."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from seed_extractions import seed_000, seed_001

from kg.rdf import Minter, to_quads
from kg.viz import View, build_graph, render_html

MINT = Minter()
_TAG = re.compile(r"<(script|link)\b([^>]*)>", re.I)


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    for extraction in (seed_000(), seed_001()):
        store.extend(to_quads(extraction))
    return store


def _nodes_in_page(page: str, kind: str = "nodes") -> list[dict]:
    match = re.search(kind + r" = new vis\.DataSet\((\[.*?\])\);", page, re.S)
    assert match, f"no {kind} data in the page"
    return json.loads(match.group(1))


def test_viz_page_draws_every_entity_and_report(store: ox.Store, tmp_path: Path) -> None:
    out = tmp_path / "kg.html"
    graph = render_html(store, out).graph
    keys = {e.key for x in (seed_000(), seed_001()) for e in x.entities}
    assert graph.number_of_nodes() == len(keys) + 2
    page = out.read_text(encoding="utf-8")
    assert f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges" in page
    drawn = _nodes_in_page(page)
    assert len(drawn) == graph.number_of_nodes()
    assert {n["id"] for n in drawn} >= {MINT.entity(k) for k in keys}


def test_viz_page_fetches_nothing(store: ox.Store, tmp_path: Path) -> None:
    out = tmp_path / "kg.html"
    render_html(store, out)
    page = out.read_text(encoding="utf-8")
    for _, attributes in _TAG.findall(page):
        assert not re.search(r"(src|href)\s*=", attributes, re.I), attributes
    assert "vis.Network" in page and len(page) > 300_000  # vis.js is inlined, not linked
    assert not re.search(r"@import\s+url\(\s*[\"']?(https?:)?//", page)


def test_viz_tooltips_carry_label_class_aliases_reports_and_evidence(store: ox.Store, tmp_path: Path) -> None:
    out = tmp_path / "kg.html"
    render_html(store, out)
    drawn = {n["id"]: n for n in _nodes_in_page(out.read_text(encoding="utf-8"))}
    title = drawn[MINT.entity("Agency/新余市行政审批局")]["title"]
    assert title.startswith("新余市行政审批局\nclass: Agency")
    assert "市行政審批局" in title and "reports: 1" in title and "“" in title
    assert drawn[MINT.entity("Platform/好差评系统")]["title"].count("reports: 2") == 1


def test_viz_edge_tooltip_shows_the_sentence_and_its_report(store: ox.Store, tmp_path: Path) -> None:
    out = tmp_path / "kg.html"
    render_html(store, out)
    edges = {e["id"]: e for e in _nodes_in_page(out.read_text(encoding="utf-8"), "edges")}
    body, reform = MINT.entity("Agency/益阳市行政审批服务局"), MINT.entity("Reform/一件事一次办")
    title = edges[f"{body} implements {reform}"]["title"].splitlines()
    assert title[0] == "益阳市行政审批服务局 → implements 推行 → 一件事一次办"
    # seed 000 is the 2021 report of 益阳市行政审批服务局 (its first line)
    assert title[2:] == ["“二是纵深推进“一件事一次办”改革工作。”", "— 2021 益阳市行政审批服务局 报告"]


def test_viz_size_follows_pagerank(store: ox.Store, tmp_path: Path) -> None:
    out = tmp_path / "kg.html"
    render_html(store, out, View(include_reports=False))
    drawn = _nodes_in_page(out.read_text(encoding="utf-8"))
    biggest = max(drawn, key=lambda n: n["size"])
    assert biggest["id"] == MINT.entity("Agency/益阳市行政审批服务局")  # the body with most relations


def test_viz_edges_are_labelled_by_relation(store: ox.Store) -> None:
    graph = build_graph(store)
    labels = {data["label"] for _, _, data in graph.edges(data=True)}
    assert {"implements", "issued", "promotes", "subOrganizationOf", "employs", "locatedIn"} <= labels
    assert {"creator", "spatial"} <= labels
    implements = graph.edges[MINT.entity("Agency/益阳市行政审批服务局"), MINT.entity("Reform/一件事一次办"),
                             "implements"]
    assert implements["evidence"] == "二是纵深推进“一件事一次办”改革工作。"


def test_viz_physics_stops_and_script_parses(store: ox.Store, tmp_path: Path) -> None:
    out = tmp_path / "kg.html"
    render_html(store, out)
    page = out.read_text(encoding="utf-8")
    assert "network.setOptions({ physics: false })" in page
    if shutil.which("node") is None:
        pytest.skip("node is not installed: cannot syntax-check the page script")
    script = page[page.rindex("<script>") + len("<script>"):page.rindex("</script>")]
    assert "function drawGraph()" in script
    js = tmp_path / "draw.js"
    js.write_text(script, encoding="utf-8")
    result = subprocess.run(["node", "--check", str(js)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_viz_max_nodes_keeps_the_highest_ranked(store: ox.Store, tmp_path: Path) -> None:
    graph = render_html(store, tmp_path / "small.html", View(max_nodes=5)).graph
    assert graph.number_of_nodes() == 5
    assert MINT.entity("Agency/益阳市行政审批服务局") in graph
    assert "5 nodes" in (tmp_path / "small.html").read_text(encoding="utf-8")


def test_viz_empty_store(tmp_path: Path) -> None:
    graph = render_html(ox.Store(), tmp_path / "empty.html").graph
    assert graph.number_of_nodes() == 0
    assert "0 nodes, 0 edges" in (tmp_path / "empty.html").read_text(encoding="utf-8")
