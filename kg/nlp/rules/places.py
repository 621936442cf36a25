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
    cfg["zone_re"] = re.compile(alternation(cfg["zone_suffixes"]))
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
    out.extend(_zones(text, out, cfg))
    return out


def _township_ok(text: str, start: int, end: int, lex: Lexicons) -> bool:
    """Township names are many and short (发展乡, 于城镇): take one only where a name may begin (after a stop
    character, a boundary word or a higher division) and where its last character does not start a word
    (发展乡村, 快于城镇居民)."""
    if _config()["township_block_re"].match(text, end):
        return False
    if start and text[start - 1] in _config()["suffix_chars"]:
        return True  # 监利市双林镇: after a higher division
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
