"""Persons: a surname and one or two more characters, taken only next to a post (党组书记、局长章忠华; 习近平总书记)
or right after the organisation that retains them (律师事务所杨志武担当法律顾问). The post travels in kb_id, so
the graph can say who holds which post (org:Post)."""

from __future__ import annotations

import re
from functools import cache

from kg.nlp.rules.lexicon import HAN, Lexicons, alternation
from kg.nlp.rules.spans import Candidate
from kg.resources import read_words, read_yaml

ALL_HAN = re.compile(f"[{HAN}]+")


@cache
def _config() -> dict:
    cfg = read_yaml("ner/persons.yaml")
    surnames = [*read_words("ner/surnames.tsv"), *cfg["compound_surnames"]]
    cfg["surname_re"] = re.compile(alternation(surnames))
    posts = alternation(cfg["posts"])
    cfg["post_run_re"] = re.compile(f"{posts}(?:[、,，]?{posts})*[、,，]?{cfg['post_name_gap']}")
    cfg["post_after_re"] = re.compile(alternation(cfg["post_after_verbs"]) + f"({posts})")
    cfg["post_re"] = re.compile(posts)
    cfg["after_re"] = re.compile(alternation(cfg["after_name"]) + f"|[^{HAN}]|$")
    cfg["not_start_re"] = re.compile(alternation(cfg["not_name_starts"]))
    cfg["strong_after_re"] = re.compile(alternation(cfg["strong_posts_after"]))
    cfg["not_names"] = frozenset(cfg["not_names"])
    return cfg


def post_run_pattern() -> re.Pattern[str]:
    """Posts written one after another (党组书记、局长), as they stand before a name."""
    return _config()["post_run_re"]


def _name_at(text: str, start: int, need_after: bool = True) -> int | None:
    """End of a person name starting at ``start`` (surname + 1-2 characters), or None."""
    cfg = _config()
    if cfg["not_start_re"].match(text, start):
        return None
    surname = cfg["surname_re"].match(text, start)
    if not surname:
        return None
    # a two-word verb after a one-character given name is not part of a longer name (张伟担任 -> 张伟)
    shorter_then_verb = cfg["after_re"].match(text, surname.end() + 1)
    sizes = (1, 2) if shorter_then_verb and len(shorter_then_verb.group()) >= 2 else (2, 1)
    for size in sizes:
        end = surname.end() + size
        name = text[start:end]
        if end > len(text) or not ALL_HAN.fullmatch(name) or name in cfg["not_names"]:
            continue
        if cfg["post_re"].match(text, start) or cfg["post_re"].search(name):
            continue
        if not need_after or cfg["after_re"].match(text, end):
            return end
    return None


def find_persons(text: str, lex: Lexicons, previous: list[Candidate]) -> list[Candidate]:
    cfg, out = _config(), []
    for run in cfg["post_run_re"].finditer(text):
        end = _name_at(text, run.end())
        if end:
            post = cfg["post_re"].findall(run.group())[-1]
            out.append(
                Candidate(
                    run.end(),
                    end,
                    "Person",
                    "person.post_before",
                    kb_id=_post_id(post),
                    confidence=0.85,
                    priority=2,
                )
            )
    with_post_before = {(c.start, c.end) for c in out}
    for post in cfg["strong_after_re"].finditer(text):
        for size in (3, 2, 4):
            start = post.start() - size
            if (start, post.start()) in with_post_before:
                break  # 局长李建国同志: the post before says more than 同志
            if start >= 0 and _name_at(text, start, need_after=False) == post.start():
                out.append(
                    Candidate(
                        start,
                        post.start(),
                        "Person",
                        "person.post_after",
                        kb_id=_post_id(post.group()),
                        confidence=0.85,
                        priority=2,
                    )
                )
                break
    for cand in previous:
        if cand.label == "Organization" and cand.end < len(text):
            end = _name_at(text, cand.end)
            if end:
                taken = cfg["post_after_re"].match(text, end)
                kb_id = _post_id(taken.group(1)) if taken else ""
                out.append(
                    Candidate(cand.end, end, "Person", "person.after_org", kb_id=kb_id, confidence=0.75, priority=2)
                )
    return out


def _post_id(word: str) -> str:
    """The kb_id a person's post travels in, or none for a form of address (同志)."""
    return "" if word in _config()["not_posts"] else f"post:{word}"
