"""A level's people's organisations by their short forms (省妇联, 团省委, 省残联, 省科协): Organization, named in full
from the report's place (organization_abbreviations.tsv; SCHEMA: people's organisations are Organization;
docs/decisions.md §56)."""

from __future__ import annotations

from pathlib import Path

from kg.nlp.rules import find_entities
from tests.report_text import extract_text

# rst_a98cdd_0141 (train): a responsibility note of a provincial plan
NOTE = ("河北省人民政府办公厅关于老年人照顾服务项目的实施意见\n"
        "工会、共青团、妇联等群团组织及城乡基层社会组织要开展经常性为老志愿服务活动。"
        "（省老龄办、省民政厅、省委组织部、省委宣传部、省总工会、团省委、省妇联等部门，各市政府负责）\n")


def test_short_forms_are_organizations_in_the_rules() -> None:
    found = {NOTE[c.start : c.end]: (c.label, c.kb_id) for c in find_entities(NOTE)}
    assert found["团省委"] == ("Organization", "共青团{P}委员会")
    assert found["省妇联"] == ("Organization", "{P}妇女联合会")
    assert found["省总工会"][0] == "Organization"
    assert found["省民政厅"][0] == "Agency"


def test_short_forms_are_named_in_full(tmp_path: Path) -> None:
    names = {(e.type, e.name) for e in extract_text(tmp_path, NOTE).entities}
    assert {("Organization", "共青团河北省委员会"), ("Organization", "河北省妇女联合会"),
            ("Organization", "河北省总工会")} <= names


def test_a_short_form_the_model_typed_as_a_body(tmp_path: Path) -> None:
    """jyt_e57bca_1149 (train): 省残联 among co-issuing departments, whatever type the learned layers read."""
    text = ("《河北省家庭经济困难学生认定办法》解读\n省教育厅、省财政厅、省民政厅、省人社厅、省扶贫办、省残联联合印发"
            "《河北省家庭经济困难学生认定办法》（冀教财〔2019〕4号）。\n")
    names = {(e.type, e.name) for e in extract_text(tmp_path, text, learned=True).entities}
    assert ("Organization", "河北省残疾人联合会") in names
