"""Ingestion: a report file (.txt .html .docx .pdf) -> ``kg.model.Document``.

``ingest(path)`` reads the bytes, extracts the text (``read``; encodings in ``encoding``), folds it to the
matching view (``fold``), finds and blanks web-page boilerplate (``boilerplate``), reads the facts framing the
report (``frame``) and splits it into sections and sentences (``segment``). ``iter_inputs(paths)`` turns the
paths a user gives into the files to ingest.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from hashlib import sha256
from pathlib import Path

from kg.errors import InputError
from kg.ingest import boilerplate, frame, segment
from kg.ingest.fold import fold
from kg.ingest.read import FORMATS, MAX_BYTES, extract, file_format
from kg.model import Document

__all__ = ["SUPPORTED_SUFFIXES", "doc_id_of", "find_inputs", "fold", "ingest", "iter_inputs", "read_bytes"]

SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(FORMATS)


def _os_problem(path: Path, exc: OSError, missing: str = "no such file") -> str:
    """What an OSError means for a report path, in words."""
    if exc.errno == errno.ELOOP:
        return "symlink loop (the link points back to itself)"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return f"broken symlink to {os.readlink(path)}"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return missing
    if exc.errno == errno.EISDIR:
        return "is a directory, not a file"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return f"cannot read: {exc.strerror or exc}"


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes; InputError for a missing, unreadable or oversized file (checked before reading)."""
    path = Path(path)
    limit = MAX_BYTES[file_format(path)]
    try:
        with path.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > limit:
                raise InputError(path, f"file too large: {size / 2**20:.1f} MB, the limit for this type is "
                                       f"{limit / 2**20:.0f} MB (several reports in one file?)")
            return fh.read(limit + 1)
    except OSError as exc:
        raise InputError(path, _os_problem(path, exc)) from exc


def doc_id_of(path: str | Path) -> str:
    """The report's id, which names its IRIs and its graph: the file name without its suffix."""
    return Path(path).stem


def ingest(path: str | Path) -> Document:
    """Read one report file into a Document: text, folded norm, boilerplate, metadata, sections, sentences.

    ``metadata`` holds what the file says about itself: ``title``, ``publish_date`` (ISO), ``publish_time``,
    ``source``, ``addressee``, ``signer``, ``signature_date`` (ISO), for web pages ``page_title`` and
    ``site``, for PDFs ``pages``; values are folded (Simplified, half-width). Facts from HTML <meta>/<title>
    (or DOCX properties) win over facts from boilerplate lines, which win over facts from the text's frame.
    """
    path = Path(path)
    data = read_bytes(path)  # an unsupported suffix fails before the file is read
    extracted = extract(path, data)
    text = extracted.text
    folded = fold(text)
    spans, page_facts = boilerplate.find(folded)
    norm = boilerplate.blank(folded, spans)
    metadata = {**frame.find(norm), **page_facts, **{k: fold(v) for k, v in extracted.metadata.items()}}
    sections = segment.sections(text, norm)
    return Document(
        doc_id=doc_id_of(path),
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


def _is_hidden(name: str) -> bool:
    """Dot files and folders, and Word's ~$ lock files, are not reports."""
    return name.startswith((".", "~$"))


def _expand(root: Path) -> Iterator[Path | InputError]:
    """Supported files under ``root``, sorted; links that lead nowhere too, so that ingest says why."""
    found: list[Path] = []
    errors: list[InputError] = []

    def unreadable(exc: OSError) -> None:
        errors.append(InputError(exc.filename, f"{_os_problem(Path(exc.filename), exc)}: its files are not read"))

    for folder, dirs, files in os.walk(root, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not _is_hidden(d))
        found += [Path(folder, name) for name in files
                  if Path(name).suffix.lower() in FORMATS and not _is_hidden(name)]
    if not found and not errors:
        errors.append(InputError(root, f"no supported files ({' '.join(FORMATS)}) in this directory"))
    yield from errors
    yield from sorted(found)


def find_inputs(paths: Iterable[str | Path] | str | Path) -> Iterator[Path | InputError]:
    """The files to ingest, each once, and an InputError in place of each path that gives none.

    Files are taken as given, directories expanded recursively in sorted order. Errors: a path that does not
    exist (or is a broken link or a link loop), a file of an unsupported type, a directory with no supported
    file in it or a sub-folder that cannot be read. A batch goes on past them; ``iter_inputs`` raises.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        try:
            is_dir = stat.S_ISDIR(path.stat().st_mode)
        except OSError as exc:
            yield InputError(path, _os_problem(path, exc, missing="no such file or directory"))
            continue
        if is_dir:
            items: Iterable[Path | InputError] = _expand(path)
        else:
            try:
                file_format(path)
            except InputError as error:
                yield error
                continue
            items = [path]
        for item in items:
            key = item if isinstance(item, InputError) else Path(os.path.realpath(item))  # no error on loops
            if key not in seen:
                if not isinstance(key, InputError):
                    seen.add(key)
                yield item


def iter_inputs(paths: Iterable[str | Path] | str | Path) -> Iterator[Path]:
    """The files to ingest (see ``find_inputs``); the first unusable path raises its InputError."""
    for item in find_inputs(paths):
        if isinstance(item, InputError):
            raise item
        yield item
