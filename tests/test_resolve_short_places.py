"""A one-character abbreviation alone names no place (resolve/places.yaml min_name_length)."""

from __future__ import annotations

from pathlib import Path

from kg.goldjson import to_gold_schema
from tests.report_text import extract_text

# 07_jilin_gwr_2026 (dev), the close: 港澳同胞 are a group of people; the entity model reads 港 and 澳 as places
JILIN = ("2026年吉林省人民政府工作报告\n"
         "在此，我代表省政府，向全省各族人民，向人大代表、政协委员，向各民主党派、工商联、各人民团体和社会各界人士，"
         "向解放军驻吉部队、武警官兵、公安干警和消防救援队伍指战员，向驻吉各中直单位，向港澳同胞、台湾同胞、广大侨胞，"
         "以及所有关心、支持吉林发展的海内外朋友，表示崇高敬意和衷心感谢！\n")


def test_no_one_character_place(tmp_path: Path) -> None:
    gold = to_gold_schema(extract_text(tmp_path, JILIN, learned=True))
    names = {e["name"] for e in gold["entities"] if e["type"] == "Place"}
    assert "吉林省" in names
    assert not {n for n in names if len(n) < 2}


def test_a_short_name_inside_a_word_is_no_place(tmp_path: Path) -> None:
    """07_jilin_gwr_2026 (dev): the entity model reads 保定 in 医保定点; resolution drops it (places.yaml
    short_not_inside)."""
    text = ("2026年吉林省人民政府工作报告\n"
            "建设100个中小学校冰雪运动训练室（场）。为1000家左右医保定点社区卫生服务中心、乡镇卫生院配备医保刷脸支付"
            "终端，实现基层全覆盖。\n")
    gold = to_gold_schema(extract_text(tmp_path, text, learned=True))
    assert "保定" not in {e["name"] for e in gold["entities"] if e["type"] == "Place"}
