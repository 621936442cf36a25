"""Loaders for the data files shipped in this folder (lexicons, patterns, trigger words, alias tables).

Every file starts with a ``#`` header saying what it holds and where its entries come from. A bad line raises
``ResourceError`` naming the file and the line number, so a typo in a lexicon is found at start-up, not as a
silent miss. Loaders cache, since every worker process reads each file once.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import srsly

from kg.errors import ResourceError

RESOURCE_DIR = Path(str(resources.files(__package__)))


def resource_path(name: str) -> Path:
    path = RESOURCE_DIR / name
    if not path.exists():
        raise ResourceError(path, None, "resource file not found")
    return path


def _data_lines(path: Path) -> list[tuple[int, str]]:
    """Non-empty, non-comment lines with their 1-based numbers; BOM stripped; UTF-8 required."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ResourceError(path, None, f"not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            out.append((number, line.rstrip("\r\n")))
    return out


@cache
def read_tsv(name: str, columns: int | tuple[int, int] = (1, 99)) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated file; ``columns`` is the exact count or an inclusive (min, max) range."""
    path = resource_path(name)
    low, high = (columns, columns) if isinstance(columns, int) else columns
    rows = []
    for number, line in _data_lines(path):
        cells = tuple(cell.strip() for cell in line.split("\t"))
        if not low <= len(cells) <= high:
            raise ResourceError(
                path, number, f"expected {low}..{high} tab-separated columns, got {len(cells)}"
            )
        if not cells[0]:
            raise ResourceError(path, number, "first column is empty")
        rows.append(cells)
    return tuple(rows)


@cache
def read_words(name: str) -> tuple[str, ...]:
    """A word list: the first tab-separated column of every data line."""
    return tuple(row[0] for row in read_tsv(name))


@cache
def read_yaml(name: str) -> Any:
    path = resource_path(name)
    try:
        return srsly.read_yaml(path)
    except Exception as exc:  # ruamel raises several types; all mean a malformed file
        raise ResourceError(
            path, getattr(getattr(exc, "problem_mark", None), "line", None), str(exc)
        ) from exc


@cache
def read_jsonl(name: str) -> tuple[dict, ...]:
    path = resource_path(name)
    records = []
    for number, line in _data_lines(path):
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ResourceError(path, number, f"invalid JSON: {exc.msg}") from exc
        if not isinstance(record, dict):
            raise ResourceError(path, number, "each line must be a JSON object")
        records.append(record)
    return tuple(records)
