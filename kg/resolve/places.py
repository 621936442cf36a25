"""Which division a Place mention stands for, read in its context, and where every place sits above it.

A division name repeats across China (南山区 of 深圳 and of 鹤岗; 朝阳区 of 北京 and of 长春), and reports
shorten names (富平 for 富平县, 汕头 for 汕头市) or name the country as 全国. The text says which one is
meant: the places written just before the name (广东省深圳市南山区), a longer name the mention is the start of
(北京市朝阳区, where 朝阳 alone is a city of 辽宁), and the report's own place. A short county name is taken only
under one of those: two characters name counties all over China, and no place is invented from a word that
merely contains one. Places that are no division (珠江口, 京津冀) hang under the division their name starts with,
else under the country; the chain of every place ends at the country (``hierarchy``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from kg.model import Mention
from kg.nlp.rules.lexicon import Division, load_gazetteer
from kg.resolve.report import division_codes, place_in_name
from kg.resources import read_yaml

MAX_NAME = 12  # the longest division name the context is read for


@cache
def config() -> dict:
    cfg = read_yaml("resolve/places.yaml")
    cfg["county_short_re"] = re.compile(cfg["county_short_form"])
    return cfg


@cache
def _county_stems() -> dict[str, list[Division]]:
    """Short forms of county-level and town names (富平 -> 富平县, 长白 -> 长白朝鲜族自治县, 松江河 -> 松江河镇)."""
    stems: dict[str, list[Division]] = {}
    regex = config()["county_short_re"]
    for divisions in load_gazetteer().by_name.values():
        for division in divisions:
            match = regex.match(division.name) if division.level in ("county", "township") else None
            if match:
                stems.setdefault(match.group("stem"), []).append(division)
    return stems


@cache
def _not_followed_by() -> dict[str, list[str]]:
    """The NER's characters that end a division's name early (以西安区域: 西安 + 区域)."""
    return read_yaml("ner/places.yaml")["division_not_followed_by"]


@lru_cache(maxsize=8192)
def lineage(code: str) -> frozenset[str]:
    """The codes of a division and of every division above it (the gazetteer does not change: cached)."""
    return frozenset(d.code for d in load_gazetteer().ancestors(code))


def division_key_name(division: Division) -> str:
    """The key name of a division: its name, with its code when the name is not unique (龙华区#440309)."""
    unique = len(load_gazetteer().by_name.get(division.name, [])) == 1
    return division.name if unique else f"{division.name}#{division.code}"


def country() -> str:
    return config()["country"]


def names_country(name: str) -> bool:
    return name in config()["country_words"]


def is_generic(name: str) -> bool:
    """A place that is no division and names nothing outside its report (the report's 核心区)."""
    return name in config()["generic_places"] or len(name) < 2


def choose_division(mention: Mention, norm: str, report_codes: Iterable[str]) -> Division | None:
    """The division a Place mention stands for in its text, or None when it names none."""
    gaz = load_gazetteer()
    written = written_before(norm, mention.start)
    around = written | set(report_codes)
    longer = _longer_name(norm, mention.start, mention.end)
    candidates = longer or [gaz.by_code[c] for c in division_codes(mention) if c in gaz.by_code]
    if not candidates:
        candidates = _short_candidates(mention.norm, around) or _short_candidates(mention.text, around)
    if not candidates:
        candidates = _written_in_full(mention.norm)
    return in_context(candidates, written, report_codes)


def in_context(candidates: list[Division], written: set[str], report_codes: Iterable[str]) -> Division | None:
    """Of the divisions a name may be, the one under a place written right before it (``written``: 四平市 before
    铁东区), else under the report's own places, else the first."""
    for context in (written, set(report_codes)):
        fitting = [d for d in candidates if not context.isdisjoint(lineage(d.code))]
        if fitting:
            return fitting[0]
    return candidates[0] if candidates else None


def written_before(norm: str, start: int) -> set[str]:
    """Codes of the divisions written right before ``start`` (广东省深圳市 before 南山区), each possibly ambiguous."""
    gaz, codes, end = load_gazetteer(), set(), start
    while end > 1:
        size = next((size for size in range(min(MAX_NAME, end), 1, -1) if gaz.lookup(norm[end - size : end])), 0)
        if not size:
            break
        codes |= {d.code for d in gaz.lookup(norm[end - size : end])}
        end -= size
    return codes


def _longer_name(norm: str, start: int, end: int) -> list[Division]:
    """The divisions of a longer name the mention is the start of (朝阳 in 朝阳区)."""
    gaz = load_gazetteer()
    for size in range(min(MAX_NAME, len(norm) - start), end - start, -1):
        name = norm[start : start + size]
        found = gaz.by_name.get(name)
        if found and norm[start + size : start + size + 1] not in _not_followed_by().get(name[-1], ()):
            return found
    return []


def _short_candidates(name: str, around: set[str]) -> list[Division]:
    """A name the rules left without a code: a division's full or short name (汕头 -> 汕头市), or the stem of a
    county under a place of the context (富平 -> 富平县 in a 陕西 report)."""
    gaz = load_gazetteer()
    full = gaz.lookup(name)
    if full:
        return full
    stems = [d for d in _county_stems().get(name, []) if not around.isdisjoint(lineage(d.code))]
    for level in ("county", "township"):  # a town's stem only where no county has it, and of 3 characters
        found = [d for d in stems if d.level == level and (level == "county" or len(name) > 2)]
        if found:
            return found if len(found) == 1 else []
    return []


def _written_in_full(name: str) -> list[Division]:
    """A division written after the places above it (长春市九台区 -> 九台区 of 长春)."""
    division = place_in_name(name)
    if division is None or not name.endswith(division.name) or name == division.name:
        return []
    return [division] if load_gazetteer().lookup(name[: -len(division.name)]) else []


def parent_of(name: str, code: str | None) -> tuple[str, Division | None] | None:
    """(key name, division) of the place right above a Place, None for the country and places abroad:
    the next division up for a division, the division a non-division's name starts with (西安都市圈 ->
    西安市), else the country."""
    gaz = load_gazetteer()
    if name == country() or name in config()["abroad"]:
        return None
    named = gaz.by_name.get(name, [])
    division = gaz.by_code.get(code or "") or (named[0] if len(named) == 1 else None)
    if division is None:
        inside = place_in_name(name)
        if inside is not None and inside.name != name:
            return division_key_name(inside), inside
        return country(), None
    above = gaz.ancestors(division.code)[1:2]
    return (division_key_name(above[0]), above[0]) if above else (country(), None)


def hierarchy(name: str, code: str | None) -> list[tuple[str, Division | None]]:
    """Every place above a Place, nearest first, ending at the country (empty for places abroad)."""
    chain: list[tuple[str, Division | None]] = []
    step = parent_of(name, code)
    while step is not None and len(chain) < 8:
        chain.append(step)
        step = parent_of(step[0].split("#")[0], step[1].code if step[1] else None)
    return chain
