"""A regulator named after its government (省国资委 -> 河北省人民政府国有资产监督管理委员会) is one of the government's
departments, not a part its name declares (SCHEMA: a 局 under a 市政府 only when the text says so); the government's
office (河北省人民政府办公厅) stays its part. Decisions §64."""

from __future__ import annotations

from pathlib import Path

from tests.report_text import extract_text, relation_pairs

# The title and a responsibility note of train record gxt_e9a7e9_1063, and a sentence naming the government.
TEXT = (
    "河北省人民政府办公厅关于印发河北省企业上市行动方案的通知\n"
    "经省政府同意，现将《河北省企业上市行动方案》印发给你们，请认真贯彻落实。\n"
    "（责任单位：省地方金融监管局、省工业和信息化厅、省科技厅、省商务厅、省国资委、省农业农村厅、省文化和旅游厅，"
    "各市政府、雄安新区管委会）\n"
)


def test_a_regulator_named_after_its_government_is_no_part_of_it(tmp_path: Path) -> None:
    extraction = extract_text(tmp_path, TEXT)
    names = {e.name for e in extraction.entities}
    assert "河北省人民政府国有资产监督管理委员会" in names
    parts = relation_pairs(extraction, "subOrganizationOf")
    assert ("河北省人民政府国有资产监督管理委员会", "河北省人民政府") not in parts
    assert ("河北省人民政府办公厅", "河北省人民政府") in parts
