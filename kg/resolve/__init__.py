"""Entity resolution: the report's metadata, then one entity per real-world thing with all its mentions.

``resolve`` turns deictic and short forms into real bodies using the report (我局 -> the author, 市委 ->
中共益阳市委员会, 市行政审批局 -> 新余市行政审批局), folds Traditional into Simplified names, and gives each entity
a key that is the same in every report that names it.
"""

from __future__ import annotations

from pathlib import Path

from kg.model import Document, Entity, Mention, Report
from kg.resolve.canonical import canonical
from kg.resolve.entities import Context, build_entities
from kg.resolve.merge import add_implied_parents, merge_short_forms
from kg.resolve.report import division_codes, infer_report

__all__ = ["infer_report", "resolve"]


def resolve(
    document: Document, mentions: list[Mention], learned: Path | None = None
) -> tuple[Report, list[Entity], dict[int, str]]:
    """(report metadata, entities, entity key per mention index); ``learned`` (a folder of learned weights): the
    author ranker decides the author."""
    report = infer_report(document, mentions, learned)
    named_codes = {code for m in mentions for code in division_codes(m)}
    ctx = Context.of(document, report, named_codes)
    entities, key_of = build_entities(mentions, ctx)
    entities = add_implied_parents(merge_short_forms(entities, key_of))
    by_name = {(e.type, e.name): e for e in entities}
    if report.author_name:
        key = f"Agency/{canonical('Agency', report.author_name)}"  # 深圳市光明区委 is 中共深圳市光明区委员会
        author = by_name.get(("Agency", report.author_name)) or next((e for e in entities if e.key == key), None)
        if author is None:
            author = Entity(key=key, type="Agency", name=report.author_name)
            entities.append(author)
        report.author = author.key
    if report.place_name:
        place = by_name.get(("Place", report.place_name))
        report.place = place.key if place else f"Place/{report.place_name}"
    return report, entities, key_of
