"""Campaigns closed by 专项活动 or named after their year's theme (X年活动) are reforms (reforms.yaml programme_heads,
docs/decisions.md §61). Sentences from the train records."""

from __future__ import annotations

import pytest

from kg.ingest.fold import fold
from kg.nlp.rules import find_entities


@pytest.mark.parametrize(
    ("sentence", "campaign"),
    [
        # gxt_bbf35e_1006, a notice; jyt_5b3bd0_1183, a sector document (twice)
        ("强化立案监督，开展行政检察护航法治化营商环境专项活动。强化审判监督", "行政检察护航法治化营商环境专项活动"),
        ("各地各校要高度重视开展中小学师德师风建设巩固年活动，做到认真组织", "中小学师德师风建设巩固年活动"),
        ("各地要坚持问题导向，结合实际开展巩固年活动，紧盯本地师德师风突出问题", "巩固年活动"),
    ],
)
def test_a_campaign_of_the_year_or_a_special_campaign(sentence: str, campaign: str) -> None:
    spans = {(sentence[c.start : c.end], c.label) for c in find_entities(fold(sentence))}
    assert (campaign, "Reform") in spans
