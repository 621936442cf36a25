"""What a document's first line says it is decides whether the learned layers run on it: reports of rule-of-law
work keep the rules (written for them), while a government-information-disclosure annual report is a form the
learned layers were trained on like any notice. Real first lines of the Hebei corpus and ../shared/corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest.genre import document_genre, is_report

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def first_line(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", [
    "hebei/jyt_351a44_1086.txt",  # 河北省教育厅2023年政府信息公开工作年度报告
    "hebei/gxt_351a44_1078.txt",  # 河北省工业和信息化厅2023年度政府信息公开工作报告
])
def test_disclosure_reports_are_not_exempt(name: str) -> None:
    text = first_line(name)
    assert document_genre(text) == "disclosure"
    assert not is_report(text)


@pytest.mark.parametrize("name, genre", [
    ("hebei/jyt_42d2c4_1104.txt", "directive"),  # 关于做好职业教育质量报告（2023年度）…工作的通知
    ("hebei/szf_5d6c7f_0566.txt", "rule"),  # 河北省生产安全事故报告和调查处理办法
])
def test_report_inside_a_title_is_not_a_report(name: str, genre: str) -> None:
    text = first_line(name)
    assert document_genre(text) == genre
    assert not is_report(text)


@pytest.mark.parametrize("name", [
    "01_shenzhen_longhua_fazhi_2019.txt",  # 现将有关情况报告如下：
    "07_jilin_gwr_2026.txt",  # 2026年吉林省政府工作报告
])
def test_work_and_rule_of_law_reports_keep_the_rules(name: str) -> None:
    assert is_report(first_line(name))
