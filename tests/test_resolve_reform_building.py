"""A reform named with 建设 after it, where the report names it without, is that reform (resolve/merges.yaml
head_words, docs/decisions.md §61): a line of ../shared/corpus/06_beijing_gwr_2026 (a train record), whose brand
the rules read and whose 建设 the entity model ran on out of fold."""

from __future__ import annotations

from kg.ingest.fold import fold
from kg.model import Entity, Mention
from kg.resolve.merge import merge_short_forms

LINE = "扎实推进健康北京建设，三级公立医院提前两周向基层投放号源。"


def _reform(name: str, source: str) -> Entity:
    start = LINE.index(name)
    mention = Mention(start, start + len(name), "Reform", name, fold(name), source)
    return Entity(f"Reform/{name}", "Reform", name, [mention])


def test_a_brand_built_is_the_brand() -> None:
    brand, built = _reform("健康北京", "reform.brand"), _reform("健康北京建设", "model")
    merged = merge_short_forms([brand, built], {})
    assert [e.name for e in merged] == ["健康北京"]
    assert sorted(m.text for m in merged[0].mentions) == ["健康北京", "健康北京建设"]
