"""The offline HTML view, read as a file: every node drawn once, nothing fetched, a layout fixed at build time,
evidence and report texts carried in JSON blocks. (What the page does in a browser: test_viz_browser.py.)"""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from seed_extractions import SEED_000, seed_000, seed_001

from kg.rdf import Minter, to_quads
from kg.viz import View, build_graph, render_html, write_page
from kg.viz.layout import layout

MINT = Minter()
_TAG = re.compile(r"<(script|link)\b([^>]*)>", re.I)
BODY, REFORM = MINT.entity("Agency/益阳市行政审批服务局"), MINT.entity("Reform/一件事一次办")


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    for extraction in (seed_000(), seed_001()):
        store.extend(to_quads(extraction))
    return store


def block(page: str, name: str) -> object:
    """The JSON of one ``<script type="application/json" id="govkg-NAME">`` block of the page."""
    match = re.search(rf'<script type="application/json" id="govkg-{name}">(.*?)</script>', page, re.S)
    assert match, f"no {name} block in the page"
    return json.loads(match.group(1))


def written(store: ox.Store, path: Path, view: View | None = None) -> tuple[nx.MultiDiGraph, str]:
    graph = render_html(store, path, view).graph
    return graph, path.read_text(encoding="utf-8")


def test_viz_page_draws_every_entity_and_report(store: ox.Store, tmp_path: Path) -> None:
    graph, page = written(store, tmp_path / "kg.html")
    keys = {e.key for x in (seed_000(), seed_001()) for e in x.entities}
    keys |= {"Place/湖南省", "Place/江西省", "Place/中国"}  # above 益阳市 and 新余市 (gk:within)
    assert graph.number_of_nodes() == len(keys) + 2
    drawn = block(page, "nodes")
    assert len(drawn) == graph.number_of_nodes() == len({n["id"] for n in drawn})
    assert {n["id"] for n in drawn} >= {MINT.entity(k) for k in keys}
    assert len(block(page, "edges")) == graph.number_of_edges()


def test_viz_page_fetches_nothing(store: ox.Store, tmp_path: Path) -> None:
    _, page = written(store, tmp_path / "kg.html")
    for _, attributes in _TAG.findall(page):
        assert not re.search(r"(src|href)\s*=", attributes, re.I), attributes
    assert "vis.Network" in page and len(page) > 300_000  # vis.js is inlined, not linked
    assert not re.search(r"@import\s+url\(\s*[\"']?(https?:)?//", page)


def test_viz_title_says_what_the_page_shows(store: ox.Store, tmp_path: Path) -> None:
    graph, page = written(store, tmp_path / "kg.html")
    title = re.search(r"<title>(.*?)</title>", page).group(1)
    assert title == f"govkg graph — 2 reports, 2021–2024: {graph.number_of_nodes()} nodes, " \
                    f"{graph.number_of_edges()} edges"
    _, focused = written(store, tmp_path / "focus.html", View(focus=("一件事一次办",)))
    assert "一件事一次办 and its neighbours" in re.search(r"<title>(.*?)</title>", focused).group(1)


def test_viz_layout_is_fixed_when_written_and_the_same_every_time(store: ox.Store, tmp_path: Path) -> None:
    _, first = written(store, tmp_path / "a.html")
    _, second = written(store, tmp_path / "b.html")
    one, two = block(first, "nodes"), block(second, "nodes")
    assert [(n["id"], n["x"], n["y"]) for n in one] == [(n["id"], n["x"], n["y"]) for n in two]
    assert block(first, "options")["physics"] == {"enabled": False}
    assert len({(n["x"], n["y"]) for n in one}) == len(one)  # no two nodes on the same spot


def test_viz_page_draws_the_layout_computed_beside_the_evidence(store: ox.Store, tmp_path: Path) -> None:
    """render_html lays the page out on a thread while it reads the evidence: kg.viz.layout's positions all the
    same; write_page draws positions it is given."""
    selection = render_html(store, tmp_path / "a.html")
    expected = layout(selection.graph, selection.rank)
    nodes = block((tmp_path / "a.html").read_text(encoding="utf-8"), "nodes")
    assert {n["id"]: (n["x"], n["y"]) for n in nodes} == expected
    moved = {node: (x + 100.0, y) for node, (x, y) in expected.items()}
    write_page(selection, tmp_path / "b.html", positions=moved)
    drawn = block((tmp_path / "b.html").read_text(encoding="utf-8"), "nodes")
    assert {n["id"]: (n["x"], n["y"]) for n in drawn} == moved


def test_viz_hubs_are_drawn_after_and_clear_of_their_leaves(store: ox.Store, tmp_path: Path) -> None:
    graph, page = written(store, tmp_path / "kg.html", View(include_reports=False))
    drawn = block(page, "nodes")
    order = [n["id"] for n in drawn]
    by_id = {n["id"]: n for n in drawn}
    simple = nx.Graph(graph)
    leaves = [n for n in simple if simple.degree(n) == 1 and simple.degree(next(iter(simple[n]))) > 1]
    assert len(leaves) >= 5
    for leaf in leaves:
        (hub,) = simple[leaf]
        assert order.index(hub) > order.index(leaf)  # vis-network draws in DataSet order: the hub on top
        gap = math.dist((by_id[hub]["x"], by_id[hub]["y"]), (by_id[leaf]["x"], by_id[leaf]["y"]))
        assert gap >= by_id[hub]["size"] + by_id[leaf]["size"], (hub, leaf)


def test_viz_size_follows_pagerank(store: ox.Store, tmp_path: Path) -> None:
    _, page = written(store, tmp_path / "kg.html", View(include_reports=False))
    biggest = max(block(page, "nodes"), key=lambda n: n["size"])
    assert biggest["id"] == BODY  # the body with most relations


def test_viz_edges_are_labelled_by_relation(store: ox.Store) -> None:
    graph = build_graph(store)
    labels = {data["label"] for _, _, data in graph.edges(data=True)}
    assert {"implements", "issued", "promotes", "subOrganizationOf", "employs", "locatedIn"} <= labels
    assert {"creator", "spatial"} <= labels


def test_viz_page_carries_the_evidence_and_the_report_text(store: ox.Store, tmp_path: Path) -> None:
    _, page = written(store, tmp_path / "kg.html")
    data = block(page, "data")
    edge = next(e for e in block(page, "edges") if (e["from"], e["to"], e["relation"]) == (BODY, REFORM, "implements"))
    assert edge["zh"] == "推行"
    text = SEED_000.read_text(encoding="utf-8")
    quoted = {(data["sentences"][s][2], start, end) for s, start, end in data["edgeEvidence"][edge["id"]]}
    rows = store.query(f"""PREFIX gk: <https://w3id.org/govkg/ontology#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?text ?start ?end WHERE {{ ?a rdf:subject <{BODY}> ; rdf:object <{REFORM}> ; gk:hasEvidence ?ev .
        ?ev gk:start ?start ; gk:end ?end ; gk:inSentence/rdf:value ?text }}""", use_default_graph_as_union=True)
    expected = {(row["text"].value, int(row["start"].value), int(row["end"].value)) for row in rows}
    assert quoted == expected and ("二是纵深推进“一件事一次办”改革工作。", 1985, 1994) in quoted
    assert text[1985:1994] == "推进“一件事一次办"
    report = next(r for r in data["reports"] if r["iri"].endswith("000_305e9a0e456975a1"))
    assert report["text"] == text  # the full text travels with the page, the spans index into it
    assert (report["year"], report["author"]) == ("2021", "益阳市行政审批服务局")


def test_viz_page_script_parses(store: ox.Store, tmp_path: Path) -> None:
    _, page = written(store, tmp_path / "kg.html")
    if shutil.which("node") is None:
        pytest.skip("node is not installed: cannot syntax-check the page script")
    script = page[page.rindex("<script>") + len("<script>"):page.rindex("</script>")]
    assert "function drawGraph()" in script
    js = tmp_path / "draw.js"
    js.write_text(script, encoding="utf-8")
    result = subprocess.run(["node", "--check", str(js)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_viz_max_nodes_keeps_the_highest_ranked(store: ox.Store, tmp_path: Path) -> None:
    graph, page = written(store, tmp_path / "small.html", View(max_nodes=5))
    assert graph.number_of_nodes() == 5 == len(block(page, "nodes"))
    assert BODY in graph


def test_viz_empty_store(tmp_path: Path) -> None:
    graph, page = written(ox.Store(), tmp_path / "empty.html")
    assert graph.number_of_nodes() == 0
    assert block(page, "nodes") == [] and ": 0 nodes, 0 edges" in page


def test_viz_report_nodes_are_named_by_place_and_year(store: ox.Store, tmp_path: Path) -> None:
    _, page = written(store, tmp_path / "kg.html")
    found = store.query("""PREFIX gk: <https://w3id.org/govkg/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?r ?place ?year WHERE { ?r a gk:Report ; gk:coversYear ?year ;
        dcterms:spatial/skos:prefLabel ?place }""",
                        use_default_graph_as_union=True)
    expected = {row["r"].value: f"{row['place'].value} {row['year'].value}" for row in found}
    names = {n["id"]: n["name"] for n in block(page, "nodes") if n["cls"] == "Report"}
    assert names == expected and "益阳市 2021" in names.values()
