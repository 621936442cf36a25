"""An arrangement named by one function (双向沟通机制, 决策机制, 预警制度) is no reform (reforms.yaml
generic_qualifiers), while a named practice with the same head still is."""

from __future__ import annotations

from pathlib import Path

from kg.goldjson import to_gold_schema
from kg.nlp.rules.reforms import is_generic_reform
from tests.report_text import extract_text

# Real sentences of train records kjt_aefad8_0900, 002_51acc513f15262cb, jyt_d3325b_1100.
NOTICE = (
    "河北省人民政府关于加强市场监管的实施意见\n"
    "执法部门与行业组织建立双向沟通机制，及时就政策法规、市场监管等问题进行沟通。\n"
    "完善决策机制，全面提升行政决策水平。\n"
    "建立预警制度。县级教育行政部门要建立健全招生入学工作预警机制。\n"
    "全面推行行政执法公示制度。\n"
)


def test_arrangements_named_by_one_function_are_no_reforms(tmp_path: Path) -> None:
    for name in ("双向沟通机制", "决策机制", "预警制度", "动态调整机制", "回避制度"):
        assert is_generic_reform(name), name
    gold = to_gold_schema(extract_text(tmp_path, NOTICE, learned=True))
    reforms = {e["name"] for e in gold["entities"] if e["type"] == "Reform"}
    assert not reforms & {"双向沟通机制", "决策机制", "预警制度"}
    assert "行政执法公示制度" in reforms or "行政执法公示" in reforms
    assert not any(r["o"] in ("双向沟通机制", "决策机制") for r in gold["relations"] if r["p"] == "implements")


def test_named_practices_with_a_function_word_stay_reforms() -> None:
    for name in ("重大行政决策合法性审查机制", "行政执法公示制度", "企业破产府院联动机制"):
        assert not is_generic_reform(name), name


def test_a_name_holds_a_quote_pair_whole_or_not_at_all(tmp_path: Path) -> None:
    """A sentence of a Hebei provincial opinion (kjt_90da1c_0924), read by the default pipeline: the model's span
    starts inside “黑名单”制度, and the name a reader sees keeps no half of the pair."""
    text = ("河北省人民政府关于深化省级财政科技计划（专项、基金等）管理改革的意见\n省科技、财政行政主管部门要会同"
            "省有关部门建立统一的评估和监管机制，实行“黑名单”制度和责任倒查机制。\n")
    names = [e.name for e in extract_text(tmp_path, text, learned=True).entities]
    assert "黑名单制度" in names
    assert not [n for n in names if n.count("“") != n.count("”") or n.count("《") != n.count("》")]


def test_a_name_of_generic_words_only_is_no_reform(tmp_path) -> None:
    """Dev 04_guowuyuan_dudu_dianxing_jingyan_2018 and szf_12538c_0594, train 08_shaanxi_gwr_2026: 改革试点, 专项机制,
    重点领域改革 name no programme, whoever found them (reforms.yaml not_entity_patterns, decisions §38)."""
    from kg.nlp.rules.reforms import is_generic_reform
    from tests.report_text import extract_text

    assert is_generic_reform("改革试点") and is_generic_reform("三年行动计划") and is_generic_reform("深层次改革")
    assert not is_generic_reform("事业单位改革试点") and not is_generic_reform("国资国企改革")
    text = ("河北省人民政府办公厅关于印发河北省支持康养产业发展若干措施的通知\n"
            "相关市县政府按需求与中国建设银行等7家金融机构的分支机构建立专项机制，签订合作备忘录，加强政银企沟通。\n"
            "48.浙江省台州市深化改革试点，助推民间投资逆势上扬。\n"
            "（四）深化重点领域改革，扩大高水平对外开放。\n")
    reforms = {e.name for e in extract_text(tmp_path, text, learned=True).entities if e.type == "Reform"}
    assert not reforms & {"专项机制", "改革试点", "重点领域改革"}
