"""The Python API behind ``from kg import build, extract, query``: what notebooks and programs call instead of
shelling out to the ``kg`` command.

``build`` and ``query`` are the library functions the CLI wraps (kg.build.build, kg.query.query); ``extract``
is defined here because the CLI's extract streams JSON, while a program wants the ``Extraction`` objects.
``to_frame`` turns a query result into a pandas DataFrame (pandas is optional: ``pip install 'govkg[notebook]'``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from kg.build import build
from kg.query import QueryResult, compact, query

if TYPE_CHECKING:
    import pandas

    from kg.model import Extraction

__all__ = ["build", "extract", "query", "to_frame"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMBERS = {f"{_XSD}{name}": int for name in ("integer", "int", "long", "short", "nonNegativeInteger", "gYear")}
_NUMBERS |= {f"{_XSD}{name}": float for name in ("decimal", "double", "float")}


def extract(inputs: str | Path | Iterable[str | Path], *, statistical: bool = False) -> list[Extraction]:
    """Every report under ``inputs`` (files or folders, recursively) through the pipeline, in order.

    Each ``Extraction`` holds the document, the report's metadata, entities with their mentions, relations with
    their evidence, and metrics. ``statistical`` adds the trained NER tagger to the rules (slower).
    """
    from kg.ingest import iter_inputs
    from kg.nlp import load_pipeline
    from kg.pipeline import extract_paths

    paths = list(iter_inputs(inputs if isinstance(inputs, str | Path) else list(inputs)))
    return list(extract_paths(paths, load_pipeline(statistical=statistical)))


def to_frame(result: QueryResult) -> pandas.DataFrame:
    """One row per solution, one column per variable: IRIs compacted (``agency:…``), numbers and years as
    numbers, other literals as their text; unbound values are missing (NaN/None)."""
    try:
        import pandas as pd
    except ImportError as exc:  # optional dependency: say how to get it
        raise ImportError("to_frame needs pandas: pip install 'govkg[notebook]'") from exc
    if result.kind == "ask":
        return pd.DataFrame({"ask": [result.boolean]})
    if result.kind == "graph":
        rows = [{"subject": t.subject, "predicate": t.predicate, "object": t.object} for t in result.triples]
    else:
        rows = result.rows
    records = [{name: _value(row.get(name)) for name in result.variables} for row in rows]
    return pd.DataFrame.from_records(records, columns=result.variables)


def _value(term: object) -> object:
    datatype = getattr(getattr(term, "datatype", None), "value", None)
    if datatype in _NUMBERS:
        try:
            return _NUMBERS[datatype](term.value)
        except ValueError:
            return term.value
    return None if term is None else compact(term)
