"""One graph of the five seed reports in a real Oxigraph store: nodes shared or kept apart across reports, the
related-reforms links, and the status and year of every statement of a plan section.

Expected facts are read off the reports: 国务院 is named in 002 (监利) and 003 (防城港); 党中央/中共中央 in
000, 002, 003 and 004; 一件事一次办 is carried out by 益阳市行政审批服务局 (000) and 防城港市大数据和行政审批局
(003); 新余 (001) pushes the State Council's 高效办成一件事; 000's part 二、2022年工作思路 is a plan for 2022.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.model import Extraction
from kg.namespace import GK, ORG, SKOS
from kg.nlp.pipeline import load_pipeline
from kg.pipeline import extract_paths
from kg.rdf import to_quads
from kg.rdf.links import link_related_reforms
from kg.store import add_report

# The rule layer on its own: these tests pin the rules, which the learned layers read as features (the
# default pipeline adds those layers; tests/test_learned_layers.py tests them).
RULES = load_pipeline(learned=False)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PREFIXES = f"PREFIX gk: <{GK}> PREFIX skos: <{SKOS}> PREFIX org: <{ORG}> PREFIX oa: <http://www.w3.org/ns/oa#> "


@pytest.fixture(scope="module")
def extractions() -> dict[str, Extraction]:
    return {ex.document.doc_id[:3]: ex for ex in extract_paths(sorted(SEEDS.glob("*.txt")), RULES)}


@pytest.fixture(scope="module")
def store(extractions) -> ox.Store:
    store = ox.Store()
    for ex in extractions.values():
        add_report(store, to_quads(ex))
    link_related_reforms(store)
    return store


def select(store: ox.Store, body: str) -> list[dict[str, str]]:
    rows = store.query(PREFIXES + body, use_default_graph_as_union=True)
    return [{var.value: row[var].value for var in rows.variables if row[var] is not None} for row in rows]


def nodes_labelled(store: ox.Store, label: str) -> set[str]:
    query = f'SELECT DISTINCT ?n WHERE {{ ?n a gk:Agency ; skos:prefLabel ?l FILTER(STR(?l) = "{label}") }}'
    rows = select(store, query)
    return {row["n"] for row in rows}


@pytest.mark.parametrize(("label", "reports"), [("国务院", {"002", "003"}), ("中共中央", {"000", "002", "003", "004"})])
def test_relations_national_bodies_are_one_node_across_reports(store, extractions, label, reports) -> None:
    assert len(nodes_labelled(store, label)) == 1
    naming = {seed for seed, ex in extractions.items() if any(e.name == label and e.mentions for e in ex.entities)}
    assert naming == reports


def test_relations_city_party_committees_are_two_nodes(store) -> None:
    yiyang, xinyu = nodes_labelled(store, "中共益阳市委员会"), nodes_labelled(store, "中共新余市委员会")
    assert len(yiyang) == len(xinyu) == 1 and yiyang != xinyu
    # 新余's 市委 is named only inside 市委全面依法治市委员會: the committee is implied, and is the organ's parent
    rows = select(store, """SELECT ?p WHERE { ?c org:subOrganizationOf ?p ; skos:prefLabel ?l .
                            FILTER(STR(?l) = "中共新余市委全面依法治市委员会") }""")
    assert {row["p"] for row in rows} == xinyu


def test_relations_one_reform_node_with_bodies_of_two_cities(store) -> None:
    rows = select(store, """SELECT DISTINCT ?r ?body WHERE { ?b gk:implements ?r . ?r skos:prefLabel ?l .
                            ?b skos:prefLabel ?body FILTER(STR(?l) = "一件事一次办") }""")
    assert len({row["r"] for row in rows}) == 1
    assert {"益阳市行政审批服务局", "防城港市大数据和行政审批局"} <= {row["body"] for row in rows}


def test_relations_gaoxiao_banc_yijianshi_is_related_not_merged(store) -> None:
    rows = select(store, """SELECT DISTINCT ?a ?b WHERE { ?a skos:related ?b .
                            ?a skos:prefLabel ?la . ?b skos:prefLabel ?lb .
                            FILTER(STR(?la) = "高效办成一件事" && STR(?lb) = "一件事一次办") }""")
    assert len(rows) == 1 and rows[0]["a"] != rows[0]["b"]


def test_relations_plan_section_statements_are_planned_for_2022(store, extractions) -> None:
    ex = extractions["000"]
    plan = ex.document.text.index("二、2022年工作思路")
    evidence = [ev for r in ex.relations for ev in r.evidence if ev.start >= plan]
    assert len(evidence) >= 6  # 法律七进, 互联网+政务服务, 一网通办, 放管服, 重大行政决策机制, 公平竞争审查
    assert {(ev.status, ev.year) for ev in evidence} == {("planned", 2022)}
    rows = select(store, f"""SELECT ?e ?status ?year WHERE {{
        ?e a gk:Evidence ; gk:start ?start ; gk:inSentence/oa:hasSource ?report .
        FILTER(STRENDS(STR(?report), "000_305e9a0e456975a1") && ?start >= {plan})
        OPTIONAL {{ ?e gk:status ?status }} OPTIONAL {{ ?e gk:factYear ?year }} }}""")
    assert len(rows) >= len(evidence)
    assert {(row.get("status"), row.get("year")) for row in rows} == {(str(GK.planned), "2022")}


def test_relations_achieved_section_statements_belong_to_the_report_year(extractions) -> None:
    ex = extractions["001"]  # 一、2024年度推进法治政府建设的主要舉措和成效 … 二、存在的不足和原因
    part_two = ex.document.text.index("二、存在的不足和原因")
    early = [ev for r in ex.relations for ev in r.evidence if ev.status == "achieved" and ev.start < part_two]
    assert early and {ev.year for ev in early} == {2024}
