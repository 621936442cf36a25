"""A level's party committee written with its government (省委、省政府) is a body after a verb too
(kg.nlp.rules.agencies, agencies.yaml abbreviation_pair; docs/decisions.md §48)."""

from __future__ import annotations

import pytest

from kg.nlp.rules import find_entities


def agencies(text: str) -> set[str]:
    return {text[c.start : c.end] for c in find_entities(text) if c.label == "Agency"}


@pytest.mark.parametrize(
    "sentence",
    [
        # jyt_a0bfde_1132 (train)
        "《方案》一方面充分体现省委、省政府对城乡规划人才培养的指示要求",
        # jyt_dee7cf_1094 (train)
        "做到积极稳妥，及时准确，公开、公正、便民。结合省委、省政府有关文件要求，严格按照机关标准化",
    ],
)
def test_committee_with_its_government(sentence: str) -> None:
    assert {"省委", "省政府"} <= agencies(sentence)


def test_a_committee_alone_after_a_verb_still_needs_its_edge() -> None:
    assert "省委" not in agencies("体现省委对城乡规划人才培养的指示要求")
    assert not agencies("接受外省委托")
