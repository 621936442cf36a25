"""When a fact holds and whether it is done: the status and year a statement takes from the report's structure.

A report reviews one year and plans the next: a statement under 一、2021年工作总结 is achieved in 2021, one under
二、2022年工作思路 is planned for 2022, one under 下一步工作打算 (no year written) is planned for the year after
the report's, and one under 存在问题 is a problem of the report's year. The year written in the nearest heading
wins; a year written in the statement's own clause (2024年发布信息2564条) wins over both.
"""

from __future__ import annotations

import re

from kg.model import Document, Status

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?![-—~至])")
_RANGE_BEFORE = ("-", "—", "~", "至")


def heading_year(document: Document, offset: int) -> int | None:
    """The year written in the heading of the innermost section holding ``offset`` that writes one."""
    found = None
    for section in document.sections:
        if section.start <= offset < section.end:
            match = _YEAR.search(document.norm, section.start, section.heading_end)
            if match and document.norm[match.start() - 1 : match.start()] not in _RANGE_BEFORE:
                found = int(match.group(1))
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
