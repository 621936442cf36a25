"""issued: a title that opens with a body's name and goes straight on to the document's (no 关于, 印发, 转发, no
year) was issued by that body (rules.yaml title_opening_issuer), unless the name runs into a word such as 政府信息;
the document such a title implements is not that body's. Sentences from train records, in a report's body (the
rules' relations)."""

from __future__ import annotations

from pathlib import Path

from tests.report_text import extract_text, relation_pairs


def _issued(tmp_path: Path, text: str) -> set[tuple[str, str]]:
    return relation_pairs(extract_text(tmp_path, text, learned=True), "issued")


def test_the_body_a_title_opens_with_issued_it(tmp_path: Path) -> None:
    """01_shenzhen_longhua_fazhi_2019."""
    text = ("（二）严格落实重大行政决策制定程序。对列入重大行政决策事项目录的决策事项，"
            "按照《深圳市人民政府重大行政决策程序规定》的规定，"
            "落实重大行政决策的公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。")
    assert ("深圳市人民政府", "深圳市人民政府重大行政决策程序规定") in _issued(tmp_path, text)


def test_no_issuer_where_the_name_runs_into_a_word_nor_for_the_implemented_law(tmp_path: Path) -> None:
    """gxt_351a44_1078 (省政府 + 政府信息公开) and szf_5f1a33_0635 (国务院实施〈…〉若干规定)."""
    text = ("（二）依申请公开方面。严格执行《河北省政府信息公开申请办理规范》，"
            "不断完善信息公开申请接收、登记、审核、办理、答复、归档的工作制度，开设了网络、信函、当面申请等渠道。"
            "为认真学习贯彻《国务院实施〈中华人民共和国民族区域自治法〉若干规定》（国务院令第４３５号，以下简称《规定》）"
            "特作如下通知：")
    issued = _issued(tmp_path, text)
    assert not any(o == "河北省政府信息公开申请办理规范" for _, o in issued)
    assert not any(s == "国务院" and "若干规定" not in o for s, o in issued)
