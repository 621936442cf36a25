"""National laws named without 《》 (加大宪法宣传教育力度, 开展新修订行政处罚法学习), from a lexicon of the laws and
regulations reports cite; the same lexicon gives resolution the official title of a short name (保密法)."""

from __future__ import annotations

import re
from functools import cache

from kg.nlp.rules.lexicon import alternation, first_chars
from kg.nlp.rules.spans import Candidate
from kg.nlp.rules.titles import title_type
from kg.resources import read_tsv, read_yaml

NATIONAL_PREFIX = "中华人民共和国"


@cache
def official_titles() -> dict[str, str]:
    """Short name -> official title for every listed national law or regulation."""
    titles = {}
    for row in read_tsv("ner/national_laws.tsv", (1, 2)):
        name = row[0]
        official = row[1] if len(row) > 1 and row[1] else _default_title(name)
        titles[name] = official
    return titles


def _default_title(name: str) -> str:
    return name if name.endswith("条例") else NATIONAL_PREFIX + name


@cache
def _pattern() -> tuple[re.Pattern, re.Pattern]:
    cfg = read_yaml("ner/laws.yaml")
    names = alternation(official_titles())
    law_re = re.compile(first_chars([NATIONAL_PREFIX, *official_titles()]) + f"(?:{NATIONAL_PREFIX})?{names}")
    blocked_after = re.compile(f"(?!{alternation(cfg['followed_ok'])}){alternation(cfg['not_followed_by'])}")
    return law_re, blocked_after


def find_named_laws(text: str) -> list[Candidate]:
    law_re, blocked_after = _pattern()
    out = []
    for match in law_re.finditer(text):
        if match.start() and text[match.start() - 1] in "《<〈":
            continue  # the title rule owns bracketed names
        if blocked_after.match(text, match.end()):
            continue
        _, rank = title_type(match.group())
        out.append(Candidate(match.start(), match.end(), "Law", "title.named", kb_id=rank, confidence=0.9, priority=3))
    return out


def official_title(name: str) -> str | None:
    """The official title of a listed law written as ``name`` (with or without 中华人民共和国), else None."""
    titles = official_titles()
    return titles.get(name) or titles.get(name.removeprefix(NATIONAL_PREFIX))
