"""Places: administrative divisions from the official gazetteer (with their codes), short names of provinces and
prefectures (益阳, 江西), deictic references (我市, 全省) and development zones (新余高新区)."""

from __future__ import annotations

import re
from functools import cache

from kg.nlp.rules.lexicon import Lexicons, alternation, load_lexicons
from kg.nlp.rules.scan import left_edge_ok
from kg.nlp.rules.spans import Candidate
from kg.resources import read_yaml

MAX_NAME = 12


@cache
def _config() -> dict:
    cfg = read_yaml("ner/places.yaml")
    lex = load_lexicons()
    shorts = [s for s in lex.gazetteer.short_names if s not in set(cfg["short_blocklist"])]
    cfg["short_re"] = re.compile(alternation(shorts))
    cfg["suffix_re"] = re.compile(f"[{cfg['suffix_chars']}]|街道")
    cfg["deictic_re"] = re.compile(alternation(cfg["deictic"]))
    cfg["township_block_re"] = re.compile(alternation(cfg["township_not_followed_by"]))
    cfg["township_common_tails"] = tuple(cfg["township_common_tails"])
    cfg["zone_re"] = re.compile(alternation(cfg["zone_suffixes"]))
    cfg["named_re"] = re.compile(alternation(lex.gazetteer.named))
    cfg["named_followers_re"] = re.compile(alternation(cfg["named_followers"]))
    cfg["short_not_inside_re"] = re.compile(alternation(cfg["short_not_inside"]))
    cfg["list_separators_set"] = frozenset(cfg["list_separators"])
    cfg["list_closer_re"] = re.compile(alternation(cfg["list_closers"]))
    cfg["listed_longest"] = max(len(name) for name in lex.gazetteer.listed_names)
    cfg["full_block"] = frozenset([*cfg["full_blocklist"], *cfg["zone_suffixes"]])
    sizes: dict[str, set[int]] = {}  # last two characters -> lengths of the division names ending so
    for name in lex.gazetteer.by_name:
        if 2 <= len(name) <= MAX_NAME:
            sizes.setdefault(name[-2:], set()).add(len(name))
    cfg["sizes"] = {tail: sorted(lengths, reverse=True) for tail, lengths in sizes.items()}
    return cfg


def _codes(lex: Lexicons, name: str) -> str:
    return "|".join(d.code for d in lex.gazetteer.lookup(name))


def find_places(text: str, lex: Lexicons) -> list[Candidate]:
    cfg = _config()
    out: list[Candidate] = []
    by_name = lex.gazetteer.by_name
    sizes = cfg["sizes"]
    for match in cfg["suffix_re"].finditer(text):
        end = match.end()
        # Longest name first, as a scan of every length from MAX_NAME down would find it, trying only the
        # lengths some division name ending in these two characters has.
        for size in sizes.get(text[end - 2 : end], ()) if end >= 2 else ():
            if size > end:
                continue
            name = text[end - size : end]
            if name in by_name and name not in cfg["full_block"]:
                level = by_name[name][0].level
                if level == "township" and name.endswith("街道"):
                    break  # a street office: an Agency, see agencies.py
                if level == "township" and not _township_ok(text, end - size, end, lex):
                    break
                if text[end : end + 1] in cfg["division_not_followed_by"].get(name[-1], ()):
                    break  # 以西安区域: 西安 + 区域, not the 西安区 of 辽源
                out.append(
                    Candidate(
                        end - size,
                        end,
                        "Place",
                        f"place.{level}",
                        kb_id=_codes(lex, name),
                        confidence=0.95 if size > 2 else 0.7,
                        priority=2,
                    )
                )
                break
    for match in cfg["short_re"].finditer(text):
        name = match.group()
        if inside_a_word(text, match.start(), match.end()):
            continue  # 医保定点: no 保定
        out.append(
            Candidate(
                match.start(),
                match.end(),
                "Place",
                "place.short",
                kb_id=_codes(lex, name),
                confidence=0.85,
                priority=1,
            )
        )
    for match in cfg["deictic_re"].finditer(text):
        level = cfg["deictic"][match.group()]
        out.append(
            Candidate(
                match.start(),
                match.end(),
                "Place",
                "place.deictic",
                kb_id=f"deictic:{level}",
                confidence=0.9,
                priority=1,
            )
        )
    for match in cfg["named_re"].finditer(text):
        if (match.group() in lex.gazetteer.named_at_edge and not left_edge_ok(text, match.start(), lex)
                and not cfg["named_followers_re"].match(text, match.end())):
            continue  # 相关中央: no 关中 there; 巩固辽河流域: a river's
        out.append(Candidate(match.start(), match.end(), "Place", "place.named",
                             kb_id="named:" + lex.gazetteer.named[match.group()], confidence=0.9, priority=2))
    out.extend(_listed(text, out, lex, cfg))
    out.extend(_home_counties(text, out, lex, cfg))
    out.extend(_zones(text, out, cfg))
    return out


def inside_a_word(text: str, start: int, end: int) -> bool:
    """Does text[start:end] lie inside a word that holds a short name across its parts (医保定点 holds 保定;
    places.yaml short_not_inside)? The rules skip it, and resolution drops the entity model's mention there."""
    pattern = _config()["short_not_inside_re"]
    longest = max(len(word) for word in _config()["short_not_inside"])
    for match in pattern.finditer(text, max(0, end - longest), min(len(text), start + longest)):
        if match.start() <= start and end <= match.end():
            return True
    return False


def _home_counties(text: str, places: list[Candidate], lex: Lexicons, cfg: dict) -> list[Candidate]:
    """A province's own counties and districts by their short names (支持泊头铸造、大城绝热节能材料; 至平谷段): a
    report names its home's counties without their level. Home is the province (municipalities included) the
    rules' places name most, ``home_min_mentions`` times at least and ``home_dominance`` times as often as any
    other; a short form counts where one county of the home has it, where a name may begin
    (kg.nlp.rules.scan.left_edge_ok), and not inside another place."""
    gaz, counts = lex.gazetteer, {}
    for place in places:
        if place.rule == "place.deictic" or not place.kb_id or "|" in place.kb_id:
            continue
        for division in gaz.ancestors(place.kb_id):
            if division.level == "province":
                counts[division.code] = counts.get(division.code, 0) + 1
    ranked = [*sorted(counts.values(), reverse=True), 0]
    if ranked[0] < cfg["home_min_mentions"] or ranked[0] < cfg["home_dominance"] * ranked[1]:
        return []  # no home: a national document naming many provinces
    shorts, shorts_re = _home_shorts(frozenset(code for code, n in counts.items() if n == ranked[0]))
    if not shorts:
        return []
    taken = [(p.start, p.end) for p in places]
    found = []
    for match in shorts_re.finditer(text):
        start, end = match.span()
        if any(a < end and start < b for a, b in taken) or text[end : end + 1] in cfg["suffix_chars"]:
            continue
        if not left_edge_ok(text, start, lex):
            continue
        found.append(Candidate(start, end, "Place", "place.home", kb_id=shorts[match.group()], confidence=0.8,
                               priority=1))
    return found


@cache
def _home_shorts(home: frozenset[str]) -> tuple[dict[str, str], re.Pattern[str]]:
    """The short forms of ``home``'s counties (short form -> the county's code) and their pattern: the same few
    provinces are home to every report of a corpus, and walking the gazetteer for each report cost a quarter of
    the rules' time on Hebei."""
    gaz, cfg = load_lexicons().gazetteer, _config()
    blocked = set(cfg["home_blocklist"]) | set(cfg["short_blocklist"])
    shorts: dict[str, str] = {}
    for short, fulls in gaz.listed_names.items():
        if short in blocked or short in gaz.short_names:
            continue  # prefectures' and provinces' short forms are the short_re's
        mine = [d for full in fulls for d in gaz.by_name[full]
                if d.level == "county" and any(a.code in home for a in gaz.ancestors(d.parent))]
        if len(mine) == 1:
            shorts[short] = mine[0].code
    return shorts, re.compile(alternation(shorts) if shorts else "(?!)")


def _listed(text: str, places: list[Candidate], lex: Lexicons, cfg: dict) -> list[Candidate]:
    """Short names that are ordinary words or counties' (松原, 白城, 珲春) are places inside a list of places:
    next to a place the rules found, across a list separator (长春、松原、白城), or closing a list (珲春、集安等地)."""
    names, full = lex.gazetteer.listed_names, lex.gazetteer.by_name
    separators, longest, blocked = cfg["list_separators_set"], cfg["listed_longest"], cfg["full_block"]
    zones = tuple(cfg["zone_suffixes"])

    def listed(name: str) -> bool:  # a short name, or a county or higher division's full name (no zone's)
        if name in blocked or name.endswith(zones):
            return False
        return name in names or any(d.level in ("province", "prefecture", "county") for d in full.get(name, ()))

    def modifies_a_place(end: int) -> bool:  # 平安陕西: 平安 qualifies the place after it, it names none
        return any(listed(text[end : end + size]) for size in range(2, min(longest, len(text) - end) + 1))

    def item_at(start: int) -> int:  # the end of a listed name starting at ``start``, else 0
        for size in range(min(longest, len(text) - start), 1, -1):
            if listed(text[start : start + size]):
                return 0 if modifies_a_place(start + size) else start + size
        return 0

    def item_before(end: int) -> int:  # the start of a listed name ending at ``end``, else -1
        for size in range(min(longest, end), 1, -1):
            if listed(text[end - size : end]):
                return -1 if modifies_a_place(end) else end - size
        return -1

    anchors = [(p.start, p.end) for p in places if p.rule != "place.deictic"]
    anchors += [(m.start(), m.start()) for m in cfg["list_closer_re"].finditer(text)]
    taken = {(p.start, p.end) for p in places}
    found: list[Candidate] = []
    for start, end in anchors:
        at = end
        while at < len(text) and text[at] in separators and (stop := item_at(at + 1)):
            found.append(_listed_candidate(text, at + 1, stop, lex))
            at = stop
        at = start
        while at > 0 and (at == end or text[at - 1] in separators):
            edge = at - 1 if text[at - 1] in separators else at
            begin = item_before(edge)
            if begin < 0:
                break
            found.append(_listed_candidate(text, begin, edge, lex))
            at = begin
    return [c for c in {(c.start, c.end): c for c in found}.values() if (c.start, c.end) not in taken]


def _listed_candidate(text: str, start: int, end: int, lex: Lexicons) -> Candidate:
    return Candidate(start, end, "Place", "place.listed", kb_id=_codes(lex, text[start:end]), confidence=0.8,
                     priority=1)


def _township_ok(text: str, start: int, end: int, lex: Lexicons) -> bool:
    """Township names are many and short (发展乡, 于城镇): take one only where a name may begin (after a stop
    character, a boundary word or a higher division), where its last character does not start a word
    (发展乡村, 快于城镇居民) and, but after a higher division, where it does not end as a common word (小城镇)."""
    if _config()["township_block_re"].match(text, end):
        return False
    if start and text[start - 1] in _config()["suffix_chars"]:
        return True  # 监利市双林镇: after a higher division
    if text.endswith(_config()["township_common_tails"], start, end):
        return False  # 小城镇, 中心镇: a common word's (places.yaml township_common_tails)
    return left_edge_ok(text, start, lex)


def _zones(text: str, places: list[Candidate], cfg: dict) -> list[Candidate]:
    zones = []
    for place in places:
        if place.rule == "place.deictic":
            continue
        match = cfg["zone_re"].match(text, place.end)
        if match:
            zones.append(
                Candidate(place.start, match.end(), "Place", "place.zone", confidence=0.85, priority=2)
            )
    return zones
