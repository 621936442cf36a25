"""Ingestion: a report file (.txt .html .docx .pdf) -> ``kg.model.Document``.

``ingest(path)`` reads the bytes, extracts the text (``read``; encodings in ``encoding``), folds it to the
matching view (``fold``), finds and blanks web-page boilerplate (``boilerplate``), reads the facts framing the
report (``frame``) and splits it into sections and sentences (``segment``). ``iter_inputs(paths)`` turns the
paths a user gives into the files to ingest.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from hashlib import sha256
from pathlib import Path

from kg.errors import InputError
from kg.ingest import boilerplate, frame, segment
from kg.ingest.fold import fold
from kg.ingest.read import FORMATS, extract, file_format
from kg.model import Document

__all__ = ["SUPPORTED_SUFFIXES", "fold", "ingest", "iter_inputs"]

SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(FORMATS)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(path, "no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(path, "is a directory, not a file") from exc
    except PermissionError as exc:
        raise InputError(path, "permission denied") from exc
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from exc


def ingest(path: str | Path) -> Document:
    """Read one report file into a Document: text, folded norm, boilerplate, metadata, sections, sentences.

    ``metadata`` holds what the file says about itself: ``title``, ``publish_date`` (ISO), ``publish_time``,
    ``source``, ``addressee``, ``signer``, ``signature_date`` (ISO), for web pages ``page_title`` and
    ``site``, for PDFs ``pages``; values are folded (Simplified, half-width). Facts from HTML <meta>/<title>
    (or DOCX properties) win over facts from boilerplate lines, which win over facts from the text's frame.
    """
    path = Path(path)
    file_format(path)  # an unsupported suffix fails before the file is read
    data = _read_bytes(path)
    extracted = extract(path, data)
    text = extracted.text
    folded = fold(text)
    spans, page_facts = boilerplate.find(folded)
    norm = boilerplate.blank(folded, spans)
    metadata = {**frame.find(norm), **page_facts, **{k: fold(v) for k, v in extracted.metadata.items()}}
    sections = segment.sections(text, norm)
    return Document(
        doc_id=path.stem,
        path=str(path),
        text=text,
        norm=norm,
        sha256=sha256(data).hexdigest(),
        media_type=extracted.media_type,
        encoding=extracted.encoding,
        metadata=metadata,
        boilerplate=spans,
        sections=sections,
        sentences=segment.sentences(norm, sections),
    )


def _is_hidden(path: Path, root: Path) -> bool:
    """Dot files and folders, and Word's ~$ lock files, are not reports."""
    return any(part.startswith((".", "~$")) for part in path.relative_to(root).parts)


def _expand(root: Path) -> list[Path]:
    found = sorted(
        path for path in root.rglob("*")
        if path.is_file() and path.suffix.lower() in FORMATS and not _is_hidden(path, root)
    )
    if not found:
        raise InputError(root, f"no supported files ({' '.join(FORMATS)}) in this directory")
    return found


def iter_inputs(paths: Iterable[str | Path] | str | Path) -> Iterator[Path]:
    """The files to ingest: files as given, directories expanded recursively in sorted order, each file once.

    InputError for a path that does not exist, a file of an unsupported type, or a directory with no
    supported file in it.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise InputError(path, "no such file or directory")
        if path.is_dir():
            files = _expand(path)
        else:
            file_format(path)
            files = [path]
        for file in files:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                yield file
