"""When a fact holds and whether it is done: the status and year a statement takes from the report's structure.

A report reviews one year and plans the next: a statement under 一、2021年工作总结 is achieved in 2021, one under
二、2022年工作思路 is planned for 2022, one under 下一步工作打算 (no year written) is planned for the year after
the report's, and one under 存在问题 is a problem of the report's year. The year written in the nearest heading
wins; a year written in the statement's own clause (2024年发布信息2564条) wins over both.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from kg.model import Document, Status

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
    year = heading_year(document, offset)
    if year is not None:
        return year
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
    """``status_at``, ``heading_year`` and ``fact_year`` of one document by bisection, for the thousands of
    lookups a report's relations and metrics make (the functions above scan every section each time).

    Which sections hold an offset changes only where a section starts or ends, so both answers are constant
    between consecutive boundaries: they are computed once per stretch, the later (inner) section winning as in
    ``Document.status_at`` and ``heading_year``.
    """

    def __init__(self, document: Document) -> None:
        self.document = document
        sections = document.sections
        self.bounds = sorted({0, *(s.start for s in sections), *(s.end for s in sections)})
        self.statuses: list[Status | None] = [None] * len(self.bounds)
        self.years: list[int | None] = [None] * len(self.bounds)
        for section in sections:
            lo, hi = bisect_right(self.bounds, section.start) - 1, bisect_right(self.bounds, section.end - 1)
            if hi <= lo:
                continue  # an empty section holds no offset
            if section.status is not None:
                self.statuses[lo:hi] = [section.status] * (hi - lo)
            year = _heading_year_of(document, section.start, section.heading_end)
            if year is not None:
                self.years[lo:hi] = [year] * (hi - lo)

    def _stretch(self, offset: int) -> int | None:
        index = bisect_right(self.bounds, offset) - 1
        return index if index >= 0 else None

    def status_at(self, offset: int) -> Status | None:
        index = self._stretch(offset)
        return self.statuses[index] if index is not None else self.document.status_at(offset)

    def heading_year(self, offset: int) -> int | None:
        index = self._stretch(offset)
        return self.years[index] if index is not None else heading_year(self.document, offset)

    def fact_year(self, offset: int, report_year: int | None, status: Status | None) -> int | None:
        """``fact_year`` of the document."""
        year = self.heading_year(offset)
        if year is not None:
            return year
        if report_year is None:
            return None
        return report_year + 1 if status == "planned" else report_year


def _heading_year_of(document: Document, start: int, heading_end: int) -> int | None:
    """The year a section's heading writes (not the start of a range), as ``heading_year`` reads it."""
    match = _YEAR.search(document.norm, start, heading_end)
    if match and document.norm[match.start() - 1 : match.start()] not in _RANGE_BEFORE:
        return int(match.group(1))
    return None
