"""What the work reports quote or write before 改革 that is no reform (decisions §52): a quote before the word of a
role, a product, a floor or an aim, a quote after a verb that corrects or clears it away; a count quoted with its
改革 keeps it; and 改革 that is half of 改革开放 / 改革创新 ends no reform's name, whoever read it."""

from __future__ import annotations

from pathlib import Path

from kg.nlp.rules.lexicon import load_lexicons
from kg.nlp.rules.reforms import find_unquoted_reforms
from tests.report_text import quoted_reforms

# Real sentences of train records 06_beijing_gwr_2026, 08_shaanxi_gwr_2026, 05_guangdong_gwr_2014 and
# 01_shenzhen_longhua_fazhi_2019.
THINGS = (
    "坚持首都城市战略定位，发挥“一核”辐射带动作用，加快建设现代化首都都市圈，不断提升区域综合竞争力。\n"
    "发挥西安、榆林“双极带动”作用，推动关中、陕北、陕南在能源供给、碳排放管控、水资源调配等方面协同增效。\n"
    "充分发挥“防火墙”的作用，对区委区政府重大决策深入研究。\n"
    "促进住房租赁市场健康发展，增加“一张床、一间房、一套房”产品供应，缓解青年人住房困难。\n"
    "指导市县压减非必要开支，规范项目类支出，集中财力兜牢“三保”底线。\n"
    "省政府紧紧围绕主题主线和“三个定位、两个率先”总目标，坚持稳中求进的总基调。\n"
    "持之以恒贯彻落实中央八项规定精神，驰而不息纠“四风”、改作风。\n"
    "优化实施“两重”项目，加快推进“3个100”等重点工程建设。\n"
    "深度参与中华文明探源工程、“考古中国”等重大项目，深化石峁、太平遗址等考古研究。\n"
)
# Train 06_beijing_gwr_2026 and 08_shaanxi_gwr_2026: quotes that are reforms in the same reports stay.
REFORMS = "推动“三医”协同发展，规范畅通医联体内双向转诊。\n实施“双极带动、多点支撑、三区协同”战略，强化规划统筹。\n"


def test_a_quote_naming_a_role_a_product_a_floor_or_a_problem_is_no_reform() -> None:
    names = quoted_reforms(THINGS)
    for thing in ("一核", "双极带动", "防火墙", "一张床", "一间房", "一套房", "三保", "三个定位、两个率先", "四风",
                  "3个100", "考古中国"):
        assert thing not in names, thing
    assert "两重" in names  # a quote right before 项目 alone is a programme (“两重”项目, “揭榜挂帅”项目)


def test_quotes_of_reforms_in_the_same_reports_stay() -> None:
    names = quoted_reforms(REFORMS)
    assert "三医" in names and "双极带动、多点支撑、三区协同" in names


def test_a_quoted_count_keeps_its_reform() -> None:
    """Train 08_shaanxi_gwr_2026: the annotators record 三项改革; 三项 alone counts, it names nothing."""
    text = "“三项改革”深化拓展，“先投后股”试点22项，科技成果转化企业新增1013家。"
    names = quoted_reforms(text)
    assert names.get("三项改革") == "三项改革"
    assert quoted_reforms("全面深化“放管服”改革，继续压减行政许可事项。").get("放管服") == "放管服"


# Train 08_shaanxi_gwr_2026 and 05_guangdong_gwr_2014; 深化零基预算改革 (08) is a reform.
COMPOUNDS = ("（五）扩大内外开放，打造内陆改革开放高地。\n　　推进文化体制机制改革创新。\n"
             "深化零基预算改革，建立有保有压的预算分配机制。\n")


def test_reform_half_of_a_compound_ends_no_name() -> None:
    names = {COMPOUNDS[c.start : c.end] for c in find_unquoted_reforms(COMPOUNDS, load_lexicons())}
    assert "零基预算改革" in names
    assert not any(name.endswith(("内陆改革", "机制改革")) for name in names), names


def test_the_model_reads_no_reform_before_a_compound(tmp_path: Path) -> None:
    from tests.report_text import extract_text

    text = "陕西省2025年政府工作报告\n" + COMPOUNDS
    reforms = {e.name for e in extract_text(tmp_path, text, learned=True).entities if e.type == "Reform"}
    assert "零基预算改革" in reforms
    assert not any(name.endswith(("内陆改革", "机制改革")) for name in reforms), reforms


# Real sentences of train records gxt_d0e927_1064, 002_51acc513f15262cb, rst_13a35d_0090 and 06_beijing_gwr_2026; a
# count in words still names a programme (kjt_8109c2_0649 records 三个倍增行动).
KINDS = (
    "把数字河北建设作为推进高质量发展的基础性先导性工程，组织实施6个专项行动、20项重点工程。\n"
    "深入开展扬尘污染治理、煤烟治理、工业污染源治理、秸秆露天焚烧治理等多项环境治理行动,有力推动我市生态文明建设。\n"
    "确保人力资源服务机构助力脱贫攻坚各项行动措施落实落细、取得实效。\n"
    "坚持绿水青山就是金山银山的发展理念，全面提升城市生态环境品质。\n"
)


def test_programmes_counted_by_a_plural_and_the_doctrine_formulas_are_no_reforms(tmp_path: Path) -> None:
    from kg.nlp.rules.reforms import is_generic_reform
    from tests.report_text import extract_text

    for name in ("6个专项行动", "多项环境治理行动", "脱贫攻坚各项行动", "绿水青山就是金山银山"):
        assert is_generic_reform(name), name
    assert not is_generic_reform("三个倍增行动") and not is_generic_reform("促进民营经济发展七大行动")
    reforms = {e.name for e in extract_text(tmp_path, "某市2025年政府工作报告\n" + KINDS, learned=True).entities
               if e.type == "Reform"}
    assert not any(name.endswith(("行动", "金山银山")) for name in reforms), reforms
