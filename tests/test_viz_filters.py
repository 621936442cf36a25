"""kg viz's filters on the seeds' store: every node set is checked against SPARQL written here, not viz's output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from seed_store import SEEDS, built_seeds
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import ViewError
from kg.store import open_store
from kg.viz import View, build_graph, describe, render_html, select_view

SEED_000 = SEEDS / "000_305e9a0e456975a1.txt"  # 益阳市行政审批服务局 2021
REPORT_000 = "https://w3id.org/govkg/report/000_305e9a0e456975a1"
PREFIXES = """PREFIX gk: <https://w3id.org/govkg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
"""
CLASSES = "gk:Agency gk:Organization gk:Law gk:PolicyDocument gk:Reform gk:Place gk:Person gk:Platform gk:Report"
RELATIONS = ("gk:implements", "gk:issued", "gk:cites", "gk:promotes", "gk:locatedIn", "org:subOrganizationOf",
             "gk:employs", "gk:operates", "dcterms:creator", "dcterms:spatial")
STEP = "|".join(f"{p}|^{p}" for p in RELATIONS)  # one edge of the drawn graph, either direction


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return built_seeds(tmp_path_factory)


@pytest.fixture(scope="module")
def store(built: Path) -> ox.Store:
    return open_store(built / "store", read_only=True)


def nodes_of(store: ox.Store, where: str) -> set[str]:
    """?x of every solution of ``where``, restricted to drawn things (typed entities and reports)."""
    query = f"{PREFIXES} SELECT DISTINCT ?x WHERE {{ {where} VALUES ?c {{ {CLASSES} }} ?x a ?c }}"
    return {row["x"].value for row in store.query(query, use_default_graph_as_union=True)}


def drawn(store: ox.Store, view: View) -> set[str]:
    return set(select_view(build_graph(store), store, view).graph.nodes)


def test_viz_filters_default_draws_every_entity_and_report(store: ox.Store) -> None:
    assert drawn(store, View()) == nodes_of(store, "")


def test_viz_filters_types_keep_exactly_those_classes(store: ox.Store) -> None:
    expected = nodes_of(store, "VALUES ?t { gk:Agency gk:Reform } ?x a ?t .")
    assert drawn(store, View(types=("Agency", "reform"))) == expected
    assert 50 < len(expected) < len(nodes_of(store, ""))


@pytest.mark.parametrize("name", ["一件事一次办", "益阳市行政审批服务局"])
@pytest.mark.parametrize("hops", [1, 2])
def test_viz_filters_focus_keeps_the_neighbourhood(store: ox.Store, name: str, hops: int) -> None:
    path = "/".join([f"({STEP})?"] * hops)  # zero to `hops` steps
    expected = nodes_of(store, f'?f skos:prefLabel ?l FILTER(STR(?l) = "{name}") ?f {path} ?x .')
    assert drawn(store, View(focus=(name,), hops=hops)) == expected
    assert len(expected) >= 3


def test_viz_filters_focus_by_traditional_alias(store: ox.Store) -> None:
    # seed 001 writes 新余市行政審批局 once (市行政審批局, its usual short form, names it inside the report only)
    expected = nodes_of(store, f'?f skos:altLabel ?l FILTER(STR(?l) = "新余市行政審批局") ?f ({STEP})? ?x .')
    assert drawn(store, View(focus=("新余市行政審批局",))) == expected
    assert "https://w3id.org/govkg/id/Agency/新余市行政审批局" in expected


def test_viz_filters_focus_combined_with_types(store: ox.Store) -> None:
    # the neighbourhood is taken inside the kept classes: the step between two hops is an agency or a reform
    kept = "VALUES ?k {gk:Agency gk:Reform}"
    expected = nodes_of(store, f"""?f skos:prefLabel ?l FILTER(STR(?l) = "一件事一次办")
        ?f ({STEP})? ?m . {kept} ?m a ?k . ?m ({STEP})? ?x . ?x a ?k2 . {kept.replace("?k", "?k2")}""")
    assert drawn(store, View(focus=("一件事一次办",), hops=2, types=("Agency", "Reform"))) == expected


@pytest.mark.parametrize("how", ["the file", "a renamed copy", "a missing file of the same name"])
def test_viz_filters_report_keeps_what_it_mentions_and_asserts(store: ox.Store, tmp_path: Path, how: str) -> None:
    path = SEED_000
    if how == "a renamed copy":
        path = tmp_path / "copy.txt"
        shutil.copy(SEED_000, path)
    elif how == "a missing file of the same name":
        path = tmp_path / SEED_000.name
    expected = nodes_of(store, f"{{ <{REPORT_000}> schema:mentions ?x }} UNION {{ BIND(<{REPORT_000}> AS ?x) }}")
    selection = select_view(build_graph(store), store, View(report=path))
    assert set(selection.graph.nodes) == expected
    values = " ".join(RELATIONS)
    asserted = store.query(f"""{PREFIXES} SELECT DISTINCT ?s ?o WHERE {{ VALUES ?p {{ {values} }}
                               GRAPH <{REPORT_000}/graph> {{ ?s ?p ?o }} }}""")
    expected_edges = {(row["s"].value, row["o"].value) for row in asserted}
    assert {(s, o) for s, o in selection.graph.edges()} == expected_edges
    assert any("000_305e9a0e456975a1" in note for note in selection.notes)


def test_viz_filters_min_degree_keeps_nodes_with_enough_neighbours(store: ox.Store) -> None:
    query = f"""{PREFIXES} SELECT ?x WHERE {{ VALUES ?c {{ {CLASSES} }} ?x a ?c .
        {{ SELECT ?x (COUNT(DISTINCT ?n) AS ?k) WHERE {{ ?x {STEP} ?n FILTER(?n != ?x) }} GROUP BY ?x }}
        FILTER(?k >= 3) }}"""
    expected = {row["x"].value for row in store.query(query, use_default_graph_as_union=True)}
    assert drawn(store, View(min_degree=3)) == expected
    assert 10 < len(expected) < 100


def test_viz_filters_cap_keeps_the_hub_and_says_what_it_left_out(store: ox.Store) -> None:
    total = len(nodes_of(store, ""))
    selection = select_view(build_graph(store), store, View(max_nodes=20))
    assert selection.graph.number_of_nodes() == 20
    # the body with the most distinct neighbours in the seeds (益阳市行政审批服务局, 40+) must survive
    hub = store.query(f"""{PREFIXES} SELECT ?x (COUNT(DISTINCT ?n) AS ?k) WHERE {{ ?x {STEP} ?n }}
                          GROUP BY ?x ORDER BY DESC(?k) LIMIT 1""", use_default_graph_as_union=True)
    assert next(iter(hub))["x"].value in selection.graph
    assert any(f"left out {total - 20} nodes" in note for note in selection.notes)


@pytest.mark.parametrize(("view", "message"), [
    (View(focus=("一件事一次",)), "did you mean 一件事一次办"),
    (View(types=("Agency", "Ministry")), "unknown class Ministry"),
    (View(report=Path("no-such-report.txt")), "no-such-report.txt: is not a report of this store"),
])
def test_viz_filters_bad_options_name_the_problem(store: ox.Store, view: View, message: str) -> None:
    with pytest.raises(ViewError, match=message):
        select_view(build_graph(store), store, view)


def test_viz_cli_focus_writes_the_page_and_reports_the_cut(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "focus.html"
    result = CliRunner().invoke(app, ["viz", "--store", str(built / "store"), "-o", str(out), "--focus",
                                      "一件事一次办", "--hops", "2", "--communities"])
    assert result.exit_code == 0, result.output
    assert "--focus 一件事一次办 --hops 2" in result.output and out.stat().st_size > 300_000
    bad = CliRunner().invoke(app, ["viz", "--store", str(built / "store"), "-o", str(out), "--types", "Ministry"])
    assert bad.exit_code == 2 and "unknown class Ministry" in bad.output


def test_viz_render_html_returns_what_it_drew(store: ox.Store, tmp_path: Path) -> None:
    selection = render_html(store, tmp_path / "g.html", View(types=("Law",)))
    assert set(selection.graph.nodes) == nodes_of(store, "?x a gk:Law .")


def test_viz_cli_does_not_replace_the_build_page_unless_named(tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(SEEDS.parent / "seeds", tmp_path / "seeds")
    from kg.build import build

    build([tmp_path / "seeds"], out)
    page = out / "graph.html"
    before = page.read_bytes()
    refused = CliRunner().invoke(app, ["viz", "--store", str(out / "store"), "--types", "Agency"])
    assert refused.exit_code == 2 and f"{page} exists" in refused.output and "-o" in refused.output
    assert page.read_bytes() == before
    named = CliRunner().invoke(app, ["viz", "--store", str(out / "store"), "--types", "Agency", "-o", str(page)])
    assert named.exit_code == 0, named.output
    assert page.read_bytes() != before


def test_viz_evidence_of_a_node_is_every_mention_sparql_finds(store: ox.Store) -> None:
    graph = select_view(build_graph(store), store, View()).graph
    details = describe(store, graph, limit=10_000)
    body = "https://w3id.org/govkg/id/Place/防城港市"  # the most mentioned node of the seeds (seed 003)
    rows = store.query(f"""{PREFIXES} PREFIX oa: <http://www.w3.org/ns/oa#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT DISTINCT ?r ?start ?end ?text WHERE {{ ?m oa:hasBody <{body}> ; gk:start ?start ; gk:end ?end ;
        gk:inSentence ?s . ?s oa:hasSource ?r ; rdf:value ?text }}""", use_default_graph_as_union=True)
    expected = {(row["r"].value, int(row["start"].value), int(row["end"].value), row["text"].value) for row in rows}
    assert len(expected) > 20
    assert {(e.report, e.start, e.end, e.sentence) for e in details.nodes[body]} == expected
    capped = describe(store, graph, limit=5)
    assert len(capped.nodes[body]) == 5 and capped.totals[body] == len(expected)


def test_viz_report_texts_are_found_from_another_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build records the paths it was given (here relative); `kg viz` run elsewhere still finds the texts
    beside the build's folder, and the page carries them exactly as they are on disk."""
    import json
    import re

    from kg.build import build

    work = tmp_path / "work"
    shutil.copytree(SEEDS, work / "seeds")
    monkeypatch.chdir(work)
    build([Path("seeds")], Path("out"))
    monkeypatch.chdir(tmp_path)
    render_html(str(work / "out" / "store"), tmp_path / "page.html")
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="govkg-data">(.*?)</script>', page, re.S).group(1))
    texts = {Path(r["path"]).name: r["text"] for r in data["reports"]}
    assert texts == {p.name: p.read_bytes().decode("utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def test_viz_importance_ties_are_exact() -> None:
    """Nodes in the same position get the same rank to the bit (rounded), so the node IRI breaks their tie
    whatever the floats' last bits did: a star's leaves all rank alike."""
    import networkx as nx

    from kg.viz.view import importance

    star = nx.MultiDiGraph([("hub", f"leaf{i}") for i in range(7)])
    ranks = importance(star)
    assert len({ranks[f"leaf{i}"] for i in range(7)}) == 1
    assert ranks["hub"] > ranks["leaf0"]
