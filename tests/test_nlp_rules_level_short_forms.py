"""A level's bodies by short forms the grammar's function words do not hold (省民委, 省社科院, 省征兵办, 县委党校,
省卫计委, 省食药监局), named in full from the report's place (abbreviations.tsv; docs/decisions.md §48)."""

from __future__ import annotations

import pytest

from kg.nlp.rules import find_entities


def abbreviations(text: str) -> dict[str, str]:
    return {text[c.start : c.end]: c.kb_id for c in find_entities(text) if c.rule == "agency.abbreviation"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # rst_d88930_0192 (train)
        ("省国税局、省质监局分别选派两名处级干部，省卫计委、省食药监局、省统计局、省人防办、省贸促会分别选派一名处级干部",
         {"省卫计委": "{P}卫生和计划生育委员会", "省食药监局": "{P}食品药品监督管理局"}),
        # szf_b1bf39_0593 (train)
        ("5.河北省征兵工作条例（修订）（省征兵办起草）6.河北省消防条例（修订）", {"省征兵办": "{P}征兵办公室"}),
        # szf_5f1a33_0635 (train)
        ("也是省政府各部门特别是省民委成员单位的重要职责和法律义务。", {"省民委": "{P}民族事务委员会"}),
    ],
)
def test_level_short_forms(sentence: str, expected: dict[str, str]) -> None:
    found = abbreviations(sentence)
    assert {k: found.get(k) for k in expected} == expected
