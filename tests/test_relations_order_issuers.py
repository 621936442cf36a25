"""The body whose order promulgated a title issued it (rules.yaml order_issuer): 国家知识产权局令第二十三号公布的《…》,
科学技术部令第11号《…》. Real text of train kjt_2f043c_0749 and kjt_36f0a7_0751."""

from __future__ import annotations

from pathlib import Path

from tests.report_text import extract_text, relation_pairs

PATENT = (
    "专利代理管理办法\n"
    "国家知识产权局局长令（第30号）　　为了规范对专利代理行业的管理和监督，制定《专利代理管理办法》，现予以发布，"
    "自2003年7月15日起施行。　　国家知识产权局令第二十三号公布的《设立专利代理机构审批办法（暂行）》同日废止。\n"
)
MISCONDUCT = (
    "科学技术部令第11号 《国家科技计划实施中科研不端行为处理办法（试行）》\n"
    "科学技术部令第11号《国家科技计划实施中科研不端行为处理办法（试行）》"
    "《国家科技计划实施中科研不端行为处理办法（试行）》已于2006年9月14日经科学技术部第25次部务会议审议通过，现予公布。\n"
)


def test_the_body_whose_order_promulgated_a_title_issued_it(tmp_path: Path) -> None:
    issued = relation_pairs(extract_text(tmp_path, PATENT, learned=True), "issued")
    assert ("国家知识产权局", "设立专利代理机构审批办法(暂行)") in issued
    issued = relation_pairs(extract_text(tmp_path, MISCONDUCT, learned=True), "issued")
    assert ("科学技术部", "国家科技计划实施中科研不端行为处理办法(试行)") in issued
