"""File bytes -> text, one reader per format, chosen by the file's suffix.

Plain text is decoded exactly (no newline translation), so every offset is an offset into
``data.decode(codec)``. HTML, DOCX and PDF give the text a reader sees: the page's body, the document's
paragraphs and table cells, the PDF's text layer with lines that the layout wrapped joined again.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.ingest.encoding import decode

FORMATS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf",
}
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
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise InputError(path, f"not a valid .docx file ({exc})") from exc
    lines = [line.strip() for line in _docx_lines(document)]
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
        problem = "contains only whitespace" if kind == "text" else "no text found in the document"
        raise InputError(path, problem)
    return extracted
