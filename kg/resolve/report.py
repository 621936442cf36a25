"""Report metadata: who wrote the report, where, and about which year — read off the document and its mentions.

The author is the body the report speaks as: its 来源 line when the page had one, else the named body whose head
agrees with the report's self-references (我局 -> a name ending in 局), else the street office of a 街道 report,
else the government of the place the report speaks for (我市). The place is the most specific place named in the
text that contains the author; the year is the best-supported 'X年' of the report's own formulas.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from kg.model import Document, Mention, Report
from kg.nlp.rules.lexicon import Division, load_gazetteer
from kg.resources import read_yaml

AGENCY_RULES = ("agency.grammar", "agency.free", "agency.abbreviation", "agency.central", "agency.street")


@cache
def _config() -> dict:
    cfg = read_yaml("resolve/report.yaml")
    cfg["year_res"] = [(re.compile(p["pattern"], re.M), int(p["weight"])) for p in cfg["year_patterns"]]
    return cfg


def infer_report(document: Document, mentions: list[Mention]) -> Report:
    meta = document.metadata
    counts = _place_counts(mentions)
    place = _most_named_place(counts)
    author = _author(document, mentions, place)
    place = _author_place(author, counts) or place
    return Report(
        author_name=author,
        year=_year(document),
        place_name=place.name if place else None,
        title=meta.get("title") or meta.get("page_title"),
        publish_date=meta.get("publish_date") or meta.get("signature_date"),
        source=meta.get("source"),
    )


def _year(document: Document) -> int | None:
    cfg, votes = _config(), Counter()
    text = document.norm
    for year_re, weight in cfg["year_res"]:
        for match in year_re.finditer(text):
            before = text[max(0, match.start(1) - 1) : match.start(1)]
            after = text[match.end(1) : match.end(1) + 3]
            if before in cfg["ignore_year_before"] or after.startswith(tuple(cfg["ignore_year_after"])):
                continue
            status = document.status_at(match.start(1))
            if status == "planned":
                continue
            year = int(match.group(1))
            if 1990 <= year <= 2100:
                votes[year] += weight
    if votes:
        return max(votes.items(), key=lambda kv: (kv[1], kv[0]))[0]
    dated = document.metadata.get("signature_date") or document.metadata.get("publish_date")
    if dated:
        year, month = int(dated[:4]), int(dated[5:7])
        return year - 1 if month <= 3 else year
    return None


def _codes(mention: Mention) -> list[str]:
    return [c for c in mention.kb_id.split("|") if c.isdigit()] if mention.label == "Place" else []


def _place_counts(mentions: list[Mention]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for mention in mentions:
        codes = _codes(mention)
        if len(codes) == 1:
            counts[codes[0]] += 1
    return counts


def _author_place(author: str | None, counts: Counter[str]) -> Division | None:
    """The place in the author's name; for a town or street office, the nearest larger place the text names."""
    place = _place_in_name(author) if author else None
    if place is None or place.level != "township":
        return place
    return next((d for d in load_gazetteer().ancestors(place.code) if d.code in counts), None)


def _most_named_place(counts: Counter[str]) -> Division | None:
    """The most frequently named prefecture or county; towns only when nothing larger is named."""
    gaz = load_gazetteer()
    if not counts:
        return None
    ranked = sorted(
        counts.items(),
        key=lambda kv: (
            kv[0] not in gaz.by_code or gaz.by_code[kv[0]].level not in ("prefecture", "county"),
            -kv[1],
            kv[0],
        ),
    )
    return gaz.by_code.get(ranked[0][0])


def _place_in_name(name: str) -> Division | None:
    gaz = load_gazetteer()
    for size in range(min(12, len(name)), 1, -1):
        found = gaz.lookup(name[:size])
        if len(found) == 1:
            return found[0]
    return None


def _author(document: Document, mentions: list[Mention], place: Division | None) -> str | None:
    source = document.metadata.get("source", "")
    agencies = [m for m in mentions if m.label == "Agency" and m.source in AGENCY_RULES]
    if source and any(m.norm == source for m in agencies):
        return source
    heads = _deictic_heads(mentions)
    scores: Counter[str] = Counter()
    for mention in agencies:
        name = mention.norm
        if heads and not name.endswith(tuple(heads)):
            continue
        weight = 3 if _place_in_name(name) else 1
        scores[name] += weight
    if scores and heads:
        return max(scores.items(), key=lambda kv: (kv[1], len(kv[0])))[0]
    street = [m for m in mentions if m.source == "agency.street"]
    if street:
        return Counter(m.kb_id for m in street).most_common(1)[0][0]
    if place is not None:
        return _config()["place_government"].replace("{P}", place.name)
    return None


def _deictic_heads(mentions: list[Mention]) -> list[str]:
    table = _config()["deictic_heads"]
    heads: list[str] = []
    for mention in mentions:
        if mention.source == "agency.deictic" and mention.norm in table:
            heads.extend(table[mention.norm])
    return sorted(set(heads), key=len, reverse=True)
