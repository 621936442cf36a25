"""What a document is, by its title line: a report, a directive, a rule, an explanation, a disclosure report.

The same pair of words means different acts in each genre (in a report the author does what it lists, in a plan the
bodies named with each item do), so NER, relations, the author ranker and the entity verifier all ask. The
patterns are data: kg/resources/genres.yaml.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from kg.resources import read_yaml


@cache
def _settings() -> dict:
    """kg/resources/genres.yaml with its patterns compiled (an ordered dict: the first match wins)."""
    cfg = read_yaml("genres.yaml")
    cfg["genre_res"] = {name: re.compile(pattern) for name, pattern in cfg["genres"].items()}
    cfg["report_genres"] = frozenset(cfg["report_genres"])
    cfg["not_in_title_re"] = re.compile(cfg["not_in_title"])
    return cfg


@lru_cache(maxsize=4096)
def title_genre(line: str) -> str:
    """The genre a title line names ("other" when none matches), whether or not the line is a title."""
    return next((name for name, pattern in _settings()["genre_res"].items() if pattern.search(line)), "other")


def document_genre(text: str) -> str:
    """The genre of a document, from its first line; "untitled" when that line is a body's first sentence."""
    first = text.lstrip().split("\n", 1)[0]
    cfg = _settings()
    if len(first) > cfg["max_title_chars"] or cfg["not_in_title_re"].search(first):
        return "untitled"
    return title_genre(first)


def is_report(text: str) -> bool:
    """Is the document a report (reports keep the rules' relations and entities)?"""
    return document_genre(text) in _settings()["report_genres"]


def explains(line: str) -> bool:
    """Does a title line announce a policy explanation (解读, 答记者问)?"""
    return bool(_settings()["genre_res"]["explanation"].search(line))
