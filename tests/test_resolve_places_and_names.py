"""The graph of seeds/ and ../shared/corpus as a research instrument: places in a hierarchy up to 中国, words
that mean something only inside their report kept there, one node per thing across reports, and lookups that
accept any known spelling. Expected values are read off the texts by hand; every check is SPARQL written here.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.lookup import UnknownName
from kg.namespace import PREFIXES
from kg.query import query

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"  # shared/ sits beside the checkout
ID = "https://w3id.org/govkg/id/"
CHINA = f"<{ID}Place/中国>"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus is not beside this checkout")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> ox.Store:
    out = tmp_path_factory.mktemp("research") / "out"
    build([ROOT / "seeds", *sorted(CORPUS.glob("*.txt"))], out, store_only=True)
    return ox.Store.read_only(str(out / "store"))


def select(store: ox.Store, sparql: str) -> list[tuple[str, ...]]:
    rows = store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)
    return [tuple(term.value if term is not None else "" for term in row) for row in rows]


def labels(store: ox.Store, sparql: str) -> set[str]:
    return {row[0] for row in select(store, sparql)}


# places ------------------------------------------------------------------------------------------------------

def test_resolve_places_every_place_has_a_chain_to_china(store: ox.Store) -> None:
    floating = labels(store, f"""SELECT DISTINCT ?label WHERE {{
        ?place a gk:Place ; skos:prefLabel ?label .
        FILTER NOT EXISTS {{ ?place gk:within* {CHINA} }} }}""")
    assert floating == {"中亚", "东北亚", "东盟"}  # abroad (08 陕西, 07 吉林, 06 北京): no chain is stated
    assert labels(store, "SELECT ?p WHERE { ?p gk:within ?a , ?b FILTER(?a != ?b) }") == set()


def test_resolve_places_district_city_province_country(store: ox.Store) -> None:
    # 04: 87.广东省深圳市南山区打造“两链一环” — the item's actor is 深圳's 南山区's government (its last place is the
    # government's mention, decisions §16), which sits in 深圳市, under 广东省; no 鹤岗 南山区 (230404) is read
    chain = select(store, f"""SELECT ?city ?province WHERE {{
        ?body skos:prefLabel "深圳市南山区人民政府"@zh-Hans ; gk:locatedIn ?c .
        ?c skos:prefLabel ?city ; gk:within ?p . ?p skos:prefLabel ?province ; gk:within {CHINA} }}""")
    assert set(chain) == {("深圳市", "广东省")}
    assert not labels(store, 'SELECT ?d WHERE { ?d gk:divisionCode "230404" }')
    # 04: 3.北京市朝阳区放宽服务业准入 — 北京's 朝阳区, and no 朝阳市 (辽宁) read from its first two characters
    assert labels(store, 'SELECT ?l WHERE { ?b skos:prefLabel ?l FILTER(STR(?l) = "北京市朝阳区人民政府") }') == {
        "北京市朝阳区人民政府"}
    assert labels(store, 'SELECT ?p WHERE { ?p skos:prefLabel "朝阳市"@zh-Hans }') == set()
    # 08: 以西安区域科技创新中心 — 西安 and 区域, not 辽源's 西安区
    assert labels(store, 'SELECT ?p WHERE { ?p skos:prefLabel "西安区"@zh-Hans }') == set()
    # 08: 富平 is 富平县 of 渭南 in a 陕西 report; 07 and 08 say 全国 and 我国: 中国
    assert labels(store, """SELECT ?city WHERE { ?d gk:divisionCode "610528" ; skos:altLabel "富平"@zh-Hans ;
                                                  gk:within/skos:prefLabel ?city }""") == {"渭南市"}
    reports = labels(store, f"SELECT ?g WHERE {{ GRAPH ?g {{ ?m oa:hasBody {CHINA} }} }}")
    assert {f"https://w3id.org/govkg/report/{d}/graph" for d in ("07_jilin_gwr_2026", "08_shaanxi_gwr_2026")
            } <= reports


def test_resolve_places_every_body_in_a_province(store: ox.Store) -> None:
    in_guangdong = labels(store, f"""SELECT DISTINCT ?label WHERE {{
        ?body gk:locatedIn/gk:within* <{ID}Place/广东省> ; a gk:Agency ; skos:prefLabel ?label }}""")
    # 01 (龙华区), 02 (光明区), 04 (南山区), 05 (广东省) name these bodies
    assert {"深圳市龙华区司法局", "深圳市光明区人民政府", "深圳市南山区人民政府", "广东省人民政府"} <= in_guangdong
    assert not {name for name in in_guangdong if name.startswith(("北京", "吉林", "陕西", "益阳", "新余"))}
    # the named query, asked with the short name: the same bodies, and the units of a body where it is
    rows = query(store, "bodies-within-place", {"place": "广东"}).rows
    found = {(row["located"].value, row["body_label"].value) for row in rows}
    assert {("广东省", "广东省人民政府"),
            ("龙华区", "深圳市龙华区人民政府办公室")} <= found
    assert in_guangdong <= {body for _, body in found}
    assert not {body for _, body in found if body.startswith(("北京", "吉林", "陕西", "益阳", "新余"))}
    # 深圳市光明区委 (02's author) and 中共深圳市光明区委员会 are one body
    assert "深圳市光明区委" not in {body for _, body in found}


def test_resolve_places_within_is_not_a_gold_schema_relation() -> None:
    from kg.goldjson import to_gold_schema
    from kg.pipeline import extract_paths

    (extraction,) = extract_paths([CORPUS / "04_guowuyuan_dudu_dianxing_jingyan_2018.txt"])
    predicates = {r["p"] for r in to_gold_schema(extraction)["relations"]}
    assert predicates <= {"implements", "issued", "cites", "promotes", "locatedIn", "subOrganizationOf", "employs"}


# report-local words -----------------------------------------------------------------------------------------

def test_resolve_report_local_words_are_no_global_aliases(store: ox.Store) -> None:
    deixis = labels(store, """SELECT DISTINCT ?alias WHERE { ?e skos:altLabel ?alias
        FILTER(?alias IN ("全市"@zh-Hans, "全省"@zh-Hans, "我市"@zh-Hans, "我省"@zh-Hans, "市委"@zh-Hans,
                          "市政府"@zh-Hans, "本单位"@zh-Hans, "本机关"@zh-Hans, "我局"@zh-Hans, "区政府"@zh-Hans)) }""")
    assert deixis == set()
    # (a place and its government share a surface form where a list item names the government by its place:
    # 新疆 in 04; two things of one class never do)
    shared = select(store, """SELECT ?alias ?c (COUNT(DISTINCT ?e) AS ?n) WHERE {
        ?e skos:altLabel ?alias . VALUES ?c { gk:Agency gk:Organization gk:Place } ?e a ?c }
        GROUP BY ?alias ?c HAVING (COUNT(DISTINCT ?e) > 1)""")
    assert shared == []
    # inside 02 (光明区), 全市 is still a mention of 深圳市 and 全区 of 光明区, read at their offsets
    assert _surfaces(store, "02_shenzhen_guangming_fazhi_2021", "深圳市") >= {"全市", "深圳市"}
    assert "全区" in _surfaces(store, "02_shenzhen_guangming_fazhi_2021", "光明区")


def _surfaces(store: ox.Store, doc: str, key_name: str) -> set[str]:
    rows = select(store, f"""SELECT ?start ?end ?from ?text WHERE {{
        GRAPH <https://w3id.org/govkg/report/{doc}/graph> {{
            ?m oa:hasBody <{ID}Place/{key_name.replace("#", "%23")}> ; gk:start ?start ; gk:end ?end ;
               gk:inSentence ?s . ?s gk:start ?from ; rdf:value ?text }} }}""")
    return {text[int(a) - int(f) : int(b) - int(f)] for a, b, f, text in rows}


# one node per thing -----------------------------------------------------------------------------------------

def _reports_of(store: ox.Store, type_: str, key_name: str) -> set[str]:
    rows = labels(store, f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?m oa:hasBody <{ID}{type_}/{key_name}> }} }}")
    return {row.removeprefix("https://w3id.org/govkg/report/").removesuffix("/graph") for row in rows}


@pytest.mark.parametrize(
    ("type_", "key_name", "reports"),
    [
        # “双随机”抽查 (04), 双随机、一公开 (01, 03)
        ("Reform", "双随机、一公开", {"04_guowuyuan_dudu_dianxing_jingyan_2018", "01_shenzhen_longhua_fazhi_2019",
                                    "03_guowuyuan_xingzheng_zhifa_sanxiang_2018"}),
        # 告知承诺 (01, 05), 证明事项告知承诺制 (002)
        ("Reform", "告知承诺制", {"01_shenzhen_longhua_fazhi_2019", "05_guangdong_gwr_2014", "002_51acc513f15262cb"}),
        # 一窗 (001), 一窗受理 (002, 003), “一窗办理” and “一窗式” (04)
        ("Reform", "一窗受理", {"001_c41a6bf51d27d1a9", "002_51acc513f15262cb", "003_800e7386b3b145c4",
                               "04_guowuyuan_dudu_dianxing_jingyan_2018"}),
        # 深化国资国企改革 (06), 省市国资国企改革 (07), 新一轮国资国企改革 (08)
        ("Reform", "国资国企改革", {"06_beijing_gwr_2026", "07_jilin_gwr_2026", "08_shaanxi_gwr_2026"}),
        # 习近平 and 习近平总书记
        ("Person", "习近平", {"001_c41a6bf51d27d1a9", "004_c1d22c4bd29ea185", "05_guangdong_gwr_2014",
                             "06_beijing_gwr_2026", "07_jilin_gwr_2026", "08_shaanxi_gwr_2026"}),
        # 《法治政府建设实施纲要(2015-2020年)》 (004) and 《法治政府建设实施纲要（2015—2020年）》 (03)
        ("PolicyDocument", "法治政府建设实施纲要(2015-2020年)",
         {"004_c1d22c4bd29ea185", "03_guowuyuan_xingzheng_zhifa_sanxiang_2018"}),
    ],
)
def test_resolve_names_variants_are_one_node(store: ox.Store, type_: str, key_name: str, reports: set[str]) -> None:
    assert reports <= _reports_of(store, type_, key_name)


@pytest.mark.parametrize(
    ("variant", "type_"),
    [("双随机", "Reform"), ("告知承诺", "Reform"), ("一窗", "Reform"), ("一窗式", "Reform"),
     ("省市国资国企改革", "Reform"), ("习近平总书记", "Person"),
     ("法治政府建设实施纲要（2015—2020年）", "PolicyDocument")],
)
def test_resolve_names_no_node_of_a_variant(store: ox.Store, variant: str, type_: str) -> None:
    assert labels(store, f'SELECT ?e WHERE {{ ?e a gk:{type_} ; skos:prefLabel "{variant}"@zh-Hans }}') == set()


@pytest.mark.parametrize(("slogan", "reports"), [
    ("一次办", ("002_51acc513f15262cb", "02_shenzhen_guangming_fazhi_2021")),  # 监利's and 光明区's
    ("四个一", ("000_305e9a0e456975a1", "02_shenzhen_guangming_fazhi_2021")),  # 益阳's and 光明区's
])
def test_resolve_names_local_slogans_of_two_reports_stay_apart(store: ox.Store, slogan: str,
                                                               reports: tuple[str, str]) -> None:
    nodes = {row[0]: row[1] for row in select(store, f"""SELECT ?e ?g WHERE {{
        GRAPH ?g {{ ?m oa:hasBody ?e }} ?e a gk:Reform ; skos:prefLabel "{slogan}"@zh-Hans }}""")}
    assert len(nodes) >= 2
    assert {node.rsplit("@", 1)[-1] for node in nodes} >= set(reports)


# lookups ----------------------------------------------------------------------------------------------------

def test_resolve_names_lookup_accepts_variants(store: ox.Store) -> None:
    rows = query(store, "aliases", {"name": "放管服改革"}).rows  # the lexicon's synonym
    assert {row["preferred"].value for row in rows} == {"放管服"}
    # dashes no report used
    for spelling in ("法治政府建设实施纲要（2015–2020年）", "法治政府建设实施纲要(2015－2020年)"):
        rows = query(store, "aliases", {"name": spelling}).rows
        assert {row["preferred"].value for row in rows} == {"法治政府建设实施纲要(2015-2020年)"}
    rows = query(store, "aliases", {"name": "谁执法、谁普法"}).rows
    assert {row["preferred"].value for row in rows} == {"谁执法谁普法"}


def test_resolve_names_unknown_name_gets_the_nearest(store: ox.Store) -> None:
    expected = r"no such entity '法制政府建设实施纲要'; did you mean .*法治政府建设实施纲要"
    with pytest.raises(UnknownName, match=expected):
        query(store, "aliases", {"name": "法制政府建设实施纲要"})


def test_official_names_of_a_district_party_committee_s_organs() -> None:
    """../shared/corpus 02 (深圳市光明区): 区委常委会, 区委理论中心组 and 区纪委监委 by their official names
    (常务委员会, 理论学习中心组; the joint 纪委监委 is one body and stays one)."""
    from kg.ingest import ingest
    from kg.nlp import load_pipeline
    from kg.pipeline import extract_document

    path = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "02_shenzhen_guangming_fazhi_2021.txt"
    names = {e.name for e in extract_document(ingest(path), load_pipeline()).entities if e.type == "Agency"}
    assert {"中共深圳市光明区委常务委员会", "中共深圳市光明区委理论学习中心组", "深圳市光明区纪委监委"} <= names
    assert "中共深圳市光明区委常委会" not in names
