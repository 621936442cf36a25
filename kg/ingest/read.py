"""File bytes -> text, one reader per format, chosen by the file's suffix.

Plain text is decoded exactly (no newline translation), so every offset is an offset into
``data.decode(codec)``. HTML, DOCX and PDF give the text a reader sees: the page's body, the document's
paragraphs and table cells, the PDF's text layer with lines that the layout wrapped joined again.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.ingest.encoding import decode

FORMATS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf",
}
# spaCy's default ``nlp.max_length``, twenty times the longest report in the corpus: a longer text is a dump of
# many reports, which would be one report in the graph.
MAX_CHARS = 1_000_000
# Read no more than this: text takes at least one byte a character (4 in UTF-32); pages and packages carry markup,
# pictures and fonts beside their text.
MAX_BYTES: dict[str, int] = {"text": 4 * MAX_CHARS, "html": 64 << 20, "docx": 256 << 20, "pdf": 256 << 20}
MEDIA_TYPES: dict[str, str] = {
    "text": "text/plain",
    "html": "text/html",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@dataclass(slots=True)
class Extracted:
    text: str
    media_type: str
    encoding: str | None
    metadata: dict[str, str] = field(default_factory=dict)


def read_text(path: Path, data: bytes) -> Extracted:
    text, codec = decode(data, path)
    return Extracted(text, MEDIA_TYPES["text"], codec)


def _docx_lines(container: Any) -> Iterator[str]:  # a python-docx Document or table _Cell
    """Paragraph texts in document order; a table gives its cells row by row, merged cells once."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if not isinstance(block, Table):
            yield block.text
            continue
        seen: set[Any] = set()  # the cells' XML elements: a merged cell appears once per grid column
        for row in block.rows:
            for cell in row.cells:
                if cell._tc in seen:
                    continue
                seen.add(cell._tc)
                yield from _docx_lines(cell)


def read_docx(path: Path, data: bytes) -> Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not data.startswith(b"PK\x03\x04"):
        raise InputError(path, "not a .docx file (a .docx is a ZIP package; an old .doc must be converted)")
    if b"PK\x05\x06" not in data[-(1 << 16) - 22:]:
        raise InputError(path, "truncated .docx: the ZIP package has no central directory at its end "
                               "(a partial download?)")
    try:
        document = docx.Document(io.BytesIO(data))
        lines = [line.strip() for line in _docx_lines(document)]
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise InputError(path, f"not a valid .docx file ({exc})") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, SyntaxError) as exc:  # lxml's XMLSyntaxError: SyntaxError
        raise InputError(path, f"damaged .docx file ({type(exc).__name__}: {exc})") from exc
    metadata = {"title": document.core_properties.title.strip()} if document.core_properties.title else {}
    return Extracted("\n".join(line for line in lines if line), MEDIA_TYPES["docx"], None, metadata)


def _read_html(path: Path, data: bytes) -> Extracted:
    from kg.ingest.html import read_html

    text, codec, metadata = read_html(path, data)
    return Extracted(text, MEDIA_TYPES["html"], codec, metadata)


def _read_pdf(path: Path, data: bytes) -> Extracted:
    from kg.ingest.pdf import read_pdf

    text, metadata = read_pdf(path, data)
    return Extracted(text, MEDIA_TYPES["pdf"], None, metadata)


READERS: dict[str, Callable[[Path, bytes], Extracted]] = {
    "text": read_text, "html": _read_html, "docx": read_docx, "pdf": _read_pdf,
}


def file_format(path: Path) -> str:
    """The reader for ``path`` by its suffix; InputError for a suffix govkg cannot read."""
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        suffix = path.suffix or "(no suffix)"
        raise InputError(path, f"unsupported file type {suffix!r} (supported: {' '.join(FORMATS)})")
    return kind


def extract(path: Path, data: bytes) -> Extracted:
    """The text of a file's bytes; InputError when there is none (empty, whitespace only, no text layer)."""
    kind = file_format(path)
    if not data:
        raise InputError(path, "empty file")
    extracted = READERS[kind](path, data)
    if not extracted.text.strip():
        raise InputError(path, NO_TEXT[kind])
    if len(extracted.text) > MAX_CHARS:
        raise InputError(path, f"text too long: {len(extracted.text):,} characters, a report has at most "
                               f"{MAX_CHARS:,} (several reports in one file?)")
    return extracted


NO_TEXT = {
    "text": "contains only whitespace",
    "html": "no text found in the page once scripts, styles, menus and page furniture are dropped",
    "docx": "no text found in the document",
    "pdf": "no text found in the document",
}
