"""Named and inline SPARQL over the seed graph: headers, safe parameters, read-only, result formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from seed_extractions import seed_000, seed_001, seed_002
from seed_store import built_seeds

import kg.paths
from kg.errors import QueryError
from kg.lookup import UnknownName
from kg.query import list_queries, load_query, parse_header, query, render, to_table
from kg.rdf import Minter, to_quads
from kg.store import add_ontology, add_report, count_quads, open_store


@pytest.fixture(scope="module")
def extractions():
    return seed_000(), seed_001(), seed_002()


@pytest.fixture(scope="module")
def store(extractions) -> ox.Store:
    store = ox.Store()
    for extraction in extractions:
        store.extend(to_quads(extraction))
    add_ontology(store)
    return store


def test_query_every_named_query_has_a_header_and_runs(store: ox.Store) -> None:
    named = list_queries()
    assert len(named) >= 8
    for spec in named:
        assert spec.title and spec.question_zh and spec.question_en, spec.name
        result = query(store, spec.name)
        assert result.kind == "select", spec.name
    assert {spec.name for spec in named} == set(KNOWN_ROWS) | set(KNOWN_ROWS_OF_THE_BUILD)


# One row each named query must return, read off the seed text (quoted) through the hand-built extractions of
# tests/seed_extractions.py: (query, parameters, the row's values for some of its columns).
KNOWN_ROWS = {
    # 新余: 市行政審批局 … (the Traditional short form of the author's name)
    "aliases": ({"name": "市行政審批局"}, {"preferred": "新余市行政审批局"}),
    "bodies-by-place": ({"place": "益阳市"}, {"body_label": "益阳市行政审批服务局", "kind": "Agency"}),
    # 益阳市 lies in 湖南省 (division codes); 益阳's bureau and its leading group are there
    "bodies-within-place": ({"place": "湖南"},
                            {"located": "益阳市", "body_label": "益阳市行政审批服务局法治建设工作领导小组"}),
    # 新余: 扎實推動“高效辦成一件事”改革 (asked in Traditional characters)
    "bodies-implementing-reform": ({"reform": "高效辦成一件事"}, {"body_label": "新余市行政审批局"}),
    # 益阳: 年初制定了《益阳市行政审批服务局2021年法治建设工作要点》
    "documents-issued-by": ({"body": "益阳市行政审批服务局"},
                            {"document_label": "益阳市行政审批服务局2021年法治建设工作要点", "kind": "PolicyDocument"}),
    # 监利's place comes from the author's name only: no mention of 监利市 alone
    "entities-without-evidence": ({}, {"label": "监利市"}),
    "evidence": ({"s": "益阳市行政审批服务局", "p": "implements", "o": "一件事一次办"},
                 {"sentence": "二是纵深推进“一件事一次办”改革工作。", "status": "achieved"}),
    # 益阳 2021: 切实开展了《宪法》《民法典》…等法律法规教育
    "laws-promoted-by-year": ({}, {"year": "2021", "law_label": "中华人民共和国民法典"}),
    # 监利: 严格执行国务院《重大行政决策程序暂行条例》
    "most-cited-laws": ({}, {"law_label": "重大行政决策程序暂行条例", "rank": "行政法规"}),
    # 益阳: 二、2022年工作思路 … 深入推进“放管服”改革向基层延伸
    "planned-vs-achieved": ({"body": "益阳市行政审批服务局"},
                            {"status": "planned", "action": "implements", "object_label": "放管服"}),
    "reforms-by-place": ({}, {"place_label": "新余市", "reform_label": "高效办成一件事"}),
    # 新余 2024: 扎實推動“高效辦成一件事”改革
    "reforms-by-place-and-year": ({}, {"reform_label": "高效办成一件事", "place_label": "新余市", "year": "2024",
                                       "reports": "1"}),
    "first-year-by-place": ({}, {"reform_label": "一件事一次办", "place_label": "益阳市", "first_year": "2021"}),
    # 益阳 names 放管服, 新余 does not; 新余's bureau 扎實推動“高效辦成一件事”改革
    "report-diff": ({"a": "000_305e9a0e456975a1", "b": "001_c41a6bf51d27d1a9"},
                    {"change": "new", "what": "implements", "subject_label": "新余市行政审批局",
                     "object_label": "高效办成一件事"}),
    # 益阳: 二、2022年工作思路 … 深入推进“放管服”改革向基层延伸 (planned)
    "planned-vs-achieved-by-body": ({}, {"body_label": "益阳市行政审批服务局", "year": "2021"}),
    "reforms-by-report": ({}, {"author": "新余市行政审批局", "year": "2024", "reform_labels": "高效办成一件事"}),
    # 新余's page: 新余市行政審批局2024年度法治政府建設工作總結報告, published 2025-01-10
    "reports": ({}, {"title": "新余市行政審批局2024年度法治政府建設工作總結報告", "issued": "2025-01-10",
                     "language": "zh-Hant"}),
    # 益阳: 我局及时调整法治建设工作领导小组成员
    "sub-organizations": ({"body": "益阳市行政审批服务局"},
                          {"unit_label": "益阳市行政审批服务局法治建设工作领导小组"}),
}
# Three need what only the real build of the five seeds holds (metrics, the 防城港 report, platform operators).
KNOWN_ROWS_OF_THE_BUILD = {
    # 新余: 4.扎實推動“高效辦成一件事”改革 … 跑動次數和辦理時限綜合平均壓減率超過77%
    "metrics-of-reform": ({"reform": "高效办成一件事"}, {"value": "77", "unit": "%", "qualifier": "超过",
                                                        "body": "新余市行政审批局"}),
    # 益阳: 纵深推进“一件事一次办”改革; 防城港: 開展政務服務“一件事一次辦”
    "reforms-shared-by-places": ({"place1": "益阳市", "place2": "防城港市"},
                                 {"reform_label": "一件事一次办", "bodies1": "益阳市行政审批服务局",
                                  "bodies2": "防城港市大数据和行政审批局"}),
    # 益阳: 于9月30日上线“益办事”APP (gk:operates, which the hand-built extractions do not state)
    "platform-operators": ({}, {"platform_label": "益办事APP", "operator_label": "益阳市行政审批服务局",
                                "rule": "operates.trigger:上线"}),
}


def _has_row(rows: list, expected: dict[str, str]) -> bool:
    return any(all(name in row and row[name].value == value for name, value in expected.items()) for row in rows)


@pytest.mark.parametrize("name", sorted(KNOWN_ROWS))
def test_query_named_query_returns_a_row_read_in_the_text(store: ox.Store, name: str) -> None:
    params, expected = KNOWN_ROWS[name]
    rows = query(store, name, params).rows
    assert _has_row(rows, expected), [{k: v.value for k, v in row.items()} for row in rows]


@pytest.mark.parametrize("name", sorted(KNOWN_ROWS_OF_THE_BUILD))
def test_query_named_query_on_the_seeds_build_returns_a_row_read_in_the_text(tmp_path_factory, name: str) -> None:
    params, expected = KNOWN_ROWS_OF_THE_BUILD[name]
    rows = query(built_seeds(tmp_path_factory) / "store", name, params).rows
    assert _has_row(rows, expected), [{k: v.value for k, v in row.items()} for row in rows]


def test_query_evidence_returns_the_sentence_at_its_offsets(store: ox.Store, extractions) -> None:
    x0 = extractions[0]
    result = query(store, "evidence", {"s": "益阳市行政审批服务局", "p": "implements", "o": "一件事一次办"})
    (row,) = result.rows
    start, end = int(row["start"].value), int(row["end"].value)
    assert row["sentence"].value == x0.document.text[start:end] == "二是纵深推进“一件事一次办”改革工作。"
    (relation,) = [r for r in x0.relations if r.object == "Reform/一件事一次办"]
    ev = relation.evidence[0]
    assert (int(row["evidence_start"].value), int(row["evidence_end"].value)) == (ev.start, ev.end)
    assert row["report"].value == Minter().report(x0.document.doc_id)
    assert row["status"].value == "achieved"


def test_query_traditional_name_finds_the_entity(store: ox.Store) -> None:
    rows = query(store, "bodies-implementing-reform", {"reform": "高效辦成一件事"}).rows
    assert [r["body_label"].value for r in rows] == ["新余市行政审批局"]
    # a name is folded to Simplified before the lookup: 市行政審批局 is 市行政审批局, the short name both bureaus use
    rows = query(store, "aliases", {"name": "市行政審批局"}).rows
    assert [r["preferred"].value for r in rows] == ["新余市行政审批局", "益阳市行政审批服务局"]
    assert rows == query(store, "aliases", {"name": "市行政审批局"}).rows


def test_query_parameter_with_quotes_and_backslashes_does_not_inject() -> None:
    x0 = seed_000()
    tricky = 'x"y\\z\' } UNION { ?concept ?a ?b'
    x0.entity("Reform/放管服").aliases.add(tricky)
    store = ox.Store()
    store.extend(to_quads(x0))
    rows = query(store, "bodies-implementing-reform", {"reform": tricky}).rows
    assert [r["reform"].value for r in rows] == [tricky]
    assert [r["body_label"].value for r in rows] == ["益阳市行政审批服务局"]
    injection = '一件事一次办") || true || STR("'
    with pytest.raises(UnknownName, match="did you mean 一件事一次办"):  # bound as one name, never run
        query(store, "bodies-implementing-reform", {"reform": injection})


def test_query_update_is_refused_and_store_untouched(store: ox.Store) -> None:
    before = count_quads(store)
    for update in ("INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                   "PREFIX gk: <https://w3id.org/govkg/ontology#>\n# a comment\n"
                   "DELETE WHERE { ?s gk:implements ?o }",
                   "drop all"):
        with pytest.raises(QueryError, match="Update is not allowed"):
            query(store, update)
    assert count_quads(store) == before


def test_query_malformed_sparql_reports_the_parser_message(store: ox.Store) -> None:
    with pytest.raises(QueryError, match=r"malformed SPARQL: error at 1:\d+"):
        query(store, "SELECT ?s WHERE { ?s ?p }")


def test_query_unknown_missing_and_unprojected_parameters(store: ox.Store) -> None:
    with pytest.raises(QueryError, match="unknown parameter"):
        query(store, "evidence", {"subject": "x"})
    required = "# param: name\nSELECT ?name ?e WHERE { ?e skos:prefLabel ?name }"
    with pytest.raises(QueryError, match="'name' is required"):
        query(store, required)
    assert query(store, required, {"name": "放管服"}).rows == []  # plain string, labels are @zh-hans
    unprojected = "# param: name = \"x\"\nSELECT ?e WHERE { ?e ?p ?name }"
    with pytest.raises(QueryError, match="SELECT clause"):
        query(store, unprojected)


def test_query_header_defaults_fix_the_parameter_kind(store: ox.Store) -> None:
    _, _, _, params = parse_header(
        '# param: a = "文本"@zh-Hans  -- tagged\n# param: b = <https://w3id.org/govkg/id/Place/益阳市>\n'
        "# param: c = gk:Agency\n# param: d = 2021\nSELECT * {}", "test")
    assert params["a"].default.language == "zh-hans" and params["a"].help == "tagged"
    assert params["b"].default.value.endswith("/Place/益阳市")
    assert params["c"].default.value == "https://w3id.org/govkg/ontology#Agency"
    assert params["d"].default.datatype.value.endswith("#integer")
    counting = ("# param: cls = gk:Agency\n"
                "SELECT (COUNT(DISTINCT ?e) AS ?n) ?cls WHERE { ?e a ?cls } GROUP BY ?cls")
    rows = query(store, counting, {"cls": "gk:Reform"}).rows
    assert rows[0]["n"].value == "3"


def test_query_result_formats(store: ox.Store) -> None:
    result = query(store, "reforms-by-report")
    payload = json.loads(render(result, "json"))
    assert payload["head"]["vars"] == result.variables
    assert len(payload["results"]["bindings"]) == len(result.rows) == 2  # 002 names no reform here
    table = list(csv.reader(io.StringIO(render(result, "csv"))))
    assert table[0] == result.variables and len(table) == 3
    tsv = render(result, "tsv").splitlines()
    assert tsv[0].split("\t") == [f"?{v}" for v in result.variables]
    assert to_table(result).row_count == 2
    with pytest.raises(QueryError):
        render(result, "turtle")
    graph = query(store, "CONSTRUCT { ?r gk:coversYear ?y } WHERE { ?r gk:coversYear ?y }")
    assert graph.kind == "graph" and len(graph.triples) == 3
    assert "gk:coversYear" in render(graph, "turtle")
    assert query(store, "ASK { ?s gk:implements ?o }").boolean is True


def test_query_from_rq_file_and_on_disk_store(tmp_path: Path, extractions) -> None:
    disk = open_store(tmp_path / "store")
    for extraction in extractions:
        add_report(disk, to_quads(extraction))
    disk.flush()
    rq = tmp_path / "years.rq"
    rq.write_text("# title: years\n# zh: 年度\n# en: years\n"
                  "PREFIX gk: <https://w3id.org/govkg/ontology#>\n"
                  "SELECT DISTINCT ?y WHERE { ?r gk:coversYear ?y } ORDER BY ?y",
                  encoding="utf-8")
    assert load_query(str(rq)).title == "years"
    del disk
    rows = query(tmp_path / "store", str(rq)).rows
    assert [r["y"].value for r in rows] == ["2021", "2024"]  # 000 and 002 both cover 2021
    with pytest.raises(QueryError, match="not found"):
        query(tmp_path / "store", str(tmp_path / "missing.rq"))
    with pytest.raises(QueryError, match="no query named"):
        query(tmp_path / "store", "no-such-query")


def test_query_folder_found_in_an_installed_layout(tmp_path: Path, monkeypatch) -> None:
    installed = tmp_path / "kg"
    (installed / "_data" / "queries").mkdir(parents=True)
    (installed / "_data" / "queries" / "only.rq").write_text("# title: t\nASK {}", encoding="utf-8")
    monkeypatch.setattr(kg.paths, "_PACKAGE_DIR", installed)
    kg.paths.data_dir.cache_clear()
    try:
        assert [q.name for q in list_queries()] == ["only"]
    finally:
        kg.paths.data_dir.cache_clear()


def test_query_most_cited_laws_with_rank_label(store: ox.Store) -> None:
    rows = query(store, "most-cited-laws").rows
    assert [(r["law_label"].value, r["citers"].value, r["rank"].value) for r in rows] == [
        ("重大行政决策程序暂行条例", "1", "行政法规")]


def test_query_documents_issued_by_a_body(store: ox.Store) -> None:
    rows = query(store, "documents-issued-by", {"body": "国务院"}).rows
    found = [(r["document_label"].value, r["kind"].value) for r in rows]
    assert found == [("重大行政决策程序暂行条例", "Law")]
