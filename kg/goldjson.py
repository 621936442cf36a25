"""Extractions in the gold annotation schema (../shared/gold/SCHEMA.md): report, entities, relations.

This is what ``kg extract`` writes and what ``kg eval`` scores: the same JSON a hand annotator writes.
"""

from __future__ import annotations

from kg.model import RELATION_TYPES, Entity, Extraction
from kg.nlp.rules.lexicon import load_gazetteer


def to_gold_schema(extraction: Extraction) -> dict:
    """The entities the text names, and the report's author: a body known only as the parent of a named one
    (中共新余市委员会 above 市委全面依法治市委员会, never written) stays in the graph, but an annotator lists what
    the document says, so it is left out here with the relations that reach it."""
    named = [e for e in extraction.entities if e.mentions or e.key == extraction.report.author]
    names = {entity.key: _annotated_name(entity) for entity in named}
    entities = [
        {"type": e.type, "name": names[e.key], "mentions": sorted({m.text for m in e.mentions})}
        for e in sorted(named, key=lambda e: (e.type, names[e.key]))
    ]
    relations = [
        {"s": names[r.subject], "p": r.predicate, "o": names[r.object]}
        for r in sorted(extraction.relations, key=lambda r: (r.predicate, r.subject, r.object))
        if r.subject in names and r.object in names and r.predicate in RELATION_TYPES  # not the graph's own (operates)
    ]
    report = extraction.report
    place = names.get(report.place, report.place_name) if report.place else report.place_name
    division = load_gazetteer().by_code.get(report.place_code or "")
    if division is not None and place and len(load_gazetteer().body_prefix(division)) > len(place):
        place = load_gazetteer().body_prefix(division)  # 深圳市光明区: a district with its city, as its bodies
    return {
        "doc": extraction.document.path.rsplit("/", 1)[-1],
        "report": {"author": names.get(report.author or "", report.author_name), "year": report.year, "place": place},
        "entities": entities,
        "relations": relations,
    }


def _annotated_name(entity: Entity) -> str:
    """A place is named as the document writes it at its fullest (江西 where the text never says 江西省; SCHEMA
    lists 江西 and 深圳 as names; 深圳市光明区 where the text writes it so, not only 光明区), in Simplified
    characters; the graph keys it by its division all the same. An item of a list sharing one head is named with it."""
    if entity.type != "Place" or any(m.source == "shared_head" for m in entity.mentions):
        return entity.name  # 向海 of 向海、莫莫格、哈泥保护区: the item with the list's head (向海保护区)
    written = [m.norm for m in entity.mentions
               if m.source != "place.deictic" and (entity.name.startswith(m.norm) or m.norm.endswith(entity.name))]
    if not written:  # 台湾地区 for 台湾省, 京津冀地区 for 京津冀: another name the gazetteer gives, as written
        written = [m.norm for m in entity.mentions if m.source in ("place.short", "place.named")]
    official = [name for name in map(_county_with_its_city, written) if name]
    return max(official or written, key=len) if written else entity.name


def _county_with_its_city(written: str) -> str | None:
    """A county-level division written after its own city (唐山丰润区, 廊坊三河市, 石家庄市桥西区) by its official
    name with the city's (唐山市丰润区): SCHEMA's prefix resolved, where the text itself writes the city."""
    gaz = load_gazetteer()
    for size in range(2, len(written) - 1):
        cities = {d.code: d for d in gaz.lookup(written[:size]) if d.level == "prefecture"}
        for county in gaz.lookup(written[size:]) if cities else ():
            city = next((cities[a.code] for a in gaz.ancestors(county.parent) if a.code in cities), None)
            if county.level == "county" and city is not None:
                return city.name + county.name
    return None
