"""根据《A》，…制定（修订、编制）了《B》: B cites A, whoever drew it up (rules.yaml basis_named_*)."""

from __future__ import annotations

from pathlib import Path

from tests.report_text import extract_text, relation_pairs

# jyt_2338b0_1095 (Hebei education department, 2013 disclosure summary) and 06_beijing_gwr_2026 (Beijing's
# government work report, 2026)
SUMMARY = (
    "河北省教育厅2013年度政府信息公开总结\n"
    "一是完善相关制度。为了保障公民、法人和其他组织依法获取省教育厅政府信息，提高机关工作的透明度，促进依法行政，"
    "我厅根据《中华人民共和国政府信息公开条例》，重新修订了《河北省教育厅政府信息公开实施办法》、"
    "《河北省教育厅政府信息公开保密审查规定》等文件。\n"
)
WORK_REPORT = (
    "政府工作报告\n"
    "根据《中共北京市委关于制定北京市国民经济和社会发展第十五个五年规划的建议》，我们编制了《北京市国民经济和社会发展"
    "第十五个五年规划纲要（草案）》（以下简称《纲要草案》），全文提交大会审查。\n"
)


def test_a_revised_document_cites_its_basis(tmp_path: Path) -> None:
    cites = relation_pairs(extract_text(tmp_path, SUMMARY, learned=True), "cites")
    assert ("河北省教育厅政府信息公开实施办法", "中华人民共和国政府信息公开条例") in cites


def test_a_drafted_plan_cites_the_proposal_it_follows(tmp_path: Path) -> None:
    cites = relation_pairs(extract_text(tmp_path, WORK_REPORT, learned=True), "cites")
    assert ("北京市国民经济和社会发展第十五个五年规划纲要(草案)",
            "中共北京市委关于制定北京市国民经济和社会发展第十五个五年规划的建议") in cites
