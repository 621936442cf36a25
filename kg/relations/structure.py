"""Relations read off names and titles rather than verbs: where a body is, which body it belongs to, who works
for it. The rules' words and patterns are in kg/resources/relations/rules.yaml."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from kg.model import Document, Entity, Report
from kg.nlp.rules.lexicon import LEVEL_CHARS, load_gazetteer
from kg.nlp.rules.persons import post_run_pattern
from kg.relations.clauses import Ref, config
from kg.resolve.places import country
from kg.resolve.report import place_in_name

if TYPE_CHECKING:
    from kg.relations import Collector


def structural(entities: list[Entity], report: Report, collector: Collector) -> None:
    """locatedIn and subOrganizationOf from names: a body's place prefix, a sub-body's parent."""
    cfg = config()
    agencies = {e.name: e for e in entities if e.type == "Agency"}
    places = _Places(entities)
    for entity in entities:
        implied = not entity.mentions and any(rule == "implied-parent" for _, rule in entity.merges)
        if entity.type not in ("Agency", "Organization") or (
            not entity.mentions and entity.key != report.author and not implied
        ):
            continue
        where = _implied_span(entity, entities) if implied else _evidence_span(entity)
        place = _located_in(entity, places, report)
        if place is not None:
            collector.add(entity.key, "locatedIn", place, *where, "locatedIn.name-prefix", 0.85)
        if entity.type != "Agency":
            continue
        for parent in _parents(entity, agencies, report, cfg):
            collector.add(entity.key, "subOrganizationOf", parent, *where, "subOrganizationOf.name", 0.8)


class _Places:
    """The report's Place entities, found by division code (湖南 -> 湖南省 -> code 43) or by name."""

    def __init__(self, entities: list[Entity]) -> None:
        places = [e for e in entities if e.type == "Place"]
        self.by_code = {e.attributes["divisionCode"]: e.key for e in places if e.attributes.get("divisionCode")}
        self.by_name = sorted(((e.name, e.key) for e in places), key=lambda item: -len(item[0]))
        self.keys = {e.key for e in places}
        self.code_of = {e.key: e.attributes["divisionCode"] for e in places if e.attributes.get("divisionCode")}
        self.country = {e.key for e in places if e.name == country()}

    def prefix_of(self, name: str) -> str | None:
        """The most specific place a name begins with that the report names (湖南银城律师事务所 -> 湖南省;
        深圳市光明区司法局 -> 光明区, not 深圳市), else the longest place name it starts with."""
        name = name.removeprefix("中共")
        gaz = load_gazetteer()
        division = place_in_name(name)
        for above in gaz.ancestors(division.code) if division else []:
            if above.code in self.by_code:
                return self.by_code[above.code]
        for size in range(min(12, len(name) - 1), 1, -1):
            for division in gaz.lookup(name[:size]):
                if division.code in self.by_code:
                    return self.by_code[division.code]
        return next((key for place, key in self.by_name if name.startswith(place)), None)

    def inner_of(self, name: str) -> str | None:
        """The place written last inside a name that opens with no place, or with the country (政协河北省委员会,
        国家税务总局河北省税务局, 中国人民银行石家庄中心支行 -> 石家庄市), when the report names it."""
        gaz, found = load_gazetteer(), None
        for at in range(1, len(name) - 1):
            for size in range(min(12, len(name) - at), 1, -1):
                piece = name[at : at + size]
                key = next((self.by_code[d.code] for d in gaz.lookup(piece) if d.code in self.by_code), None)
                key = key or next((k for place, k in self.by_name if place == piece), None)
                if key is not None and key not in self.country:
                    found = key
                    break
        return found

    def level_prefix_of(self, name: str, report: Report) -> str | None:
        """省总工会, 市律师协会: a name opening with a level word (as the resolver leaves organisations) is in the
        report's place of that level (河北省 in a Hebei department's report), when the report names it."""
        code = self.code_of.get(report.place or "")
        if not name or name[0] not in LEVEL_CHARS or name[:2] in level_words() or code is None:
            return None
        above = next((d for d in load_gazetteer().ancestors(code) if d.name.endswith(name[0])), None)
        return self.by_code.get(above.code) if above else None


@cache
def level_words() -> frozenset[str]:
    """Words opening with a level character that are no level prefix (市场, 区域): resolve/abbreviation_words.yaml."""
    from kg.resources import read_yaml

    return frozenset(read_yaml("resolve/abbreviation_words.yaml")["level_words"])


def _located_in(entity: Entity, places: _Places, report: Report) -> str | None:
    """The author and bodies named with a place are located there; the author's own parts (局办公室, its
    working groups) are located with the author and not stated again; a street's party committee is where
    the street is."""
    rules = {rule for _, rule in entity.merges}
    if entity.key != report.author and "author-body" in rules:
        return None
    place = places.prefix_of(entity.name)
    if place is None or place in places.country:  # national bodies get no locatedIn 中国 (SCHEMA)
        place = places.inner_of(entity.name)
    if place is None and (entity.key == report.author or "street-body" in rules) and report.place in places.keys:
        place = report.place
    if place is None:
        place = places.level_prefix_of(entity.name, report)
    return place

def _parents(entity: Entity, agencies: dict[str, Entity], report: Report, cfg: dict) -> Iterable[str]:
    for pattern in cfg["parent_patterns"]:
        parent = re.sub(pattern["pattern"], pattern["parent"], entity.name)
        if parent != entity.name and parent in agencies:
            yield agencies[parent].key
            return
    prefixes = [
        a
        for name, a in agencies.items()
        if a.key != entity.key and any(entity.name.startswith(n) and n != entity.name for n in _spellings(a))
    ]
    # the author's working groups: named here only (key with @), or a street's (街道…领导小组 in its report)
    own_group = "@" in entity.key or any(rule == "street-body" for _, rule in entity.merges)
    if prefixes:
        yield max(prefixes, key=lambda a: max(len(n) for n in _spellings(a) if entity.name.startswith(n))).key
    elif (own_group and entity.name.endswith(tuple(cfg["author_sub_heads"])) and report.author) or (
        report.author and any(rule == "author-body" for _, rule in entity.merges)
    ):
        yield report.author


def _spellings(agency: Entity) -> set[str]:
    """A body's name and the full names the report writes for it (河北省科技厅 for 河北省科学技术厅: its office,
    河北省科技厅办公室, is named from that spelling), three characters or more; not a place written for its
    government (上海市 for 上海市人民政府: 上海市嘉定区人民政府 is no part of it)."""
    gaz = load_gazetteer()
    written = {m.norm for m in agency.mentions if gaz.lookup(m.norm[:2]) and not gaz.lookup(m.norm)}
    return {n for n in {agency.name, *written} if len(n) >= 3}


def _implied_span(parent: Entity, entities: list[Entity]) -> tuple[int, int]:
    """Where the name that implies a party committee is written (中共新余市委全面依法治市委员会 for 中共新余市委员会):
    the committee's place is read there."""
    stem = parent.name.removesuffix("员会")
    children = [e for e in entities if e.mentions and e.name.startswith(stem) and e.key != parent.key]
    return _evidence_span(children[0]) if children else (0, 0)


def _evidence_span(entity: Entity) -> tuple[int, int]:
    first = min(entity.mentions, key=lambda m: m.start) if entity.mentions else None
    return (first.start, first.end) if first else (0, 0)


def employment(
    document: Document, refs: list[Ref], report: Report, collector: Collector, entities: list[Entity]
) -> None:
    """employs from posts and retaining verbs; a retained person's post (杨志武担当法律顾问) is held in the body
    that retains them, the report's author, not in their own firm: recorded as the person's post_in."""
    cfg = config()
    people = {e.key: e for e in entities if e.type == "Person"}
    posts = tuple(cfg["employing_posts"])
    for ref in (r for r in refs if r.mention.label == "Person"):
        mention = ref.mention
        if mention.source == "person.after_org":
            org = max(
                (r for r in refs if r.end == mention.start and r.mention.label == "Organization"),
                key=lambda r: r.end - r.start,
                default=None,
            )
            if org is not None:
                collector.add(org.key, "employs", ref.key, org.start, mention.end, "employs.org-name", 0.8)
            sentence = document.sentence_at(mention.start)
            span = document.sentences[sentence] if sentence is not None else None
            if (
                report.author
                and span
                and any(t in document.norm[span.start : span.end] for t in cfg["employ_triggers"])
            ):
                collector.add(
                    report.author, "employs", ref.key, span.start, mention.end, "employs.retained", 0.75
                )
                if mention.kb_id.startswith("post:") and ref.key in people:
                    people[ref.key].attributes["post_in"] = report.author
        elif mention.kb_id.removeprefix("post:") in posts and report.author:
            body = _body_holding_post(document.norm, refs, mention.start)
            if body is not None and body.key == f"Agency/中共{report.author_name}党组":
                body = None  # 局党组书记、局长X: the author's own leadership, the author employs X
            if body is not None:  # 市法院院长周强: the court, not the report's author
                collector.add(body.key, "employs", ref.key, body.start, mention.end, "employs.body-post", 0.8)
            else:
                collector.add(report.author, "employs", ref.key, _post_start(document, mention.start),
                              mention.end, "employs.post", 0.7)
            post = mention.kb_id.removeprefix("post:")
            for org in refs:  # 湖南潇湘律师事务所律师张伟: the firm the post is held at
                if org.mention.label == "Organization" and org.end + len(post) == mention.start and (
                    document.norm[org.end : mention.start] == post
                ):
                    collector.add(org.key, "employs", ref.key, org.start, mention.end, "employs.org-post", 0.8)


def _post_start(document: Document, name_start: int) -> int:
    """Where the evidence of a post before a name starts: up to 8 characters back, within the name's sentence
    (a speaker's line, 北京市市长 殷勇, is a sentence of its own under the header)."""
    index = document.sentence_at(name_start)
    floor = document.sentences[index].start if index is not None else 0
    return max(floor, name_start - 8)


def _body_holding_post(text: str, refs: list[Ref], name_start: int) -> Ref | None:
    """The agency written right before the posts in front of a name (市法院院长周强, 县司法局局长、党组书记X)."""
    post_run = post_run_pattern()
    for ref in refs:
        if ref.mention.label == "Agency" and ref.end < name_start and post_run.fullmatch(text, ref.end, name_start):
            return ref
    return None
