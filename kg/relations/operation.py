"""Who builds or runs each platform (gk:operates): by its name (益阳市行政审批服务局门户网站, 我厅门户网站), by a
trigger verb in its clause (建设“益办事”便民服务平台, 依托…平台), else by the place it is named for
(江西省政务服务平台 -> 江西省人民政府). The words and the reasons: kg/resources/relations/rules.yaml (operates)."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from typing import TYPE_CHECKING

from kg.model import Document, Entity, Report
from kg.nlp.rules.lexicon import Division, alternation, load_gazetteer, load_lexicons
from kg.relations.clauses import Ref, clauses, config, group_before, opening_subject
from kg.resolve.report import place_in_name

if TYPE_CHECKING:
    from kg.relations import Collector

PREDICATE = "operates"


@cache
def _rules() -> dict:
    rules = dict(config()["operates"])
    rules["trigger_re"] = re.compile(alternation(rules["triggers"]))
    rules["after_re"] = re.compile(r"\s*[已正]?\s*" + alternation(rules["triggers_after"]))
    return rules


def operators(document: Document, refs: list[Ref], entities: list[Entity], report: Report,
              collector: Collector) -> None:
    """operates from each platform's name, else from the acts around its mentions, else from its place (whose
    government is added to ``entities`` when the report does not name it)."""
    rules, text = _rules(), document.norm
    owners = _owners(entities, report)
    by_key: dict[str, list[Ref]] = {}
    for ref in refs:
        if ref.mention.label == "Platform":
            by_key.setdefault(ref.key, []).append(ref)
    agencies = [r for r in refs if r.mention.label == "Agency"]
    starts = [r.start for r in agencies]
    for platform in (e for e in entities if e.type == "Platform" and e.key in by_key):
        mentions = by_key[platform.key]
        first = mentions[0]
        owner = next((key for name, key in owners if platform.name.startswith(name)), None)
        if owner is not None:
            collector.add(owner, PREDICATE, platform.key, first.start, first.end, "operates.name",
                          rules["confidence"]["name"])
            continue
        found = False
        for ref in mentions:
            for actor, start, end, rule in _acts(text, document, ref, agencies, starts, report):
                if _may_run(actor, platform.name, report):
                    collector.add(actor, PREDICATE, platform.key, start, end, rule, rules["confidence"]["trigger"])
                    found = True
        place = _named_place(platform.name)
        if not found and place is not None:
            government = _implied_government(place, entities)
            collector.add(government, PREDICATE, platform.key, first.start, first.end, "operates.name-place",
                          rules["confidence"]["place"])


def _implied_government(place: Division, entities: list[Entity]) -> str:
    """The key of the place's government; it joins the report's entities when the report never names it (as
    the parents merge.py implies), so that the graph describes the node the edge starts from."""
    name = _rules()["place_government"].replace("{P}", load_gazetteer().body_prefix(place))
    key = f"Agency/{name}"
    if all(e.key != key for e in entities):
        entities.append(Entity(key=key, type="Agency", name=name))
    return key


def _owners(entities: list[Entity], report: Report) -> list[tuple[str, str]]:
    """(name, key) of the bodies a platform's name may open with, longest first; of two bodies with one name (a
    national body and a report's own reading of it), the one known beyond the report, then by key: the same
    owner in every run, whatever the hash seed orders sets by."""
    named = [(e.name, e.key) for e in entities if e.type in ("Agency", "Organization") and len(e.name) >= 4]
    if report.author and report.author_name:
        named.append((report.author_name, report.author))
    return sorted(set(named), key=lambda item: (-len(item[0]), "@" in item[1], item[1]))


def _acts(text: str, document: Document, ref: Ref, agencies: list[Ref], starts: list[int],
          report: Report) -> list[tuple[str, int, int, str]]:
    """(actor, evidence start, end, rule) for the triggers acting on one platform mention in its clause."""
    index = document.sentence_at(ref.start)
    if index is None:
        return []
    sentence = document.sentences[index]
    spans = clauses(text, sentence.start, sentence.end)
    span = next((s for s in spans if s[0] <= ref.start < s[1]), None)
    if span is None:
        return []
    rules = _rules()
    in_sentence = agencies[bisect_left(starts, sentence.start) : bisect_left(starts, sentence.end)]
    before = [m for m in rules["trigger_re"].finditer(text, span[0], ref.start)]
    after = rules["after_re"].match(text, ref.end, span[1])
    if not before and after is None:
        return []
    trigger_start = before[-1].start() if before else ref.start
    actors = group_before(text, in_sentence, trigger_start, span[0]) if before else []
    actors = actors or opening_subject(text, in_sentence, spans)
    keys = [a.key for a in actors] or ([report.author] if report.author else [])
    word = before[-1].group() if before else after.group().strip(" 已正")
    start, end = (trigger_start, ref.end) if before else (ref.start, after.end())
    return [(key, start, end, f"operates.trigger:{word}") for key in keys]


def _may_run(actor: str, platform: str, report: Report) -> bool:
    """A platform named for the nation is run by a national body only, one named for a place by a body of that
    same place (a city's bureau relying on its province's platform does not run it)."""
    name = actor.split("/", 1)[-1].split("@", 1)[0]
    if platform.startswith(tuple(_rules()["national_starts"])):
        return name in load_lexicons().central.values()
    place = _named_place(platform)
    if place is None:
        return True
    own = place_in_name(name.removeprefix("中共"))
    if own is None and actor == report.author:
        own = load_gazetteer().by_code.get(report.place_code or "")
    return own is not None and own.code == place.code


def _named_place(name: str) -> Division | None:
    """The division a platform's name opens with (江西省政务服务平台 -> 江西省; 防城港政务云 -> 防城港市)."""
    if name.startswith(tuple(_rules()["national_starts"])):
        return None
    return place_in_name(name)
