"""本办法 in a notice that carries a rule (关于印发《…办法（试行）》的通知) names the carried rule, not the notice: the
rule's first article then cites its basis in the rule's name, not the notice's or its author's (the annotators'
reading of every such train notice: the rule's entity holds 本办法)."""

from __future__ import annotations

from pathlib import Path

from tests.report_text import extract_text, relation_pairs

# the opening of kjt_dcfefe_0659 (科技部等十部门, 2023; Hebei science and technology department's site)
CARRYING_NOTICE = (
    "科技部等十部门关于印发《科技伦理审查办法（试行）》的通知\n"
    "国科发监〔2023〕167号\n"
    "各省、自治区、直辖市及计划单列市、副省级城市有关部门，国务院各有关部门、直属机构，各有关单位：\n"
    "《科技伦理审查办法（试行）》已经中央科技委员会同意，现印发给你们，请遵照实施。\n"
    "科技部 教育部 工业和信息化部\n"
    "2023年9月7日\n"
    "科技伦理审查办法（试行）\n"
    "第一章 总则\n"
    "第一条 为规范科学研究、技术开发等科技活动的科技伦理审查工作，强化科技伦理风险防控，促进负责任创新，"
    "依据《中华人民共和国科学技术进步法》《关于加强科技伦理治理的意见》等法律法规和相关规定，制定本办法。\n"
    "第二条 开展以下科技活动应依照本办法进行科技伦理审查。\n"
)
NOTICE = "科技部等十部门关于印发《科技伦理审查办法(试行)》的通知"
RULE = "科技伦理审查办法(试行)"


def test_the_rules_self_reference_is_the_carried_rule(tmp_path: Path) -> None:
    extraction = extract_text(tmp_path, CARRYING_NOTICE, learned=True)
    holding = {e.name for e in extraction.entities if any(m.text == "本办法" for m in e.mentions)}
    assert holding == {RULE}


def test_the_carried_rule_cites_its_basis(tmp_path: Path) -> None:
    cites = relation_pairs(extract_text(tmp_path, CARRYING_NOTICE, learned=True), "cites")
    assert (RULE, "中华人民共和国科学技术进步法") in cites
    assert (RULE, "关于加强科技伦理治理的意见") in cites
    assert not {(s, o) for s, o in cites if s in (NOTICE, "科学技术部")}
