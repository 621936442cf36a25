"""People: speakers in a work report's header, posts as org:Post (同志 is none), one node per person across reports
(same name and same place, or a national post). On the graph of seeds + ../shared/corpus and on real sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_store import built_corpus, needs_corpus, select

from kg.build import build


@pytest.fixture(scope="module")
def corpus_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_corpus(tmp_path_factory)


def _posts(out: Path) -> set[tuple[str, str, str]]:
    """(person, post, body the post is in) of every org:Post held in the graph."""
    rows = select(out, """
        SELECT DISTINCT ?name ?post ?body WHERE {
          ?p a gk:Person ; skos:prefLabel ?name ; org:holds ?h . ?h skos:prefLabel ?post .
          OPTIONAL { ?h org:postIn/skos:prefLabel ?body }
        }""")
    return {(r["name"], r["post"], r.get("body", "")) for r in rows}


@needs_corpus
def test_speakers_in_work_report_headers_hold_their_posts(corpus_graph: Path) -> None:
    """——2026年1月25日在北京市第十六届人民代表大会第四次会议上 / 北京市市长 殷勇 (corpus 06); 省长 胡玉亭 (07);
    陕西省省长 赵刚 on the date's line (08): each holds the post in the government that reports."""
    rows = select(corpus_graph, """
        SELECT ?name ?post ?doc WHERE {
          ?p a gk:Person ; skos:prefLabel ?name ; org:holds ?h . ?h skos:prefLabel ?post ; org:postIn ?body .
          ?report dcterms:creator ?body ; <https://schema.org/mentions> ?p .
          BIND(REPLACE(STR(?report), "^.*/", "") AS ?doc)
        }""")
    found = {(r["name"], r["post"], r["doc"]) for r in rows}
    assert {("殷勇", "市长", "06_beijing_gwr_2026"), ("胡玉亭", "省长", "07_jilin_gwr_2026"),
            ("赵刚", "省长", "08_shaanxi_gwr_2026")} <= found


@needs_corpus
def test_retained_lawyer_holds_the_post_in_the_body_that_retains_him(corpus_graph: Path) -> None:
    """Seed 000: 聘请湖南银城律师事务所杨志武担当法律顾问 — the bureau's legal adviser, not his firm's."""
    assert ("杨志武", "法律顾问", "益阳市行政审批服务局") in _posts(corpus_graph)


@needs_corpus
def test_comrade_is_no_post(corpus_graph: Path) -> None:
    """以习近平同志为核心的党中央: 同志 makes 习近平 a person, it is not a post he holds."""
    assert not {p for p in _posts(corpus_graph) if p[1] == "同志"}
    assert ("习近平", "总书记", "") in _posts(corpus_graph)


@needs_corpus
def test_a_national_figure_is_one_node_across_reports(corpus_graph: Path) -> None:
    """The four work reports write 习近平总书记 and 习近平同志: one node, mentioned by all four."""
    rows = select(corpus_graph, """
        SELECT ?p (COUNT(DISTINCT ?report) AS ?reports) WHERE {
          ?p a gk:Person ; skos:prefLabel "习近平"@zh-Hans . ?report <https://schema.org/mentions> ?p
        } GROUP BY ?p""")
    assert max(int(r["reports"]) for r in rows) >= 4
    assert not select(corpus_graph, 'SELECT ?p WHERE { ?p a gk:Person ; skos:prefLabel "习近平总书记"@zh-Hans }')


def test_same_name_same_place_is_one_person(tmp_path: Path) -> None:
    """Two reports of 新余 naming their director (seed 001's sentence) share one node; a namesake in 益阳 is
    another person."""
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "xinyu_2023.txt").write_text(
        "新余市行政审批局2023年法治政府建设年度报告\n党组书记、局长章忠华带头学法。\n", encoding="utf-8")
    (reports / "xinyu_2024.txt").write_text(
        "新余市行政审批局2024年法治政府建设年度报告\n党组书记、局长章忠华主持召开党组会议。\n", encoding="utf-8")
    (reports / "yiyang_2021.txt").write_text(
        "益阳市行政审批服务局2021年法治政府建设工作报告\n党组书记、局长章忠华主持召开党组会议。\n", encoding="utf-8")
    build([reports], tmp_path / "out")
    rows = select(tmp_path / "out", """
        SELECT ?p (GROUP_CONCAT(DISTINCT ?doc; separator=" ") AS ?docs) WHERE {
          ?p a gk:Person ; skos:prefLabel "章忠华"@zh-Hans . ?report <https://schema.org/mentions> ?p
          BIND(REPLACE(STR(?report), "^.*/", "") AS ?doc)
        } GROUP BY ?p""")
    assert sorted(sorted(r["docs"].split()) for r in rows) == [["xinyu_2023", "xinyu_2024"], ["yiyang_2021"]]
