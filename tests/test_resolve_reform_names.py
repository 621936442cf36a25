"""Reform names without the words in front that are not theirs (canonical.yaml reform_lead_words)."""

from __future__ import annotations

from pathlib import Path

from kg.goldjson import to_gold_schema
from kg.resolve.canonical import reform_name
from tests.report_text import extract_text

# Real sentences of train records 01_shenzhen_longhua_fazhi_2019, 08_shaanxi_gwr_2026, 06_beijing_gwr_2026.
REPORT = (
    "陕西省人民政府工作报告\n"
    "结合我区机构改革，梳理行政执法权责清单，推进执法职能调整。\n"
    "启动实施新一轮国资国企改革，强化应收账款和存货管控，提升省属企业资产质量。\n"
    "深入开展第三轮回天行动，持续推进城中村改造。\n"
)


def test_reform_named_without_place_round_or_verb_in_front(tmp_path: Path) -> None:
    gold = to_gold_schema(extract_text(tmp_path, REPORT, learned=True))
    reforms = {e["name"] for e in gold["entities"] if e["type"] == "Reform"}
    assert {"机构改革", "国资国企改革", "回天行动"} <= reforms
    assert not reforms & {"我区机构改革", "新一轮国资国企改革", "第三轮回天行动"}
    assert {"s": "陕西省人民政府", "p": "implements", "o": "国资国企改革"} in gold["relations"]


def test_reform_name_keeps_what_would_leave_too_little_and_level_words() -> None:
    assert reform_name("全面改薄") == "全面改薄"  # 全面 is no lead word: 全面改薄 is the programme's name
    assert reform_name("县级公立医院改革") == "县级公立医院改革"  # the annotators keep 县级 in the name
    assert reform_name("我区改革") == "我区改革"  # 改革 alone would be no name
