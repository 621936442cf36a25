"""A programme a document's title carries out is a reform named inside the title (reforms.yaml
programme_title_*): 河北省2024年民生工程实施方案 names 民生工程; a title's kind of work (立法工作计划) is none."""

from __future__ import annotations

from kg.nlp.rules import find_entities

# Titles of train records szf_b668d9_0604, rst_3f7441_0119 and szf_b1bf39_0590.
TITLES = (
    "河北省人民政府办公厅关于印发河北省2024年民生工程实施方案的通知\n"
    "河北省人力资源和社会保障厅关于印发《以“人”为本“社”惠民生——人社政策宣讲“三进”行动实施方案》的通知\n"
    "河北省人民政府办公厅关于印发2024年立法工作计划的通知\n"
)


def test_programmes_named_inside_titles() -> None:
    names = {TITLES[c.start : c.end] for c in find_entities(TITLES) if c.rule == "reform.programme_title"}
    assert "民生工程" in names
    assert "人社政策宣讲“三进”行动" in names
    assert not [n for n in names if n.endswith("工作计划")]
