"""A development goal named as a kind of place that a verb builds (推进无废城市建设, 深化演艺之都建设) is a named
programme: the name runs from the verb to the goal's head, without 建设 (reforms.yaml goal_heads, docs/decisions.md
§73). Sentences from the train records."""

from __future__ import annotations

import pytest

from kg.ingest.fold import fold
from kg.nlp.rules import find_entities


def labelled(sentence: str) -> set[tuple[str, str]]:
    return {(sentence[c.start : c.end], c.label) for c in find_entities(fold(sentence))}


@pytest.mark.parametrize(
    ("sentence", "goal"),
    [
        ("加强垃圾分类和资源化利用，推进无废城市建设。", "无废城市"),  # 06_beijing_gwr_2026, a work report
        ("深化演艺之都建设，打造更多精品力作", "演艺之都"),  # 06_beijing_gwr_2026
        ("加快国际赛事名城建设，世界级赛事", "国际赛事名城"),  # 06_beijing_gwr_2026
        ("建设一批海洋产业基地。推进海洋经济强省建设，打造", "海洋经济强省"),  # 05_guangdong_gwr_2014
    ],
)
def test_a_goal_a_verb_builds_is_a_reform(sentence: str, goal: str) -> None:
    assert (goal, "Reform") in labelled(sentence)


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("推动产业集群与城市建设有机融合", "产业集群与城市"),  # gxt_bafe2a_1048, a plan: two things joined
        ("优化营商环境，为加快建设经济强省、美丽河北作出贡献", "经济强省"),  # szf_fc52ca_0596: 建设 before the aim
    ],
)
def test_no_goal_without_its_shape(sentence: str, words: str) -> None:
    assert (words, "Reform") not in labelled(sentence)
