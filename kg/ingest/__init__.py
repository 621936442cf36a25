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


def _inside(path: str, roots: list[str]) -> bool:
    return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def _expand(root: Path, roots: list[str], follow_symlinks: bool) -> Iterator[Path | InputError]:
    """Supported files under ``root``, sorted; links that lead nowhere too, so that ingest says why.

    A symbolic link, to a file or a folder, is followed when it leads inside one of the input ``roots`` (real
    paths), or everywhere with ``follow_symlinks``; one that leads out is an InputError: a link to /etc/hostname
    in a reports folder must not put a local file into a graph that may be published."""
    found: list[Path] = []
    errors: list[InputError] = []
    visited: set[str] = set()

    def unreadable(exc: OSError) -> None:
        errors.append(InputError(exc.filename, f"{_os_problem(Path(exc.filename), exc)}: its files are not read"))

    def outside(path: Path, what: str) -> bool:
        real = os.path.realpath(path)
        if follow_symlinks or not path.is_symlink() or not os.path.exists(real) or _inside(real, roots):
            return False
        errors.append(InputError(path, f"symlink to {real}, outside the input folders: {what} not read "
                                       "(--follow-symlinks reads it)"))
        return True

    for folder, dirs, files in os.walk(root, onerror=unreadable, followlinks=True):
        visited.add(os.path.realpath(folder))
        dirs[:] = sorted(d for d in dirs if not _is_hidden(d) and not outside(Path(folder, d), "its files are")
                         and os.path.realpath(Path(folder, d)) not in visited)  # no link loops
        found += [Path(folder, name) for name in files
                  if Path(name).suffix.lower() in FORMATS and not _is_hidden(name)
                  and not outside(Path(folder, name), "it is")]
    if not found and not errors:
        errors.append(InputError(root, f"no supported files ({' '.join(FORMATS)}) in this directory"))
    yield from errors
    yield from sorted(found)


def find_inputs(paths: Iterable[str | Path] | str | Path, follow_symlinks: bool = False
                ) -> Iterator[Path | InputError]:
    """The files to ingest, each once, and an InputError in place of each path that gives none.

    Files are taken as given, directories expanded recursively in sorted order; inside them, symbolic links are
    followed only where they lead into a given folder, unless ``follow_symlinks``. Errors: a path that does not
    exist (or is a broken link or a link loop), a file of an unsupported type, a directory with no supported
    file in it, a sub-folder that cannot be read, a link that leads out. A batch goes on past them;
    ``iter_inputs`` raises.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    paths = [Path(given) for given in paths]
    roots = [os.path.realpath(path) for path in paths if path.is_dir()]
    seen: set[Path] = set()
    for path in paths:
        try:
            is_dir = stat.S_ISDIR(path.stat().st_mode)
        except OSError as exc:
            yield InputError(path, _os_problem(path, exc, missing="no such file or directory"))
            continue
        if is_dir:
            items: Iterable[Path | InputError] = _expand(path, roots, follow_symlinks)
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


def iter_inputs(paths: Iterable[str | Path] | str | Path, follow_symlinks: bool = False) -> Iterator[Path]:
    """The files to ingest (see ``find_inputs``); the first unusable path raises its InputError."""
    for item in find_inputs(paths, follow_symlinks):
        if isinstance(item, InputError):
            raise item
        yield item
