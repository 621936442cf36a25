"""A quoted brand before a platform's head is the platform's name; its words are also a practice (“两法衔接”信息共享
平台) unless the brand names its owner's place (reforms.yaml platform_brand_owner, docs/decisions.md §61).
Sentences from the train records."""

from __future__ import annotations

import pytest

from kg.ingest.fold import fold
from kg.nlp.rules import find_entities


def labelled(sentence: str) -> set[tuple[str, str]]:
    return {(sentence[c.start : c.end], c.label) for c in find_entities(fold(sentence))}


@pytest.mark.parametrize(
    ("sentence", "brand"),
    [
        ("开通了“科技河北”政务微博和微信公众号", "科技河北"),  # kjt_c344df_0765, an annual report
        ("，完善“中国河北”门户网站；完善省政府门户网站", "中国河北"),  # szf_bd07c6_0629, a notice
        ("推进教育资源互联互通的“冀教云”综合服务大平台建设", "冀教云"),  # gxt_d0e927_1064, a plan
        ("全年通过“河北工信”微信公众号、政务微博发布信息", "河北工信"),  # gxt_351a44_1074, a notice
    ],
)
def test_a_brand_named_after_its_owners_place_is_no_practice(sentence: str, brand: str) -> None:
    spans = labelled(sentence)
    assert any(label == "Platform" and brand in name for name, label in spans)
    assert (brand, "Reform") not in spans


def test_a_practice_named_on_a_platform_stays_a_reform() -> None:
    spans = labelled("加快建设全省“两法衔接”信息共享平台，与行政执法部门")  # kjt_aefad8_0900
    assert ("两法衔接", "Reform") in spans
