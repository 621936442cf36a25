"""The bodies a directive's salutation addresses (各市（含定州、辛集市）人民政府，雄安新区管委会：) receive it:
they cite and issue none of the documents its first sentence names."""

from __future__ import annotations

from pathlib import Path

from kg.relations.learned import salutation
from tests.report_text import extract_text, relation_pairs

# the opening of gxt_44ef91_1026 (Hebei industry and information technology department, 2023)
NOTICE = (
    "关于联合印发《关于加快推动清洁能源装备产业发展的实施方案》的通知\n"
    "冀工信装〔2023〕77号各市（含定州、辛集市）人民政府，雄安新区管委会：　　为进一步贯彻落实《工业和信息化部等六部门"
    "关于推动能源电子产业发展的指导意见》，省工业和信息化厅、省发展改革委、省教育厅、省科学技术厅共同制定了"
    "《关于加快推动清洁能源装备产业发展的实施方案》，已经省政府同意，现印发给你们，请结合实际认真贯彻落实。\n"
)
BASIS = "工业和信息化部等六部门关于推动能源电子产业发展的指导意见"


def test_the_salutation_is_the_line_up_to_the_first_colon() -> None:
    start, end = salutation(NOTICE, [])
    assert NOTICE[start:end] == "冀工信装〔2023〕77号各市（含定州、辛集市）人民政府，雄安新区管委会"
    assert salutation("河北省教育厅2023年工作总结\n2023年，我厅认真落实《条例》。主要做法：", []) == (0, 0)
    # a one-sentence preamble ending 通知如下： is no salutation
    assert salutation("关于做好2024年招生工作的通知\n为贯彻落实《教育部关于做好2024年招生工作的通知》，省教育厅、"
                      "省财政厅现就有关事项通知如下：", []) == (0, 0)


def test_an_addressee_cites_nothing(tmp_path: Path) -> None:
    extraction = extract_text(tmp_path, NOTICE, learned=True)
    assert not {(s, o) for s, o in relation_pairs(extraction, "cites") if s == "雄安新区管委会"}
    assert not {(s, o) for s, o in relation_pairs(extraction, "issued") if s == "雄安新区管委会"}
