"""Rule-based relation extraction (rules in kg/resources/relations/rules.yaml).

Text relations come from trigger verbs in clauses (制定《…》 -> issued, 根据《…》 -> cites, 推进“…” -> implements,
学习《…》 -> promotes); structural ones from names and titles (a title's issuer, a body's place prefix, a
sub-body's parent). Every relation keeps its evidence: sentence, offsets, rule and confidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.model import Document, Entity, Evidence, Mention, Relation, Report
from kg.relations.clauses import Ref, clauses, config, group_before, opening_subject

__all__ = ["extract_relations"]

CONTAINERS = ("PolicyDocument", "Law")


class Collector:
    """Relations keyed by (s, p, o), each gathering all of its evidence."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.relations: dict[tuple[str, str, str], Relation] = {}

    def add(self, s: str, p: str, o: str, start: int, end: int, rule: str, confidence: float) -> None:
        if s == o:
            return
        relation = self.relations.setdefault((s, p, o), Relation(s, p, o))
        if end <= start:
            return  # no stretch of text shows it (an author known from the page's metadata only): no evidence
        sentence = self.document.sentence_at(start)
        relation.evidence.append(Evidence(sentence, start, end, rule, confidence))
        if relation.status is None:
            relation.status = self.document.status_at(start)


def extract_relations(
    document: Document,
    mentions: list[Mention],
    key_of: dict[int, str],
    entities: list[Entity],
    report: Report,
) -> list[Relation]:
    refs = [Ref(m, key_of[i]) for i, m in enumerate(mentions) if i in key_of]
    refs.sort(key=lambda r: (r.start, -r.end))
    collector = Collector(document)
    outer = [r for r in refs if not _inside_container(r, refs)]
    for sentence in document.sentences:
        _sentence_relations(
            document,
            [r for r in outer if sentence.start <= r.start < sentence.end],
            sentence.start,
            sentence.end,
            report,
            collector,
        )
    _title_relations(refs, collector)
    _structural(entities, report, collector)
    _employment(document, refs, report, collector)
    return list(collector.relations.values())


def _inside_container(ref: Ref, refs: list[Ref]) -> bool:
    return any(
        o is not ref
        and o.mention.label in CONTAINERS
        and o.start <= ref.start
        and ref.end <= o.end
        and (o.start, o.end) != (ref.start, ref.end)
        for o in refs
    )


def _sentence_relations(
    document: Document, refs: list[Ref], start: int, end: int, report: Report, collector: Collector
) -> None:
    text = document.norm
    spans = clauses(text, start, end)
    agencies = [r for r in refs if r.mention.label == "Agency"]
    default = opening_subject(text, agencies, spans)
    for clause_start, clause_end in spans:
        in_clause = [r for r in refs if clause_start <= r.start < clause_end]
        for predicate, rule in config()["relations"].items():
            objects = [r for r in in_clause if r.mention.label in rule["objects"]]
            if objects:
                _fire(
                    text,
                    predicate,
                    rule,
                    objects,
                    agencies,
                    default,
                    report,
                    (clause_start, clause_end),
                    collector,
                )


def _fire(
    text: str,
    predicate: str,
    rule: dict,
    objects: list[Ref],
    agencies: list[Ref],
    default: list[Ref],
    report: Report,
    clause: tuple[int, int],
    collector: Collector,
) -> None:
    for trigger in rule["trigger_re"].finditer(text, *clause):
        if any(o.start <= trigger.start() < o.end for o in objects):
            continue  # a trigger word inside a name (推进“放管服”改革 is fine, 《…实施方案》 is not)
        if text.startswith(tuple(rule.get("not_followed_by", ())), trigger.end()):
            continue
        targets = objects if rule["window"] == "both" else [o for o in objects if o.start >= trigger.end()]
        if not targets:
            continue
        actors = group_before(text, agencies, trigger.start(), clause[0]) or default
        subjects = [a.key for a in actors] or ([report.author] if report.author else [])
        for subject in subjects:
            for target in targets:
                collector.add(
                    subject,
                    predicate,
                    target.key,
                    min(trigger.start(), target.start),
                    target.end,
                    f"{predicate}.trigger:{trigger.group()}",
                    rule["confidence"],
                )
        if rule["window"] == "both":
            return


def _title_relations(refs: list[Ref], collector: Collector) -> None:
    """Inside a title: the issuer before 关于 (or before the year) issued it and the document it carries;
    a document that 贯彻落实s another cites it."""
    for title in (r for r in refs if r.mention.label in CONTAINERS):
        inside = [r for r in refs if title.start <= r.start and r.end <= title.end and r is not title]
        head = title.mention.norm
        cut = head.find("关于")
        year = re.search(r"\d{4}年", head)
        limit = title.start + (cut if cut >= 0 else (year.start() if year else 0))
        issuers = [r for r in inside if r.mention.label == "Agency" and r.end <= limit]
        issuers = [
            r
            for r in issuers
            if not any(o is not r and o.start <= r.start and r.end <= o.end for o in issuers)
        ]
        carried = [r for r in inside if r.mention.label in CONTAINERS]
        for issuer in issuers:
            for doc in [title, *[c for c in carried if c.mention.source == "title.angle"]]:
                collector.add(
                    issuer.key, "issued", doc.key, title.start, title.end, "issued.title-issuer", 0.85
                )
        for doc in carried:
            if doc.mention.source == "title.inner":
                container = min(
                    (
                        c
                        for c in [title, *carried]
                        if c is not doc and c.start <= doc.start and doc.end <= c.end
                    ),
                    key=lambda c: c.end - c.start,
                )
                collector.add(
                    container.key, "cites", doc.key, container.start, container.end, "cites.title-inner", 0.8
                )


def _structural(entities: list[Entity], report: Report, collector: Collector) -> None:
    cfg = config()
    agencies = {e.name: e for e in entities if e.type == "Agency"}
    places = sorted((e for e in entities if e.type == "Place"), key=lambda e: -len(e.name))
    for entity in entities:
        if entity.type not in ("Agency", "Organization") or (
            not entity.mentions and entity.key != report.author
        ):
            continue
        where = _evidence_span(entity)
        place = next((p for p in places if entity.name.startswith((p.name, "中共" + p.name))), None)
        if place is None and any(rule in ("author-body", "street-body") for _, rule in entity.merges):
            place = next((p for p in places if p.key == report.place), None)
        if place is None and entity.key == report.author and report.place:
            place = next((p for p in places if p.key == report.place), None)
        if place is not None:
            collector.add(entity.key, "locatedIn", place.key, *where, "locatedIn.name-prefix", 0.85)
        if entity.type != "Agency":
            continue
        for parent in _parents(entity, agencies, report, cfg):
            collector.add(entity.key, "subOrganizationOf", parent, *where, "subOrganizationOf.name", 0.8)


def _parents(entity: Entity, agencies: dict[str, Entity], report: Report, cfg: dict) -> Iterable[str]:
    for pattern in cfg["parent_patterns"]:
        parent = re.sub(pattern["pattern"], pattern["parent"], entity.name)
        if parent != entity.name and parent in agencies:
            yield agencies[parent].key
            return
    prefixes = [
        a
        for name, a in agencies.items()
        if entity.name.startswith(name) and name != entity.name and len(name) >= 4
    ]
    if prefixes:
        yield max(prefixes, key=lambda a: len(a.name)).key
    elif ("@" in entity.key and entity.name.endswith(tuple(cfg["author_sub_heads"])) and report.author) or (
        report.author and any(rule == "author-body" for _, rule in entity.merges)
    ):
        yield report.author


def _evidence_span(entity: Entity) -> tuple[int, int]:
    first = min(entity.mentions, key=lambda m: m.start) if entity.mentions else None
    return (first.start, first.end) if first else (0, 0)


def _employment(document: Document, refs: list[Ref], report: Report, collector: Collector) -> None:
    cfg = config()
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
        elif mention.kb_id.removeprefix("post:") in posts and report.author:
            collector.add(
                report.author, "employs", ref.key, max(0, mention.start - 8), mention.end, "employs.post", 0.7
            )
