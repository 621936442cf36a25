"""When a fact holds and whether it is done: the status and year a statement takes from the report's structure.

A report reviews one year and plans the next: a statement under 一、2021年工作总结 is achieved in 2021, one under
二、2022年工作思路 is planned for 2022, one under 下一步工作打算 (no year written) is planned for the year after
the report's, and one under 存在问题 is a problem of the report's year. The year written in the nearest heading
wins; a year written in the statement's own clause (2024年发布信息2564条) wins over both.
"""

from __future__ import annotations

import re

from kg.model import Document, Innermost, Status

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?![-—~至])")
_RANGE_BEFORE = ("-", "—", "~", "至")


def heading_year(document: Document, offset: int) -> int | None:
    """The year written in the heading of the innermost section holding ``offset`` that writes one."""
    found = None
    for section in document.sections:
        if section.start <= offset < section.end:
            year = _heading_year_of(document, section.start, section.heading_end)
            if year is not None:
                found = year
    return found


def fact_year(document: Document, offset: int, report_year: int | None, status: Status | None) -> int | None:
    """The year a statement at ``offset`` belongs to (see the module docstring)."""
    return _year_of(heading_year(document, offset), report_year, status)


def _year_of(heading: int | None, report_year: int | None, status: Status | None) -> int | None:
    """The heading's year, else the report's year (the next one for a plan)."""
    if heading is not None:
        return heading
    if report_year is None:
        return None
    return report_year + 1 if status == "planned" else report_year


def clause_year(text: str, start: int, end: int) -> int | None:
    """A single year written in text[start:end] (not a range such as 2021-2025年), else None."""
    years = {
        int(m.group(1))
        for m in _YEAR.finditer(text, start, end)
        if text[m.start() - 1 : m.start()] not in _RANGE_BEFORE and not text.startswith("年版", m.end() - 1)
    }
    return years.pop() if len(years) == 1 else None


class SectionIndex:
    """``status_at``, ``heading_year`` and ``fact_year`` of one document, by bisection (see Innermost)."""

    def __init__(self, document: Document) -> None:
        sections = document.sections
        self.statuses = Innermost(sections, [s.status for s in sections])
        self.years = Innermost(sections, [_heading_year_of(document, s.start, s.heading_end) for s in sections])

    def status_at(self, offset: int) -> Status | None:
        return self.statuses.at(offset)

    def heading_year(self, offset: int) -> int | None:
        return self.years.at(offset)

    def fact_year(self, offset: int, report_year: int | None, status: Status | None) -> int | None:
        """``fact_year`` of the document."""
        return _year_of(self.heading_year(offset), report_year, status)


def _heading_year_of(document: Document, start: int, heading_end: int) -> int | None:
    """The year a section's heading writes (not the start of a range), as ``heading_year`` reads it."""
    match = _YEAR.search(document.norm, start, heading_end)
    if match and document.norm[match.start() - 1 : match.start()] not in _RANGE_BEFORE:
        return int(match.group(1))
    return None
