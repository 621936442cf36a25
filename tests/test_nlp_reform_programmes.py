"""Named programmes (reforms.yaml programme_heads): X工程 / X行动 / X试点 heading an enumerated item of a plan or
carried out by a trigger verb are reforms; a counted one (20项民生工程) names a kind."""

from __future__ import annotations

from kg.nlp.rules.lexicon import load_lexicons
from kg.nlp.rules.reforms import find_unquoted_reforms

# Real sentences of train records szf_b668d9_0604, gxt_d0e927_1064, jyt_89c54a_1201, kjt_958667_0692.
ITEMS = (
    "（二）城镇老旧小区改造工程。改造城镇老旧小区827个。（责任单位：省住房和城乡建设厅）\n"
    "（责任单位：省农业农村厅、省乡村振兴局、省工业和信息化厅）\u3000\u30004.实施数字乡村建设工程。持续优化乡村信息基础设施。\n"
    "1.全面开展厉行节约专项行动。各地各学校要把握“10·16”世界粮食日。\n"
    "15.拓展企业融资渠道。开展贷款风险补偿试点，引导银行信贷支持转化科技成果的科技型中小企业。\n"
)
COUNTED = "省委、省政府研究决定，2024年在全省继续实施20项民生工程，具体方案如下。"


def _names(text: str) -> dict[str, str]:
    return {text[c.start : c.end]: c.rule for c in find_unquoted_reforms(text, load_lexicons())}


def test_programmes_heading_items_and_carried_out_are_reforms() -> None:
    names = _names(ITEMS)
    assert names.get("城镇老旧小区改造工程") == "reform.programme_heading"
    assert names.get("数字乡村建设工程") == "reform.programme_heading"
    assert names.get("厉行节约专项行动") == "reform.programme_heading"
    assert names.get("贷款风险补偿试点") == "reform.programme"
    assert "拓展企业融资渠道" not in names


def test_a_counted_programme_names_a_kind() -> None:
    assert not [n for n in _names(COUNTED) if n.endswith("民生工程")]


# Real sentences of train records 08_shaanxi_gwr_2026 and kjt_3a0578_0940.
WIDENED = (
    "推广知识产权、应收账款质押等融资方式，扩大合格境外有限合伙人试点。稳步推进供水、供气、供热。\n"
    "研究制定科研机构创新绩效评价办法，组织科研机构绩效拨款试点，对有条件的科研机构逐步实行。\n"
)


def test_programmes_widened_or_organised_are_carried_out() -> None:
    names = _names(WIDENED)
    assert names.get("合格境外有限合伙人试点") == "reform.programme"
    assert names.get("科研机构绩效拨款试点") == "reform.programme"


# Real sentences of dev 07_jilin_gwr_2026 and 04_guowuyuan_dudu_dianxing_jingyan_2018, train 08_shaanxi_gwr_2026 and
# szf_b668d9_0604 (decisions §38).
CAMPAIGNS = (
    "协同推进降碳减污扩绿增长，持续深入打好蓝天、碧水、净土保卫战。\n"
    "15.山西省大同市坚决打好污染防治攻坚战，努力实现从“煤都黑”到“大同蓝”的转变。\n"
    "持续实施职业技能提升、劳务品牌培育工程，稳定政策性岗位规模。\n"
    "坚持质量第一、安全至上，强化工程管理，努力打造标杆工程、精品工程、廉洁工程，让人民群众满意。\n"
)


def test_campaigns_and_programmes_sharing_one_head() -> None:
    from kg.nlp.rules.reforms import find_unquoted_reforms
    from kg.nlp.rules.shared_heads import find_shared_heads

    found = find_unquoted_reforms(CAMPAIGNS, load_lexicons()) + find_shared_heads(CAMPAIGNS)
    named = {c.kb_id for c in found if c.rule.startswith("reform.programme")}
    assert {"蓝天保卫战", "碧水保卫战", "净土保卫战", "污染防治攻坚战", "职业技能提升工程", "劳务品牌培育工程"} <= named
    assert not [n for n in named if n.endswith("工程工程")]


def test_a_model_span_cutting_a_programme_head_gives_way_to_the_rule() -> None:
    """Dev 04_guowuyuan_dudu_dianxing_jingyan_2018: in its document the entity model read 精准脱贫攻坚, cutting the head
    the rule read whole; one that stops before the head (医疗器械注册人制度 before 试点) stays (decisions §38)."""
    from types import SimpleNamespace

    from kg.nlp.crf import _heads_over_cut

    text = "62.江西省吉安市着力抓好产业扶贫，打好精准脱贫攻坚战。"
    start = text.index("精准")
    rule = SimpleNamespace(start_char=start, end_char=start + 7, id_="reform.programme", label_="Reform")
    assert _heads_over_cut(text, [rule], [(start, start + 6, "Reform")]) == [(start, start + 7, "Reform")]
    text = "开展医疗器械注册人制度试点"
    rule = SimpleNamespace(start_char=2, end_char=13, id_="reform.programme", label_="Reform")
    assert _heads_over_cut(text, [rule], [(2, 11, "Reform")]) == [(2, 11, "Reform")]


# Real sentences of train records 05_guangdong_gwr_2014, rst_58e65a_0287 and 06_beijing_gwr_2026 (decisions §46): a
# named campaign ends in 专项整治 / 专项治理 / 专项检查 as in 专项行动 (SCHEMA: X专项行动 is a reform).
SPECIAL_CAMPAIGNS = (
    "开展政风行风专项整治，大力整治庸懒散奢。\n"
    "完善多部门联合治理机制，深入开展农民工工资支付情况专项检查。\n"
    "开展电动自行车行驶和停放秩序专项治理，拓展重点区域、学医景商周边交通综合整治，提升“八站两场”接驳服务。\n"
)


def test_special_campaigns_are_programmes() -> None:
    names = _names(SPECIAL_CAMPAIGNS)
    assert names.get("政风行风专项整治") == "reform.programme"
    assert names.get("农民工工资支付情况专项检查") == "reform.programme"
    assert names.get("电动自行车行驶和停放秩序专项治理") == "reform.programme"
