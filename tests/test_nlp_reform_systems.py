"""Systems named by a stem then 制 (reforms.yaml system_stems, decisions §46): 推行全员聘用制, 实行主编负责制 are
reforms carried out by a trigger verb, as X制度 / X机制 are; 聘用制度 keeps its own head."""

from __future__ import annotations

from kg.nlp.rules.lexicon import load_lexicons
from kg.nlp.rules.reforms import find_unquoted_reforms

# Real sentences of train records rst_d9345e_0245, szf_43d842_0563, jyt_d3f787_1263 and rst_0839e3_0228.
SYSTEMS = (
    "近年来，按照公务员法的规定，开始实行公务员辞职辞退制度，事业单位也正在加快分类改革，推行全员聘用制。\n"
    "以县级以上行政区域名称冠名的地方志书的编纂实行主编负责制。\n"
    "\u3000\u3000（一）重大课题攻关项目实行首席专家负责制。\n"
    "仲裁委员会要改进完善劳动人事争议受理立案制度，依法做到有案必立，有条件的可探索实行立案登记制，切实发挥仲裁前置的功能作用。\n"
)


def _names(text: str) -> dict[str, str]:
    return {text[c.start : c.end]: c.rule for c in find_unquoted_reforms(text, load_lexicons())}


def test_systems_ending_in_zhi_are_reforms() -> None:
    names = _names(SYSTEMS)
    for name in ("全员聘用制", "主编负责制", "首席专家负责制", "立案登记制"):
        assert names.get(name) == "reform.headed", name


def test_a_stem_before_zhidu_is_no_system_head() -> None:
    # 受理立案制度 ends in the head 制度, not in 立案 + 制 (the 制 is inside a word)
    names = _names(SYSTEMS)
    assert "劳动人事争议受理立案制" not in names and "受理立案制" not in names


def test_responsibility_by_level_or_unit_is_generic() -> None:
    # train szf_bd07c6_0629: who answers for a website's pages, named by a level or a unit, is an arrangement
    text = "“中国河北”门户网站的维护和管理实行分级负责制，上网信息的采集、发布和更新实行单位负责制。"
    assert not {"分级负责制", "单位负责制"} & set(_names(text))
