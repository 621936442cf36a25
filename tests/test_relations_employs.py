"""Who employs whom in the genre's lists of people: leading-group compositions and notices' contacts, with the
learned layers on (their model and verifier must leave a list's names standing)."""

from __future__ import annotations

from pathlib import Path

from tests.report_text import extract_text

# Hebei rst_af9c13 (train): a joint notice's working group, the page's line breaks lost
GROUP = ("河北省财政厅河北省人力资源和社会保障厅关于印发《2013年度河北省就业专项资金支出绩效评价工作实施方案》的通知\n"
         "由河北省财政厅会同河北省人力资源和社会保障厅共同组织实施，并聘请中介机构及相关专家联合组成绩效评价工作组，"
         "负责本次绩效评价的组织管理和实施工作。工作组成员如下：组长：李毅副组长：崔青山彭素敏胡毅东甄红彬成员："
         "唐世民赵景林智荣卿胡新辉李贵中孔子渊关玉芹焦文杰刘迪(二)时间步骤\n")


def test_a_lists_names_stand_over_the_learned_layers(tmp_path: Path) -> None:
    extraction = extract_text(tmp_path, GROUP, learned=True)
    people = {e.name for e in extraction.entities if e.type == "Person"}
    assert people == {"李毅", "崔青山", "彭素敏", "胡毅东", "甄红彬", "唐世民", "赵景林", "智荣卿", "胡新辉", "李贵中",
                      "孔子渊", "关玉芹", "焦文杰", "刘迪"}
