"""Facts from the lines that frame a report: its title, addressee, signing body and signature date.

They sit outside the numbered sections (a short unpunctuated first line; 市委、市人民政府: ; a trailing
2022年1月6日) and tell later stages who wrote the report, to whom, and when. Rules:
``kg/resources/frame.yaml``. Works on the folded text with boilerplate blanked, so values come out Simplified
and page furniture is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.errors import ResourceError
from kg.ingest.boilerplate import line_spans
from kg.ingest.dates import DATE_PATTERN, iso_date
from kg.ingest.segment import rules as section_rules
from kg.resources import read_yaml, resource_path

RESOURCE = "frame.yaml"
_DATE_LINE = re.compile(rf"\s*{DATE_PATTERN}\s*")


@dataclass(frozen=True, slots=True)
class Rules:
    title_max_chars: int
    title_max_lines: int
    title_forbidden: re.Pattern[str]
    title_stop: re.Pattern[str]
    addressee_within: int
    addressee_max_chars: int
    addressee: re.Pattern[str]
    addressee_exclude: re.Pattern[str]
    signature_within: int
    signer_max_chars: int
    signer_forbidden: re.Pattern[str]
    attachment: re.Pattern[str]
    delivered_within: int
    delivered: re.Pattern[str]


@cache
def rules() -> Rules:
    data = read_yaml(RESOURCE)
    try:
        title, addressee, signature, delivered = data["title"], data["addressee"], data["signature"], data["delivered"]
        return Rules(
            int(title["max_chars"]), int(title["max_lines"]), re.compile(title["forbidden"]),
            re.compile(title["stop"]), int(addressee["within_lines"]), int(addressee["max_chars"]),
            re.compile(addressee["pattern"]), re.compile(addressee["exclude"]),
            int(signature["within_lines"]), int(signature["signer_max_chars"]),
            re.compile(signature["signer_forbidden"]), re.compile(signature["attachment"]),
            int(delivered["within_lines"]), re.compile(delivered["pattern"]),
        )
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ResourceError(resource_path(RESOURCE), None, f"missing or malformed entry: {exc}") from exc


def _is_heading(line: str) -> bool:
    return any(rule.regex.match(line) for rule in section_rules().headings if not rule.inline)


def _title(norm: str, lines: list[tuple[int, int]]) -> str | None:
    """Leading short lines without sentence punctuation, directly one after another, joined."""
    rule = rules()
    parts: list[str] = []
    previous_end = None
    for start, end in lines[: rule.title_max_lines]:
        line = norm[start:end]
        adjacent = previous_end is None or norm.count("\n", previous_end, start) <= 1
        if (not adjacent or rule.title_forbidden.search(line) or rule.title_stop.search(line)
                or _is_heading(line) or iso_date(line)):
            break
        if sum(map(len, parts)) + len(line) > rule.title_max_chars:
            break
        parts.append(line)
        previous_end = end
    return "".join(parts) or None


def _addressee(norm: str, lines: list[tuple[int, int]]) -> str | None:
    rule = rules()
    for start, end in lines[: rule.addressee_within]:
        line = norm[start:end]
        if (len(line) <= rule.addressee_max_chars and rule.addressee.fullmatch(line)
                and not rule.addressee_exclude.search(line) and "。" not in line and not _is_heading(line)):
            return line.rstrip().rstrip(":").rstrip()
    return None


def _signature(norm: str, lines: list[tuple[int, int]]) -> dict[str, str]:
    """The signature at the end, else the one right before an attachment (附件)."""
    facts = _last_signature(norm, lines)
    if facts:
        return facts
    attachment = rules().attachment
    opening = next((i for i, (start, end) in enumerate(lines) if i and attachment.fullmatch(norm[start:end])), None)
    return _last_signature(norm, lines[:opening]) if opening else {}


def _delivered(norm: str, lines: list[tuple[int, int]]) -> dict[str, str]:
    """The date a speech was delivered, from the lines under its title (——2026年1月25日在…会议上)."""
    rule = rules()
    for start, end in lines[: rule.delivered_within]:
        match = rule.delivered.match(norm, start, end)
        if match and (day := iso_date(match.group("date"))):
            return {"signature_date": day}
    return {}


def _last_signature(norm: str, lines: list[tuple[int, int]]) -> dict[str, str]:
    """The last date-only line among the final lines, and the signing body on the line before it."""
    rule = rules()
    tail = lines[-rule.signature_within:]
    for position in range(len(tail) - 1, -1, -1):
        start, end = tail[position]
        if not _DATE_LINE.fullmatch(norm[start:end]) or not (day := iso_date(norm[start:end])):
            continue
        facts = {"signature_date": day}
        index = len(lines) - len(tail) + position
        if index > 0:
            signer = norm[lines[index - 1][0]:lines[index - 1][1]]
            if (len(signer) <= rule.signer_max_chars and not rule.signer_forbidden.search(signer)
                    and not _is_heading(signer) and not iso_date(signer)):
                facts["signer"] = signer
        return facts
    return {}


def find(norm: str) -> dict[str, str]:
    """``title``, ``addressee``, ``signer`` and ``signature_date`` when the text has them (a speech's
    ``signature_date``: the day it was delivered)."""
    lines = list(line_spans(norm))
    facts: dict[str, str] = {}
    title = _title(norm, lines)
    if title:
        facts["title"] = title
    addressee = _addressee(norm, lines)
    if addressee:
        facts["addressee"] = addressee
    facts.update(_signature(norm, lines) or _delivered(norm, lines))
    return facts
