"""Split a report into numbered sections (一、 / (一) / 1. / 一是) and sentences, on the folded text.

Sections nest by level: each runs from its heading to the next heading of the same or a higher level, so
an in-line 一是 section ends at 二是, and 二、 ends every section under 一、. The status a heading implies
(achieved, planned, problem) is what later stages attach to the relations found in the section. Heading
shapes, status words and sentence terminators live in ``kg/resources/sections.yaml``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from kg.errors import ResourceError
from kg.ingest.boilerplate import line_spans
from kg.ingest.dates import cn_number
from kg.model import Section, Sentence, Status
from kg.resources import read_yaml, resource_path

RESOURCE = "sections.yaml"


@dataclass(frozen=True, slots=True)
class HeadingRule:
    kind: str
    level: int
    regex: re.Pattern[str]
    inline: bool
    sequential: bool
    stop: re.Pattern[str]
    own_status: bool


@dataclass(frozen=True, slots=True)
class StatusRule:
    status: Status
    regex: re.Pattern[str]
    top_only: bool


@dataclass(frozen=True, slots=True)
class Rules:
    headings: tuple[HeadingRule, ...]
    statuses: tuple[StatusRule, ...]
    quoted: re.Pattern[str]
    sentence_end: re.Pattern[str]
    paragraph_break: re.Pattern[str]


def _compile(pattern: object, where: str) -> re.Pattern[str]:
    try:
        return re.compile(str(pattern), re.M)
    except re.error as exc:
        raise ResourceError(resource_path(RESOURCE), None, f"{where}: bad regular expression: {exc}") from exc


def _heading_rule(item: dict, default_stop: str) -> HeadingRule:
    kind = item["kind"]
    return HeadingRule(
        kind=kind,
        level=int(item["level"]),
        regex=_compile(item["pattern"], kind),
        inline=bool(item.get("inline")),
        sequential=bool(item.get("sequential")),
        stop=_compile(item.get("heading_stop", default_stop), kind),
        own_status=bool(item.get("own_status", True)),
    )


@cache
def rules() -> Rules:
    data = read_yaml(RESOURCE)
    try:
        headings = tuple(_heading_rule(item, data["heading_stop"]) for item in data["headings"])
        statuses = tuple(
            StatusRule(
                item["status"], _compile("|".join(item["words"]), item["status"]), bool(item.get("top_only"))
            )
            for item in data["status"]
        )
        ends = data["sentences"]
        terminators, closers = re.escape(ends["terminators"]), re.escape(ends["closers"])
        sentence_end = _compile(f"[{terminators}]+[{closers}]*", "sentences")
    except (KeyError, TypeError, ValueError) as exc:
        raise ResourceError(resource_path(RESOURCE), None, f"missing or malformed entry: {exc}") from exc
    bad = {rule.status for rule in statuses} - {"achieved", "planned", "problem"}
    if bad:
        raise ResourceError(resource_path(RESOURCE), None, f"unknown status {sorted(bad)}")
    paragraph = _compile(data.get("paragraph_break", r"(?!)"), "paragraph_break")
    return Rules(headings, statuses, _compile(data["quoted"], "quoted"), sentence_end, paragraph)


@dataclass(slots=True)
class _Candidate:
    start: int
    level: int
    number: int | None
    sequential: bool
    heading_end: int
    own_status: bool


def _paragraphs(norm: str) -> list[tuple[int, int]]:
    """The lines, each cut again where a scraped page joined two paragraphs (``paragraph_break``)."""
    spans = []
    for line_start, line_end in line_spans(norm):
        start = line_start
        for match in rules().paragraph_break.finditer(norm, line_start, line_end):
            if match.start() > start:
                spans.append((start, match.start()))
            start = match.end()
        if start < line_end:
            spans.append((start, line_end))
    return spans


def _candidates(norm: str) -> list[_Candidate]:
    """Every place a heading pattern matches, in text order (before the numbering check)."""
    found: dict[int, _Candidate] = {}
    for line_start, line_end in _paragraphs(norm):
        line = norm[line_start:line_end]
        for rule in rules().headings:
            matches = rule.regex.finditer(line) if rule.inline else filter(None, [rule.regex.match(line)])
            for match in matches:
                start = line_start + match.start()
                if start in found:
                    continue
                stop = rule.stop.search(line, match.end())
                end = line_start + (stop.start() if stop else len(line))
                number = cn_number(match.group("num"))
                found[start] = _Candidate(start, rule.level, number, rule.sequential, end, rule.own_status)
    return [found[start] for start in sorted(found)]


def _numbered(candidates: list[_Candidate]) -> list[_Candidate]:
    """Drop sequential candidates that do not continue their level's numbering (1, or the previous + 1)."""
    last: dict[int, int | None] = {}
    kept = []
    for cand in candidates:
        previous = last.get(cand.level)
        if cand.sequential and cand.number != 1 and (previous is None or cand.number != previous + 1):
            continue
        kept.append(cand)
        last = {level: number for level, number in last.items() if level < cand.level}
        last[cand.level] = cand.number
    return kept


def heading_status(heading: str, inherited: Status | None) -> Status | None:
    """The status a heading's words imply; weak (top_only) words only count where nothing is inherited.

    Names in 《》 and slogans in “” are blanked first: 《...工作要点》 names a document, not a plan.
    """
    words = rules().quoted.sub(" ", heading)
    for rule in rules().statuses:
        if rule.top_only and inherited is not None:
            continue
        if rule.regex.search(words):
            return rule.status
    return inherited


def _close(section: Section, end: int, norm: str) -> None:
    """End ``section`` at ``end``, less the whitespace before it."""
    section.end = section.start + len(norm[section.start:end].rstrip())


def sections(text: str, norm: str) -> list[Section]:
    """Sections in text order; ``heading`` is ``text[start:heading_end]``, as written.

    One pass with a stack of open sections: a heading closes every open section of its level or a lower one
    (二、 closes 一、 and all under it), and what stays open on top is its parent.
    """
    out: list[Section] = []
    open_stack: list[Section] = []
    for head in _numbered(_candidates(norm)):
        while open_stack and open_stack[-1].level >= head.level:
            _close(open_stack.pop(), head.start, norm)
        inherited = open_stack[-1].status if open_stack else None
        heading = norm[head.start:head.heading_end].rstrip()
        heading_end = head.start + len(heading)
        status = heading_status(heading, inherited) if head.own_status else inherited
        section = Section(
            start=head.start, end=len(norm), level=head.level, heading=text[head.start:heading_end],
            heading_end=heading_end, status=status,
        )
        out.append(section)
        open_stack.append(section)
    for section in open_stack:
        _close(section, len(norm), norm)
    return out


def _pieces(norm: str, cuts: list[int]) -> list[tuple[int, int]]:
    """Spans between sentence ends, line breaks and section starts (``cuts``, sorted), whitespace trimmed."""
    spans = []
    for line_start, line_end in line_spans(norm):
        bounds = {line_start, line_end}
        bounds.update(m.end() + line_start for m in rules().sentence_end.finditer(norm[line_start:line_end]))
        bounds.update(cuts[bisect_right(cuts, line_start):bisect_left(cuts, line_end)])
        ordered = sorted(bounds)
        for start, end in pairwise(ordered):
            piece = norm[start:end]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                spans.append((start + lead, start + len(piece.rstrip())))
    return spans


def sentences(norm: str, secs: list[Section]) -> list[Sentence]:
    """Sentences in text order, each tagged with the innermost section that contains its start.

    Sections nest (a section ends before the next one of its level starts), so one sweep with a stack of the
    open sections finds the innermost: the top of the stack.
    """
    out = []
    open_sections: list[int] = []
    following = 0  # the next section (by start) not yet opened
    for start, end in _pieces(norm, sorted(sec.start for sec in secs)):
        while following < len(secs) and secs[following].start <= start:
            while open_sections and secs[open_sections[-1]].end <= secs[following].start:
                open_sections.pop()
            open_sections.append(following)
            following += 1
        while open_sections and secs[open_sections[-1]].end <= start:
            open_sections.pop()
        out.append(Sentence(start, end, open_sections[-1] if open_sections else None))
    return out
