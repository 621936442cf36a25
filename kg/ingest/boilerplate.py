"""Find the web-page lines around a report (发布时间, 来源, 打印|关闭, 公网安备 ...) and the facts they carry.

The rules live in ``kg/resources/boilerplate.yaml``. Lines are found on the folded text, so one Simplified,
half-width pattern covers 發表時間 and 发表时间; spans are offsets shared by ``text`` and ``norm``. The caller
blanks the spans in ``norm`` (nothing downstream matches page furniture) and keeps them in ``text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from kg.errors import ResourceError
from kg.ingest.dates import iso_date, iso_time
from kg.resources import read_yaml, resource_path

RESOURCE = "boilerplate.yaml"
_LINE = re.compile(r"[^\r\n]+")


@dataclass(frozen=True, slots=True)
class Fragment:
    id: str
    regex: re.Pattern[str]
    date_key: str = "publish_date"


@dataclass(frozen=True, slots=True)
class Rules:
    fragments: tuple[Fragment, ...]
    separators: frozenset[str]
    max_line_chars: int
    forbidden: str
    tail: re.Pattern[str]
    tail_min_position: float
    page_furniture: tuple[re.Pattern[str], ...]


def _compile(pattern: object, where: str) -> re.Pattern[str]:
    if not isinstance(pattern, str):
        raise ResourceError(resource_path(RESOURCE), None, f"{where}: pattern must be a string")
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ResourceError(resource_path(RESOURCE), None, f"{where}: bad regular expression: {exc}") from exc


@cache
def rules() -> Rules:
    data = read_yaml(RESOURCE)
    try:
        fragments = tuple(
            Fragment(item["id"], _compile(item["pattern"], item["id"]), item.get("date_key", "publish_date"))
            for item in data["fragments"]
        )
        return Rules(
            fragments=fragments,
            separators=frozenset(data["separators"]),
            max_line_chars=int(data["max_line_chars"]),
            forbidden=str(data.get("forbidden", "")),
            tail=_compile(data["tail"]["pattern"], "tail"),
            tail_min_position=float(data["tail"]["min_position"]),
            page_furniture=tuple(_compile(p, "page_furniture") for p in data["page_furniture"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ResourceError(resource_path(RESOURCE), None, f"missing or malformed entry: {exc}") from exc


def line_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line's content, surrounding whitespace excluded; blank lines are skipped."""
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + (len(line) - len(line.lstrip()))
            yield start, start + len(stripped)


def _facts(fragment: Fragment, match: re.Match[str]) -> dict[str, str]:
    groups = {key: value for key, value in match.groupdict().items() if value}
    facts: dict[str, str] = {}
    if "date" in groups and (day := iso_date(groups["date"])):
        facts[fragment.date_key] = day
    if "time" in groups and (clock := iso_time(groups["time"])):
        facts["publish_time"] = clock
    if "source" in groups:
        facts["source"] = groups["source"].strip()
    return facts


def match_line(line: str) -> dict[str, str] | None:
    """The facts of ``line`` (folded) when the whole line is page furniture, else None."""
    rule = rules()
    if len(line) > rule.max_line_chars or (rule.forbidden and rule.forbidden in line):
        return None
    rest, facts, matched = line, {}, False
    for fragment in rule.fragments:
        for found in fragment.regex.finditer(rest):
            if found.end() == found.start():
                continue
            matched = True
            for key, value in _facts(fragment, found).items():
                facts.setdefault(key, value)
        rest = fragment.regex.sub(lambda m: " " * len(m.group()), rest)
    if not matched or any(char not in rule.separators and not char.isspace() for char in rest):
        return None
    return facts


def find(norm: str) -> tuple[list[tuple[int, int]], dict[str, str]]:
    """Spans of boilerplate lines in folded text, and the metadata they carry (a key's first value wins)."""
    rule = rules()
    spans: list[tuple[int, int]] = []
    facts: dict[str, str] = {}
    for start, end in line_spans(norm):
        line = norm[start:end]
        if start >= rule.tail_min_position * len(norm) and rule.tail.fullmatch(line):
            spans.append((start, len(norm.rstrip())))
            break
        found = match_line(line)
        if found is not None:
            spans.append((start, end))
            for key, value in found.items():
                facts.setdefault(key, value)
    return spans, facts


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with every span replaced by spaces of the same length, so offsets stay valid."""
    parts, done = [], 0
    for start, end in sorted(spans):
        parts += [text[done:start], " " * (end - start)]
        done = end
    return "".join(parts) + text[done:]


def is_page_furniture(line: str) -> bool:
    """True for a line a PDF repeats on each page (a page number): ``line`` is folded and stripped."""
    return any(pattern.fullmatch(line) for pattern in rules().page_furniture)
