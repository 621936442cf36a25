"""kg.api's time and comparison helpers on two years of one body: 益阳's 2021 report (seed 000) and a 2022 report
made from it by hand (the years moved on by one, the sentence on 一网通办 left out, one on 跨省通办 added), checked
against SPARQL written here."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from seed_store import SEEDS

from kg.api import build, first_years, planned_vs_achieved, reform_matrix, report_diff
from kg.errors import KGError
from kg.rdf import Minter

YIYANG = "000_305e9a0e456975a1"
BUREAU = "益阳市行政审批服务局"
DROPPED = ("依托智慧政务系统加强网上办事平台对接互通与信息共享,优化政务服务网上办事流程,推进电子证照印章应用,"
           "继续推广政务服务“好差评”和“益办事”APP等平台使用,进一步提升政务服务“一网通办”能力。")
ADDED = "深入推进政务服务“跨省通办”改革。"
MENTIONS = """PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX gk: <https://w3id.org/govkg/ontology#>
SELECT ?e ?label ?g ?report WHERE {
  GRAPH ?g { ?report schema:mentions ?e . ?e a gk:Reform ; skos:prefLabel ?label } }"""


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("two-years")
    text = (SEEDS / f"{YIYANG}.txt").read_text(encoding="utf-8")
    assert DROPPED in text and "跨省通办" not in text
    later = text.replace("2022", "2023").replace("2021", "2022").replace(DROPPED, ADDED)
    (folder / f"{YIYANG}.txt").write_text(text, encoding="utf-8")
    (folder / "yiyang_2022.txt").write_text(later, encoding="utf-8")
    out = tmp_path_factory.mktemp("two-years-out")
    build([folder], out)
    return out / "store"


def _reforms(store: Path, doc_id: str) -> set[tuple[str, str]]:
    """(node, label) of the reforms a report mentions: by node, as the diff compares (a report-scoped name such as
    四个一 is a node of its report, docs/decisions.md §5)."""
    handle = ox.Store.read_only(str(store))
    graph = ox.NamedNode(Minter().graph(doc_id))
    report = ox.NamedNode(Minter().report(doc_id))
    rows = handle.query(MENTIONS, substitutions={ox.Variable("g"): graph, ox.Variable("report"): report})
    return {(row["e"].value, row["label"].value) for row in rows}


def test_api_report_diff_of_two_years_of_one_body(store: Path) -> None:
    diff = report_diff(store, BUREAU, 2021, 2022)
    mentions = diff[diff["what"] == "mentions"]
    kinds = mentions[mentions["kind"] == "Reform"]
    before, after = _reforms(store, YIYANG), _reforms(store, "yiyang_2022")
    dropped, new = {label for _, label in before - after}, {label for _, label in after - before}
    assert set(kinds.loc[kinds["change"] == "dropped", "object_label"]) == dropped
    assert set(kinds.loc[kinds["change"] == "new", "object_label"]) == new
    assert "一网通办" in dropped and "跨省通办" in new  # the sentences changed by hand
    assert "一件事一次办" not in dropped | new  # a name both reports use is one node
    with pytest.raises(KGError, match="0 reports cover 2030"):
        report_diff(store, BUREAU, 2021, 2030)


def test_api_reform_matrix_and_first_years_follow_the_two_years(store: Path) -> None:
    matrix = reform_matrix(store)
    assert list(matrix.columns) == [2021, 2022]
    assert matrix.loc[("一网通办", "益阳市")].tolist() == [1, 0]
    assert matrix.loc[("跨省通办", "益阳市")].tolist() == [0, 1]
    assert matrix.loc[("一件事一次办", "益阳市")].tolist() == [1, 1]
    firsts = first_years(store).set_index(["reform_label", "place_label"])
    assert (firsts.loc[("一件事一次办", "益阳市"), ["first_year", "last_year", "years"]].tolist()
            == [2021, 2022, 2])
    assert firsts.loc[("跨省通办", "益阳市"), "first_year"] == 2022
    status = planned_vs_achieved(store).set_index(["body_label", "year"])
    assert status.loc[(BUREAU, 2021), "planned"] >= 1 and status.loc[(BUREAU, 2022), "planned"] >= 1
