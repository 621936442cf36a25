"""Extractions in the gold annotation schema (../shared/gold/SCHEMA.md): report, entities, relations.

This is what ``kg extract`` writes and what ``kg eval`` scores: the same JSON a hand annotator writes.
"""

from __future__ import annotations

from functools import cache

from kg.model import RELATION_TYPES, Entity, Extraction
from kg.nlp.rules.lexicon import load_gazetteer
from kg.resolve.canonical import config as canonical_config
from kg.resources import read_tsv


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
        "report": {"author": _author_name(named, names, report.author, report.author_name), "year": report.year,
                   "place": place},
        "entities": entities,
        "relations": relations,
    }


def _author_name(named: list[Entity], names: dict[str, str], key: str | None, fallback: str | None) -> str | None:
    """The report's author by its resolved name: the field names one body, as SCHEMA's author does, where the entity
    list prints the form the document writes (_written_body_name); the two differ only in such a form."""
    entity = next((e for e in named if e.key == key), None)
    if entity is None:
        return fallback
    return entity.name if entity.type in canonical_config()["written_form_types"] else names[entity.key]


def _annotated_name(entity: Entity) -> str:
    """A place is named as the document writes it at its fullest (江西 where the text never says 江西省; SCHEMA
    lists 江西 and 深圳 as names; 深圳市光明区 where the text writes it so, not only 光明区), in Simplified
    characters; the graph keys it by its division all the same. An item of a list sharing one head is named with it."""
    if entity.type in canonical_config()["written_form_types"]:
        return _written_body_name(entity)
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


def _written_body_name(entity: Entity) -> str:
    """A body's or platform's resolved name, unless resolution only added to what the document writes (a place
    before a written rest, a national body's listed name) and neither the document nor the province's documents
    write that name: then the document's own form at its longest (canonical.yaml written_form_*)."""
    cfg = canonical_config()
    if any(m.norm == entity.name for m in entity.mentions):
        return entity.name
    rules = {text: rule for text, rule in entity.merges}
    if any(m.source in cfg["written_form_keep_sources"] for m in entity.mentions):
        return entity.name
    forms = [m for m in entity.mentions
             if rules.get(m.text) in cfg["written_form_rules"] and _only_adds(entity.name, m.norm, rules[m.text])]
    if not forms:
        return entity.name
    corpus_rules = {rules[m.text] for m in forms} & set(cfg["written_form_corpus_rules"])
    if corpus_rules and entity.name in _corpus_names():
        return entity.name
    return max((m.norm for m in forms), key=len)


def _only_adds(name: str, written: str, rule: str) -> bool:
    """Whether resolution only added to the written form: a national body's listed name holding
    every character of the written one in order (科学技术部 of 科技部, 人力资源和社会保障部 of
    人力资源社会保障部; not 中共中央 of 党中央, a name of its own), or a place before the written
    rest (河北省教育厅 of 省教育厅, 北京市疾控中心 of 市疾控中心). A table that rewrote the rest
    (省科技厅 -> 河北省科学技术厅, 省政府 -> 河北省人民政府) wrote a standard name, which stands."""
    if rule == "central-body":
        rest = iter(name)
        return all(char in rest for char in written)  # a subsequence: nothing of the written form replaced
    return name.endswith(written[1:])


@cache
def _corpus_names() -> frozenset[str]:
    """Names the province's own documents write (ner/mined_entities.tsv, annotated documents left out)."""
    return frozenset(row[0] for row in read_tsv("ner/mined_entities.tsv", 6))
