"""The Python API behind ``from kg import build, extract, query``: what notebooks and programs call instead of
shelling out to the ``kg`` command.

``build`` and ``query`` are the library functions the CLI wraps (kg.build.build, kg.query.query); ``extract``
is defined here because the CLI's extract streams JSON, while a program wants the ``Extraction`` objects.
``to_frame`` turns a query result into a pandas DataFrame (pandas is optional: ``pip install 'govkg[notebook]'``).

Time and comparison, as DataFrames over the named queries: ``reform_matrix`` (reforms x places x years),
``first_years`` (the first year each place mentions each reform), ``report_diff`` (what is new or dropped between
two years of one body's reports) and ``planned_vs_achieved`` (every body's actions per status and year).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from kg.build import build
from kg.errors import KGError
from kg.query import QueryResult, compact, query

if TYPE_CHECKING:
    import pandas

    from kg.model import Extraction

__all__ = ["build", "extract", "first_years", "planned_vs_achieved", "query", "reform_matrix", "report_diff",
           "to_frame"]
StoreLike = str | Path | object  # a store folder or an open pyoxigraph.Store

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


def reform_matrix(store: StoreLike) -> pandas.DataFrame:
    """Reforms x places (the index) by years (the columns): how many reports about the place covering the year
    mention the reform, 0 where none does (queries/reforms-by-place-and-year.rq)."""
    frame = query(store, "reforms-by-place-and-year").to_frame()
    return frame.pivot_table(index=["reform_label", "place_label"], columns="year", values="reports",
                             aggfunc="sum", fill_value=0)


def first_years(store: StoreLike) -> pandas.DataFrame:
    """One row per reform and place: the first and last year its reports mention it, in how many years and
    reports (queries/first-year-by-place.rq), earliest first within each reform."""
    return query(store, "first-year-by-place").to_frame()


def planned_vs_achieved(store: StoreLike) -> pandas.DataFrame:
    """Every body and year: how many of its facts are achieved, planned, problems
    (queries/planned-vs-achieved-by-body.rq)."""
    return query(store, "planned-vs-achieved-by-body").to_frame()


_REPORTS_OF = """# param: body = "益阳市行政审批服务局"@zh-Hans  -- any label of the authoring body
PREFIX gk: <https://w3id.org/govkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?report ?year ?body WHERE {
  ?author skos:prefLabel|skos:altLabel ?body .
  GRAPH ?g { ?report dcterms:creator ?author ; gk:coversYear ?year } }"""


def report_diff(store: StoreLike, body: str, year_a: int, year_b: int) -> pandas.DataFrame:
    """What is new (in ``year_b``'s report of ``body``) and what was dropped (stated in ``year_a``'s, not in
    ``year_b``'s): facts and mentions, compared by node (queries/report-diff.rq). KGError when the body has not
    exactly one report for either year."""
    found = to_frame(query(store, _REPORTS_OF, {"body": body}))
    ids = []
    for year in (year_a, year_b):
        reports = sorted(set(found.loc[found["year"] == int(year), "report"]))
        if len(reports) != 1:
            have = ", ".join(str(y) for y in sorted(set(found["year"]))) or "none"
            raise KGError(f"{body}: {len(reports)} reports cover {year} (years with reports: {have}); "
                          "compare two reports by id with query(store, 'report-diff', {'a': ..., 'b': ...})")
        ids.append(reports[0].rsplit("/", 1)[-1])
    return query(store, "report-diff", {"a": ids[0], "b": ids[1]}).to_frame()
