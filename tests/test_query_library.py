"""Every named query in queries/ on the store `kg build seeds/` writes, with answers checked against the seed
texts and the gold annotations (/work/shared/gold): who implements what, what the evidence sentence says and where.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from seed_store import built_seeds, seed_text

from kg.lookup import UnknownName
from kg.query import list_queries, query
from kg.rdf import Minter

YIYANG_BUREAU = "益阳市行政审批服务局"
FANGCHENGGANG_BUREAU = "防城港市大数据和行政审批局"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> ox.Store:
    return ox.Store.read_only(str(built_seeds(tmp_path_factory) / "store"))


def values(rows: list[dict], name: str) -> list[str]:
    return [row[name].value for row in rows if name in row]


def test_query_library_has_twelve_documented_queries_each_tested_here() -> None:
    named = list_queries()
    assert len(named) >= 12
    for spec in named:
        assert spec.title and spec.question_zh and spec.question_en, spec.name
        for param in spec.params.values():
            assert param.default is not None and param.help, f"{spec.name}: {param.name} needs default and help"
    tested = {name.removeprefix("test_query_library_").replace("_", "-") for name in globals()
              if name.startswith("test_query_library_")}
    assert {spec.name for spec in named} <= tested, "every query in queries/ needs its own test here"


def test_query_library_bodies_implementing_reform(store: ox.Store) -> None:
    rows = query(store, "bodies-implementing-reform", {"reform": "一件事一次办"}).rows
    assert {YIYANG_BUREAU, FANGCHENGGANG_BUREAU} <= set(values(rows, "body_label"))
    traditional = query(store, "bodies-implementing-reform", {"reform": "一件事一次辦"}).rows
    assert set(values(traditional, "body_label")) == set(values(rows, "body_label"))


def test_query_library_evidence(store: ox.Store) -> None:
    rows = query(store, "evidence", {"s": YIYANG_BUREAU, "p": "implements", "o": "一件事一次办"}).rows
    assert rows
    for row in rows:
        doc_id = Minter().doc_id_of(row["report"].value + "/graph")
        text = seed_text(doc_id)
        start, end = int(row["start"].value), int(row["end"].value)
        ev_start, ev_end = int(row["evidence_start"].value), int(row["evidence_end"].value)
        assert text[start:end] == row["sentence"].value
        assert start <= ev_start < ev_end <= end
        assert "一次办" in text[ev_start:ev_end]  # the reform as written there (“一次办” resolves to it too)
        assert 0 < float(row["confidence"].value) <= 1 and row["rule"].value
    assert "二是纵深推进“一件事一次办”改革工作。" in values(rows, "sentence")


def test_query_library_aliases(store: ox.Store) -> None:
    rows = query(store, "aliases", {"name": "新余市行政審批局"}).rows  # Traditional, as seed 001 writes it once
    by_entity = {row["preferred"].value: row["aliases"].value.split(" | ") for row in rows}
    assert "新余市行政審批局" in by_entity["新余市行政审批局"]
    # the name is folded before the lookup: both spellings are one name and find the same entities
    assert rows == query(store, "aliases", {"name": "新余市行政审批局"}).rows
    # 市行政審批局 means 新余's bureau only inside seed 001: no alias of it, and the lookup names the nearest
    with pytest.raises(UnknownName, match=r"no such entity '市行政审批局'; did you mean .*新余市行政审批局"):
        query(store, "aliases", {"name": "市行政審批局"})


def test_query_library_bodies_within_place(store: ox.Store) -> None:
    # 益阳市 and 监利市 lie in 湖南省 and 湖北省 (division codes); asked by the short name a report may use
    rows = query(store, "bodies-within-place", {"place": "湖南"}).rows
    located = {(row["located"].value, row["body_label"].value) for row in rows}
    assert {("益阳市", YIYANG_BUREAU), ("益阳市", "益阳市人民政府")} <= located
    assert not {body for _, body in located if body.startswith(("新余", "监利", "防城港"))}
    hubei = {row["body_label"].value for row in query(store, "bodies-within-place", {"place": "湖北省"}).rows}
    assert "监利市人民政府" in hubei and YIYANG_BUREAU not in hubei


def test_query_library_bodies_by_place(store: ox.Store) -> None:
    rows = query(store, "bodies-by-place", {"place": "益阳市"}).rows
    assert {YIYANG_BUREAU, "中共益阳市委员会", "益阳市人民政府"} <= set(values(rows, "body_label"))
    assert "新余市行政审批局" not in values(rows, "body_label")
    xinyu = query(store, "bodies-by-place", {"place": "新余市"}).rows
    assert "新余市行政审批局" in values(xinyu, "body_label")


def test_query_library_documents_issued_by(store: ox.Store) -> None:
    rows = query(store, "documents-issued-by", {"body": YIYANG_BUREAU}).rows
    found = dict(zip(values(rows, "document_label"), values(rows, "kind"), strict=True))
    assert found["益阳市行政审批服务局2021年法治建设工作要点"] == "PolicyDocument"


def test_query_library_entities_without_evidence(store: ox.Store, tmp_path_factory) -> None:
    assert query(store, "entities-without-evidence").rows == []
    dataset = ox.Store()
    dataset.load(path=str(built_seeds(tmp_path_factory) / "graph.trig"), format=ox.RdfFormat.TRIG)
    orphan = ox.NamedNode("https://w3id.org/govkg/id/Agency/无出处局")
    graph = ox.NamedNode("https://w3id.org/govkg/report/000_305e9a0e456975a1/graph")
    dataset.add(ox.Quad(orphan, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                        ox.NamedNode("https://w3id.org/govkg/ontology#Agency"), graph))
    dataset.add(ox.Quad(orphan, ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
                        ox.Literal("无出处局", language="zh-Hans"), graph))
    rows = query(dataset, "entities-without-evidence").rows
    assert values(rows, "label") == ["无出处局"]


def test_query_library_laws_promoted_by_year(store: ox.Store) -> None:
    rows = query(store, "laws-promoted-by-year").rows
    in_2021 = {row["law_label"].value for row in rows if row["year"].value == "2021"}
    assert {"中华人民共和国宪法", "中华人民共和国民法典"} <= in_2021  # seed 000 and 004 (gold)


def test_query_library_most_cited_laws(store: ox.Store) -> None:
    rows = query(store, "most-cited-laws").rows
    by_law = {row["law_label"].value: row for row in rows}
    cited = by_law["重大行政决策程序暂行条例"]  # 监利 (seed 002): 严格执行国务院《重大行政决策程序暂行条例》
    assert int(cited["citers"].value) >= 1
    assert cited["rank"].value in {"行政法规", "法规", "administrativeRegulationRank", "regulationRank"}
    counts = [int(row["citers"].value) for row in rows]
    assert counts == sorted(counts, reverse=True)


def test_query_library_reforms_by_place(store: ox.Store) -> None:
    rows = query(store, "reforms-by-place").rows
    pairs = {(row["place_label"].value, row["reform_label"].value) for row in rows}
    assert {("益阳市", "一件事一次办"), ("新余市", "高效办成一件事"), ("益阳市", "放管服")} <= pairs


def test_query_library_reforms_by_report(store: ox.Store) -> None:
    rows = query(store, "reforms-by-report").rows
    by_author = {row["author"].value: row["reform_labels"].value.split(" | ") for row in rows}
    assert {"一件事一次办", "放管服"} <= set(by_author[YIYANG_BUREAU])
    assert "高效办成一件事" in by_author["新余市行政审批局"]


def test_query_library_planned_vs_achieved(store: ox.Store) -> None:
    rows = query(store, "planned-vs-achieved", {"body": YIYANG_BUREAU}).rows
    status = {(row["action"].value, row["object_label"].value): row["status"].value for row in rows}
    # seed 000: 一、2021年工作总结 reports 一件事一次办 done; 二、2022年工作思路 plans 放管服 向基层延伸
    assert status[("implements", "一件事一次办")] == "achieved"
    assert status[("implements", "放管服")] == "planned"
    assert {row["year"].value for row in rows} == {"2021"}


def test_query_library_reforms_shared_by_places(store: ox.Store) -> None:
    rows = query(store, "reforms-shared-by-places", {"place1": "益阳市", "place2": "防城港市"}).rows
    shared = {row["reform_label"].value: row for row in rows}
    assert YIYANG_BUREAU in shared["一件事一次办"]["bodies1"].value.split(" | ")
    assert FANGCHENGGANG_BUREAU in shared["一件事一次办"]["bodies2"].value.split(" | ")
    assert "高效办成一件事" not in shared  # 新余's reform, not 防城港's
    assert query(store, "reforms-shared-by-places", {"place1": "益阳市", "place2": "益阳市"}).rows == []


def test_query_library_reports(store: ox.Store) -> None:
    rows = query(store, "reports").rows
    assert len(rows) == 5
    by_author = {row["author"].value: row for row in rows}
    for row in rows:
        doc_id = Minter().doc_id_of(row["report"].value + "/graph")
        path = Path(__file__).resolve().parent.parent / "seeds" / f"{doc_id}.txt"
        assert Path(row["path"].value).name == path.name
        assert row["sha256"].value == hashlib.sha256(path.read_bytes()).hexdigest()
    xinyu = by_author["新余市行政审批局"]
    assert (xinyu["year"].value, xinyu["place"].value, xinyu["language"].value) == ("2024", "新余市", "zh-Hant")
    jianli = by_author["监利市人民政府"]
    assert jianli["title"].value == "2021年法治政府工作情况报告"
    assert jianli["issued"].value == "2021-12-31"  # signed 2021年12月31日 (the page was put up 2022-01-04)


def test_query_library_sub_organizations(store: ox.Store) -> None:
    rows = query(store, "sub-organizations", {"body": "中共益阳市委员会"}).rows
    units = set(values(rows, "unit_label"))
    assert {"中共益阳市委组织部", "中共益阳市委全面依法治市委员会办公室"} <= units  # seed 000 (gold)
    rows = query(store, "sub-organizations", {"body": YIYANG_BUREAU}).rows
    groups = [row for row in rows if row["unit_label"].value.endswith("法治建设工作领导小组")]
    assert groups and all(row["collaboration"].value == "true" for row in groups)  # org:OrganizationalCollaboration


def test_query_library_metrics_of_reform(store: ox.Store) -> None:
    """Figures the extraction finds, checked against seed 003 (防城港, Traditional): under 二是積極開展政務服務
    “一件事一次辦”精品服務打造活動 it says 目前，我市市縣兩級精品套餐1114套，申請材料減少了1200項以上。"""
    rows = query(store, "metrics-of-reform", {"reform": "一件事一次办"}).rows
    by_figure = {(Decimal(row["value"].value), row["unit"].value, row["qualifier"].value if "qualifier" in row
                  else None): row for row in rows}
    packages, materials = by_figure[Decimal(1114), "套", None], by_figure[Decimal(1200), "项", "以上"]
    assert "精品套餐" in packages["measure"].value and "申请材料减少" in materials["measure"].value
    assert "1114套" in packages["phrase"].value and "1200項以上" in materials["phrase"].value
    for row in rows:
        doc_id = Minter().doc_id_of(row["report"].value + "/graph")
        assert seed_text(doc_id)[int(row["start"].value):int(row["end"].value)] == row["phrase"].value
        assert row["year"].value == "2021" and row["body"].value
    assert {row["report"].value for row in rows} == {Minter().report("003_800e7386b3b145c4")}  # 益阳 gives none
    traditional = query(store, "metrics-of-reform", {"reform": "一件事一次辦"}).rows
    assert values(traditional, "metric") == values(rows, "metric")
    # 5.深化“放管服”改革 … 審批時限減少10個工作日,中介服務事項減少2項
    cuts = {(Decimal(row["value"].value), row["unit"].value) for row in
            query(store, "metrics-of-reform", {"reform": "放管服"}).rows}
    assert {(Decimal(10), "个工作日"), (Decimal(2), "项")} <= cuts


def test_query_library_platform_operators(store: ox.Store) -> None:
    """Seed 000: 于9月30日上线“益办事”APP (the bureau launched it); 利用局门户网站 (its own site, by name)."""
    rows = query(store, "platform-operators").rows
    found = {(row["platform_label"].value, row["operator_label"].value, row["rule"].value) for row in rows
             if "operator_label" in row}
    assert ("益办事APP", YIYANG_BUREAU, "operates.trigger:上线") in found
    assert (f"{YIYANG_BUREAU}门户网站", YIYANG_BUREAU, "operates.name") in found
    orphans = {row["platform_label"].value for row in rows if "operator_label" not in row}
    assert "中国普法网" in orphans  # a national site a city bureau reads: nobody here runs it

# The time and comparison queries, each checked against SPARQL written here that reaches the answer by another
# road: a report mentions a reform when one of the report's mention annotations (oa:hasBody) is the reform.
_HAND = """PREFIX gk: <https://w3id.org/govkg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
_MENTIONED_BY_PLACE_YEAR = _HAND + """SELECT DISTINCT ?reform ?place ?year ?report WHERE { GRAPH ?g {
  ?mention a gk:Mention ; oa:hasBody ?reform ; gk:inSentence/oa:hasSource ?report . ?reform a gk:Reform .
  ?report dcterms:spatial ?place ; gk:coversYear ?year } }"""


def _mentioned_by_place_year(store: ox.Store) -> dict[tuple[str, str, str], set[str]]:
    found: dict[tuple[str, str, str], set[str]] = {}
    for row in store.query(_MENTIONED_BY_PLACE_YEAR):
        key = (row["reform"].value, row["place"].value, row["year"].value)
        found.setdefault(key, set()).add(row["report"].value)
    return found


def test_query_library_reforms_by_place_and_year(store: ox.Store) -> None:
    rows = query(store, "reforms-by-place-and-year").rows
    got = {(row["reform"].value, row["place"].value, row["year"].value): int(row["reports"].value) for row in rows}
    assert got == {key: len(reports) for key, reports in _mentioned_by_place_year(store).items()}
    labels = {(row["reform_label"].value, row["place_label"].value, row["year"].value) for row in rows}
    # 益阳 2021: 纵深推进“一件事一次办”; 防城港 2021: 一件事一次辦; 新余 2024: 高效辦成一件事
    assert {("一件事一次办", "益阳市", "2021"), ("一件事一次办", "防城港市", "2021"),
            ("高效办成一件事", "新余市", "2024")} <= labels


def test_query_library_first_year_by_place(store: ox.Store) -> None:
    rows = query(store, "first-year-by-place").rows
    got = {(row["reform"].value, row["place"].value): (row["first_year"].value, row["last_year"].value,
                                                       int(row["years"].value)) for row in rows}
    years: dict[tuple[str, str], set[str]] = {}
    for reform, place, year in _mentioned_by_place_year(store):
        years.setdefault((reform, place), set()).add(year)
    assert got == {key: (min(found), max(found), len(found)) for key, found in years.items()}


_FACTS = _HAND + """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?g ?s ?p ?o ?s_label ?o_label WHERE { GRAPH ?g { ?a rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  ?s skos:prefLabel ?s_label . ?o skos:prefLabel ?o_label } }"""


def test_query_library_report_diff(store: ox.Store) -> None:
    a, b = "000_305e9a0e456975a1", "003_800e7386b3b145c4"
    facts: dict[str, set[tuple[str, str, str]]] = {Minter().graph(a): set(), Minter().graph(b): set()}
    for row in store.query(_FACTS):
        if row["g"].value in facts:
            predicate = row["p"].value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
            facts[row["g"].value].add((predicate, row["s_label"].value, row["o_label"].value))
    old, new = facts[Minter().graph(a)], facts[Minter().graph(b)]
    rows = query(store, "report-diff", {"a": a, "b": b}).rows
    got = {(row["change"].value, row["what"].value, row["subject_label"].value, row["object_label"].value)
           for row in rows if row["what"].value != "mentions"}
    assert got == {("new", *fact) for fact in new - old} | {("dropped", *fact) for fact in old - new}
    mentions = {(row["change"].value, row["object_label"].value) for row in rows if row["what"].value == "mentions"}
    # 一件事一次办 and 放管服 are in both (益阳; 防城港 writes 一件事一次辦); 一网通办 in 益阳's only
    assert ("dropped", "一网通办") in mentions and not {c for c in mentions if c[1] in {"一件事一次办", "放管服"}}
    swapped = query(store, "report-diff", {"a": b, "b": a}).rows
    flip = {"new": "dropped", "dropped": "new"}
    assert {(flip[row["change"].value], row["what"].value, row["object_label"].value) for row in swapped} == {
        (row["change"].value, row["what"].value, row["object_label"].value) for row in rows}


_STATUS = _HAND + """PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?a ?s ?status ?year WHERE { GRAPH ?g { ?a rdf:subject ?s ; rdf:predicate ?p ; gk:status ?status ;
  prov:wasDerivedFrom ?r . ?r gk:coversYear ?year FILTER(?p != gk:locatedIn) } }"""


def test_query_library_planned_vs_achieved_by_body(store: ox.Store) -> None:
    counts: dict[tuple[str, str], dict[str, set[str]]] = {}
    for row in store.query(_STATUS):
        status = row["status"].value.rsplit("#", 1)[-1]
        counts.setdefault((row["s"].value, row["year"].value), {}).setdefault(status, set()).add(row["a"].value)
    rows = query(store, "planned-vs-achieved-by-body").rows
    got = {(row["body"].value, row["year"].value): tuple(int(row[name].value) for name in
                                                          ("achieved", "planned", "problem")) for row in rows}
    assert got == {key: tuple(len(found.get(name, ())) for name in ("achieved", "planned", "problem"))
                   for key, found in counts.items()}
    # seed 000: 一、2021年工作总结 reports 一件事一次办 done; 二、2022年工作思路 plans 放管服 向基层延伸
    yiyang = got["https://w3id.org/govkg/id/Agency/" + YIYANG_BUREAU, "2021"]
    assert yiyang[0] >= 1 and yiyang[1] >= 1
