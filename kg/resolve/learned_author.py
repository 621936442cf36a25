"""The learned author ranker: which body wrote the document, chosen among the bodies it names.

The rules of kg/resolve/report.py know the formulas of reports and official documents (a title's issuer before 关于,
a signature above the date); the genre has many more (科技部等六部门关于…, 国家知识产权局局长令, a law adopted
"…全国人民代表大会常务委员会第十九次会议通过", an explanation whose department 印发 the document it explains),
and their cues combine. A logistic regression scores every body the document names, and the rules' own choice,
from where and how it is written: its first position and line, what follows and precedes its mentions (关于, 令,
印发, a date), how often it is named, whether it is national, whether the rules chose it, whether the document
explains another. The best-scoring body is the author; with none, the rules' choice stands.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from kg.ingest.genre import explains as explains_title
from kg.linear import HashedLogistic
from kg.model import Document, Mention
from kg.relations.learned import cues

AUTHOR_SOURCES = ("agency.grammar", "agency.free", "agency.abbreviation", "agency.central", "agency.street",
                  "model.crf")
DATE = re.compile(r"[\s\u3000]*(?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,2}月")


def _bucket(value: int, bounds: tuple[int, ...]) -> str:
    return str(next((b for b in bounds if value < b), "more"))


def author_candidates(document: Document, mentions: list[Mention], rule_author: str | None) -> dict[str, list[str]]:
    """Each body the document names (and the rules' author), with the features of its mentions."""
    from kg.resolve.report import _place_government, author_name_of, place_in_name

    text = document.norm
    first_line = text.lstrip()[: max(1, text.lstrip().find("\n"))]
    explains = explains_title(first_line)
    national = tuple(cues()["national_author_prefixes"])
    opening = place_in_name(first_line[:12])  # 河北省…办法: the government of the place a title opens with
    title_government = _place_government(opening) if opening is not None else None
    by_name: dict[str, list[Mention]] = {}
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.label == "Agency" and mention.source in AUTHOR_SOURCES:
            by_name.setdefault(author_name_of(mention), []).append(mention)
    names = [name for name in by_name if name == rule_author or _may_author(name)]
    names += [rule_author] if rule_author and rule_author not in by_name else []
    candidates = {}
    for rank, name in enumerate(names):
        found = by_name.get(name, [])
        features = [f"rule={name == rule_author}", f"national={name.startswith(national)}",
                    f"office={name.endswith(tuple(cues()['author_office_ends']))}", f"explains={explains}",
                    f"count={_bucket(len(found), (1, 2, 4, 10))}", f"rank={_bucket(rank, (1, 2, 4))}",
                    f"title_government={name == title_government}"]
        if found:
            first = found[0]
            features += [f"first={_bucket(first.start - (len(text) - len(text.lstrip())), (3, 20, 60, 200, 600))}",
                         f"in_first_line={first.start < len(text) - len(text.lstrip()) + len(first_line)}",
                         f"last={len(text) - found[-1].end < 300}"]
            for mention in found[:4]:
                after, before = text[mention.end : mention.end + 2], text[max(0, mention.start - 2) : mention.start]
                features += [f"next={after}", f"next1={after[:1]}", f"prev={before}", f"prev1={before[-1:]}",
                             f"dated={bool(DATE.match(text, mention.end))}",
                             f"explains&next={explains}&{after}"]
            features.append(f"adopted={cues()['author_adopted_word'] in text[found[0].end : found[0].end + 12]}")
        else:
            features.append("unnamed")
        candidates[name] = features
    return candidates


def _may_author(name: str) -> bool:
    """Not a function standing for a department (…主管部门, learned_cues.yaml author_not_ending): the bodies a rule
    makes responsible are not its author; nor the author's own party organs named relative to it (部党组,
    abbreviation_words.yaml author_party_starts: resolution makes them 中共{author}党组…)."""
    from kg.resolve.entities import _config as resolve_words

    return not name.endswith(tuple(cues()["author_not_ending"])) and not name.startswith(
        tuple(resolve_words()["author_party_starts"]))


def choose_author(
    document: Document, mentions: list[Mention], rule_author: str | None, weights: Path
) -> str | None:
    """The best-scoring candidate, or the rules' choice when the document names no body."""
    candidates = author_candidates(document, mentions, rule_author)
    if not candidates:
        return rule_author
    scores = load_author_model(weights).probabilities(list(candidates.values()))
    return list(candidates)[int(scores.argmax())]


@cache
def load_author_model(weights: Path) -> HashedLogistic:
    """The ranker in ``weights``/author_model (the folder of the learned layers)."""
    return HashedLogistic.load(weights / "author_model", "author")
