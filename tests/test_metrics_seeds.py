"""Metric facts on the seed reports. Every expected value, unit and qualifier below was read off the report text
by hand (the phrase is quoted in the comment); none was taken from the extractor's output."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from report_text import extract_text

from kg.model import Extraction, Metric
from kg.namespace import GK, RDF
from kg.pipeline import extract_paths
from kg.rdf import to_quads

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SCHEMA = "https://schema.org/"


@pytest.fixture(scope="module")
def seeds() -> dict[str, Extraction]:
    return {ex.document.doc_id[:3]: ex for ex in extract_paths(sorted(SEEDS.glob("*.txt")))}


def metric(ex: Extraction, measure: str, value: str) -> Metric:
    found = [m for m in ex.metrics if m.measure.endswith(measure) and Decimal(m.value) == Decimal(value)]
    assert len(found) == 1, f"{measure} {value}: {[(m.measure, m.value) for m in ex.metrics]}"
    return found[0]


@pytest.mark.parametrize(
    ("seed", "measure", "value", "unit", "qualifier"),
    [
        ("000", "进驻政务服务事项", "1737", "项", None),  # 进驻政务服务事项有1737项
        ("000", "进驻市直部门及公共企事业单位", "58", "家", None),  # 进驻市直部门及公共企事业单位58家
        ("000", "入驻工作人员", "500", "人", "余"),  # 入驻工作人员500余人
        ("000", "平均法定办理时限提速率", "90", "%", "以上"),  # 平均法定办理时限提速率达90%以上
        ("000", "国家工作人员学法考法通过率", "100", "%", None),  # 我局国家工作人员学法考法通过率为100%
        ("001", "综合平均压减率", "77", "%", "超过"),  # 辦理時限綜合平均壓減率超過77%
        ("001", "专区办理业务", "90000", "件", "余"),  # 專區辦理業務9萬余件
        ("001", "许可事项的子项", "1017", "项", None),  # 確定許可事項的子項1017項
        ("002", "办结率", "99.3", "%", None),  # 办结23536件,办结率99.3%
        ("002", "减时限率", "83.3", "%", None),  # 减时限率达83.3%
        ("002", "追回被拖欠工资", "1269", "万元", None),  # 为劳动者追回被拖欠工资1269万元
        ("002", "网上办件", "23700", "件", None),  # 实现网上办件23700件
        ("003", "群众满意度", "99.99", "%", None),  # 群眾滿意度99.99%
        ("003", "数据库数据总量", "29600000", "条", None),  # 數據庫數據總量達2960萬條
        # the longest unit wins: 个工作日 over 个, 人次 over 人
        ("003", "审批时限减少", "10", "个工作日", None),  # 審批時限減少10個工作日
        ("003", "每日体温检测", "500", "人次", None),  # 每日體溫檢測達到500人次
        ("004", "学习法律知识", "60", "学时", "不少于"),  # 每年学习法律知识不少于60学时
    ],
)
def test_metrics_values_units_and_qualifiers(seeds, seed, measure, value, unit, qualifier) -> None:
    found = metric(seeds[seed], measure, value)
    assert (found.value, found.unit, found.qualifier) == (value, unit, qualifier)
    phrase = seeds[seed].document.norm[found.start : found.end]
    assert measure in phrase and unit in phrase


def test_metrics_at_least_thirty_across_the_seeds(seeds) -> None:
    assert sum(len(ex.metrics) for ex in seeds.values()) >= 30


def test_metrics_years_slogans_titles_and_hotlines_are_not_metrics(seeds) -> None:
    values = {(m.value, m.unit) for ex in seeds.values() for m in ex.metrics}
    assert ("60", "个") not in values  # “四级60同” is a slogan
    assert ("41", "项") not in values  # 《新余市賦予新余高新區部分市級經濟管理權限目錄(41項)》 is a title
    assert not any(m.value == "12345" for ex in seeds.values() for m in ex.metrics)  # 12345政務服務熱線
    assert not any(m.value in {"2021", "2022", "2024"} for ex in seeds.values() for m in ex.metrics)


def test_metrics_take_the_year_written_in_their_sentence_and_their_subject(seeds) -> None:
    ex = seeds["001"]
    info = metric(ex, "发布信息", "2564")  # 2024年發布信息2564條
    assert (info.year, info.status, info.subject) == (2024, "achieved", "Agency/新余市行政审批局")
    cut = metric(ex, "综合平均压减率", "77")  # 4.扎實推動“高效辦成一件事”改革 … 壓減率超過77%
    assert "Reform/高效办成一件事" in cut.about


def test_metrics_reach_rdf_with_value_unit_and_anchor(seeds) -> None:
    ex = seeds["000"]
    fact = metric(ex, "进驻政务服务事项", "1737")
    store = ox.Store()
    store.extend(to_quads(ex))
    rows = list(store.query(
        f"""SELECT ?m ?value ?unit ?measure ?start ?end WHERE {{ GRAPH ?g {{
            ?m a <{GK.Metric}> ; <{SCHEMA}value> ?value ; <{SCHEMA}unitText> ?unit ; <{GK.measure}> ?measure .
            ?m <{GK.hasEvidence}> ?e . ?e a <{GK.Evidence}> ; <{GK.start}> ?start ; <{GK.end}> ?end .
            FILTER(STR(?measure) = "进驻政务服务事项") }} }}"""
    ))
    assert len(rows) == 1
    row = rows[0]
    assert (Decimal(row["value"].value), row["unit"].value) == (Decimal("1737"), "项")
    assert (int(row["start"].value), int(row["end"].value)) == (fact.start, fact.end)
    assert ex.document.text[fact.start : fact.end] == "进驻政务服务事项有1737项"
    # typed gk:Metric alone: schema:QuantitativeValue and prov:Entity are the ontology's to imply
    types = [q.object.value for q in store.quads_for_pattern(row["m"], ox.NamedNode(str(RDF.type)), None)]
    assert types == [str(GK.Metric)]


def test_metrics_the_longest_unit_wins(tmp_path: Path) -> None:
    """个百分点 over 个 and 百分点, 人次 over 人 (sentences of the 2026 Jilin and 2019 Longhua reports)."""
    text = ("吉林省人民政府2025年工作报告\n高中阶段毛入学率达到96.9%，高于全国平均水平4.9个百分点。"
            "组织参加全市行政执法岗前培训考试近120人次。\n")
    found = {(m.value, m.unit) for m in extract_text(tmp_path, text).metrics}
    assert {("96.9", "%"), ("4.9", "个百分点"), ("120", "人次")} <= found
