"""A PDF's text layer -> text whose lines are paragraphs again.

A PDF stores lines as the layout broke them, so a sentence wraps in the middle
("...推进法治政府" / "建设工作。").
A line is joined to the next when it fills the measure (its display width is close to the widest lines'),
does not end a sentence, and the next line does not start a heading. Page numbers are dropped first so that a
sentence running over a page break joins up as well. A PDF without a text layer (a scan) cannot be read here.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
import zlib
from pathlib import Path

from kg.errors import InputError
from kg.ingest.boilerplate import is_page_furniture
from kg.ingest.fold import fold
from kg.ingest.segment import rules as section_rules

FULL_LINE = 0.85  # share of the measure a wrapped line fills at least
_ENDS = re.compile(r"[。!?;:！？；：][”’」』)）》〉】\"']*$")


def _width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)


def _measure(lines: list[str]) -> int:
    """Width of a full line: the 90th percentile of line widths, so a few over-long lines do not count."""
    widths = sorted(_width(line) for line in lines)
    return widths[int(0.9 * (len(widths) - 1))] if widths else 0


def _starts_heading(line: str) -> bool:
    """A numbered heading starts the line; bare numbers (1全面...) are left out: a wrap can start with 0天."""
    folded = fold(line)
    headings = section_rules().headings
    return any(rule.regex.match(folded) for rule in headings if not rule.inline and not rule.sequential)


def rejoin(lines: list[str]) -> list[str]:
    """Join the lines that the layout wrapped; ``lines`` are stripped and non-empty."""
    measure = _measure(lines)
    out: list[str] = []
    wrapped = False  # did the previous physical line end at the margin in mid-sentence?
    for line in lines:
        if out and wrapped and not _starts_heading(line):
            joint = " " if out[-1][-1:].isascii() and out[-1][-1:].isalpha() and line[:1].isascii() else ""
            out[-1] += joint + line
        else:
            out.append(line)
        wrapped = _width(line) >= FULL_LINE * measure and not _ENDS.search(line)
    return out


def _page_texts(path: Path, data: bytes) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError, PdfStreamError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings repeat what the InputError says
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # only an owner password (print/copy limits): readable as is
            except DependencyError as exc:
                raise InputError(path, f"encrypted PDF that needs the 'cryptography' package: {exc}") from exc
            if not opened:
                raise InputError(path, "encrypted PDF: it needs a password; save a decrypted copy first")
        return [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, PdfStreamError, ValueError, KeyError, TypeError, AssertionError, RecursionError,
            zlib.error) as exc:  # pypdf raises any of these on damaged files
        raise InputError(path, f"damaged PDF, cannot be read ({type(exc).__name__}: {exc})") from exc


def read_pdf(path: Path, data: bytes) -> tuple[str, dict[str, str]]:
    """``(text, metadata)``: the text layer of every page, wrapped lines joined; InputError without one."""
    if b"%PDF-" not in data[:1024]:
        raise InputError(path, "not a PDF file (no %PDF- header)")
    if b"%%EOF" not in data[-2048:]:
        raise InputError(path, "truncated PDF: no %%EOF marker at its end (a partial download?)")
    pages = _page_texts(path, data)
    if not any(page.strip() for page in pages):
        raise InputError(path, f"PDF has no text layer ({len(pages)} pages of images?); run OCR on it first")
    lines = [line.strip() for page in pages for line in page.splitlines()]
    lines = [line for line in lines if line and not is_page_furniture(fold(line))]
    return "\n".join(rejoin(lines)), {"pages": str(len(pages))}
