"""SPARQL over the store: named queries with declared parameters, safe binding, standard result formats.

A query is a ``.rq`` file path, the name of a file in queries/ (without ``.rq``), or inline SPARQL. Named
queries start with a ``#`` header::

    # title: Bodies implementing a reform
    # zh: 哪些机构在推行某项改革？
    # en: Which bodies implement a given reform?
    # param: reform = "一件事一次办"  -- preferred or alternative label of the reform

A parameter's default is written as a SPARQL term (``"text"``, ``"text"@zh-Hans``, ``<iri>``, ``gk:Agency``,
``2021``) and fixes the parameter's kind: a value given as a string becomes the same kind of term. A ``@zh-Hans``
default makes the parameter a name: its value is folded to Simplified (OpenCC t2s) and tagged as the graph tags
its labels (``kg.rdf.vocab.name_literal``), so a query finds an entity by one exact label pattern, which the
store answers from its index, instead of comparing strings with FILTER over every label. A parameter
without a default is required. Values are bound with pyoxigraph ``substitutions`` (SEP-0007), never pasted
into the text, so a value cannot change the query; pyoxigraph requires a bound variable to appear in the
SELECT clause, which is why named queries project their parameters. SPARQL Update is refused unless the caller
allows it (``allow_update``: the store is then opened for writing, and the update runs as one transaction).
A malformed query is reported with the parser's line and column and the line itself. Before anything parses it,
the text passes kg.sparql_guard: too large, nested too deep (which would crash the parser) or reaching out of the
store (SERVICE, LOAD) is a QueryError, never a crash. The query then runs on a thread of its own with a stack
large enough for any query under the size limit (pyoxigraph releases the GIL while it evaluates). ``timeout``
bounds how long a caller waits: the thread is abandoned when the time is up; it cannot be interrupted, so it
finishes in the background or ends with the process (the command line exits). ``kg serve`` runs each query in
a worker process it kills instead (kg.endpoint).

The default graph is the union of all named graphs. Oxigraph's union is not deduplicated: a triple stated
by two reports (an entity's label) matches twice, so queries use DISTINCT and COUNT(DISTINCT ...).
"""

from __future__ import annotations

import re
import threading
import traceback
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rich.table import Table

from kg.errors import QueryError
from kg.namespace import PREFIXES
from kg.paths import queries_dir
from kg.rdf.iri import export_prefixes
from kg.rdf.vocab import name_literal
from kg.sparql_guard import MAX_QUERY_BYTES, STACK_BYTES, check_query
from kg.store import as_store

if TYPE_CHECKING:
    import pandas

_HEADER = re.compile(r"#\s*(title|zh|en|param)\s*:\s*(.*)$", re.IGNORECASE)
_PARAM = re.compile(r"(?P<name>[A-Za-z_]\w*)\s*(?:=\s*(?P<default>.+?))?\s*(?:--\s*(?P<help>.*))?$")
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)*", re.IGNORECASE)
_UPDATE = re.compile(r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)
_QUERY_NAME = re.compile(r"[\w.-]+")
_POSITION = re.compile(r"error at (\d+):(\d+)")
FORMATS = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV,
           "tsv": ox.QueryResultsFormat.TSV, "xml": ox.QueryResultsFormat.XML}
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    default: ox.NamedNode | ox.Literal | None = None
    help: str = ""


@dataclass(frozen=True, slots=True)
class QueryFile:
    """A query and what its header declares; ``path`` is None for inline SPARQL."""

    name: str
    sparql: str
    path: Path | None = None
    title: str = ""
    question_zh: str = ""
    question_en: str = ""
    params: dict[str, Param] = field(default_factory=dict)


@dataclass(slots=True)
class QueryResult:
    """A finished query: rows kept as the standard SPARQL JSON results (re-serialisable in any format)."""

    query: QueryFile
    kind: str  # "select", "ask", "graph" or "update"
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, ox.NamedNode | ox.BlankNode | ox.Literal]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    json: bytes = b""

    def to_frame(self) -> pandas.DataFrame:
        """The solutions as a pandas DataFrame (see kg.api.to_frame; needs pandas)."""
        from kg.api import to_frame

        return to_frame(self)


def parse_header(text: str, source: str) -> tuple[str, str, str, dict[str, Param]]:
    """title, zh question, en question and parameters from the leading ``#`` lines."""
    fields = {"title": "", "zh": "", "en": ""}
    params: dict[str, Param] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            break
        match = _HEADER.match(stripped)
        if not match:
            continue
        key, value = match.group(1).lower(), match.group(2).strip()
        if key == "param":
            param = _parse_param(value, f"{source}:{number}")
            params[param.name] = param
        else:
            fields[key] = value
    return fields["title"], fields["zh"], fields["en"], params


def _parse_param(spec: str, where: str) -> Param:
    match = _PARAM.match(spec)
    if not match:
        raise QueryError(f"{where}: bad parameter declaration {spec!r} (expected: name = default  -- help)")
    default = match.group("default")
    return Param(match.group("name"), parse_term(default, where) if default else None,
                 (match.group("help") or "").strip())


def parse_term(text: str, where: str = "term") -> ox.NamedNode | ox.Literal:
    """A SPARQL/Turtle term (``"x"@zh-Hans``, ``<iri>``, ``gk:Agency``, ``2021``) parsed by pyoxigraph."""
    prologue = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items())
    try:
        (triple,) = ox.parse(f"{prologue}<urn:s> <urn:p> {text.strip()} .", format=ox.RdfFormat.TURTLE)
    except (SyntaxError, ValueError) as exc:
        raise QueryError(f"{where}: {text!r} is not a SPARQL term: {exc}") from exc
    if isinstance(triple.object, ox.BlankNode | ox.Triple):
        raise QueryError(f"{where}: {text!r} must be an IRI or a literal")
    return triple.object


def load_query(spec: str | Path) -> QueryFile:
    """A query from a file path, a name in queries/, or inline SPARQL text."""
    text = str(spec)
    path = Path(text) if "\n" not in text and len(text) < 4096 else None
    if path is not None and (path.suffix == ".rq" or _is_file(path)):
        if not path.is_file():
            raise QueryError(f"{path}: query file not found")
        return _query_file(path, path.stem)
    if _QUERY_NAME.fullmatch(text):
        path = queries_dir() / f"{text}.rq"
        if not path.is_file():
            known = ", ".join(q.name for q in list_queries())
            raise QueryError(f"no query named {text!r} in {queries_dir()}; known: {known}")
        return _query_file(path, text)
    title, zh, en, params = parse_header(text, "inline query")
    return QueryFile("inline", text, None, title, zh, en, params)


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # inline SPARQL too long to be a file name
        return False


def _query_file(path: Path, name: str) -> QueryFile:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read the query: {exc}") from exc
    title, zh, en, params = parse_header(text, str(path))
    return QueryFile(name, text, path, title, zh, en, params)


def list_queries() -> list[QueryFile]:
    """Every named query shipped in queries/, sorted by name."""
    return [_query_file(path, path.stem) for path in sorted(queries_dir().glob("*.rq"))]


def bind(query: QueryFile, params: dict[str, object] | None) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
    """Parameter values as RDF terms of the kind each declared default has; defaults fill the rest."""
    given = dict(params or {})
    unknown = sorted(set(given) - set(query.params)) if query.params else []
    if unknown:
        raise QueryError(f"{query.name}: unknown parameter(s) {unknown}; declared: {sorted(query.params)}")
    bound: dict[ox.Variable, ox.NamedNode | ox.Literal] = {}
    for name, param in query.params.items():
        if name not in given and param.default is None:
            raise QueryError(f"{query.name}: parameter {name!r} is required ({param.help or 'no default'})")
        if name not in given:
            bound[ox.Variable(name)] = param.default
    for name, value in given.items():
        where = f"{query.name}: parameter {name!r}"
        bound[ox.Variable(name)] = _as_term(value, query.params.get(name), where)
    return bound


def _as_term(value: object, param: Param | None, where: str) -> ox.NamedNode | ox.Literal:
    if isinstance(value, ox.NamedNode | ox.Literal):
        return value
    text = str(value)
    like = param.default if param else None
    try:
        if isinstance(like, ox.NamedNode) or (like is None and text.startswith("<") and text.endswith(">")):
            return _iri(text.strip("<>"))
        if isinstance(like, ox.Literal) and like.language == "zh-hans":
            return name_literal(text)
        if isinstance(like, ox.Literal) and like.language:
            return ox.Literal(text, language=like.language)
        if isinstance(like, ox.Literal) and like.datatype.value != PREFIXES["xsd"] + "string":
            if like.datatype.value == PREFIXES["xsd"] + "integer":
                text = str(int(text))
            return ox.Literal(text, datatype=like.datatype)
    except ValueError as exc:
        raise QueryError(f"{where}: {text!r} is not a valid value: {exc}") from exc
    return ox.Literal(text)


def _iri(text: str) -> ox.NamedNode:
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return ox.NamedNode(PREFIXES[prefix] + local)
    return ox.NamedNode(text)


def is_update(sparql: str) -> bool:
    """Does the text start (after its prologue) with an update operation (INSERT, DELETE, LOAD, DROP ...)?"""
    start = _PROLOGUE.match(sparql)
    return bool(_UPDATE.match(sparql, start.end() if start else 0))


def refuse_update(sparql: str, name: str) -> None:
    """SPARQL Update is refused before anything is parsed or run."""
    if is_update(sparql):
        raise QueryError(f"{name}: SPARQL Update is not allowed here; queries are read-only "
                         "(`kg query --allow-update` runs it)")


def malformed(spec: QueryFile, exc: SyntaxError) -> QueryError:
    """The parser's message, where it is (file:line:column) and the line with a caret under the column."""
    message = str(exc).splitlines()[0] if str(exc) else "syntax error"
    position = _POSITION.search(message)
    if position is None:
        return QueryError(f"{spec.name}: malformed SPARQL: {message}")
    line, column = int(position.group(1)), int(position.group(2))
    lines = spec.sparql.splitlines()
    where = f"{spec.path or spec.name}:{line}:{column}"
    if not 0 < line <= len(lines):
        return QueryError(f"{spec.name}: malformed SPARQL: {message} ({where}, at the end of the query)")
    text = lines[line - 1]
    indent = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text[:column - 1])
    return QueryError(f"{spec.name}: malformed SPARQL: {message} ({where})\n    {text}\n    {' ' * indent}^")


def query(store_or_path: ox.Store | str | Path, sparql_or_name: str | Path,
          params: dict[str, object] | None = None, *, allow_update: bool = False,
          timeout: float | None = None, allow_service: bool | Collection[str] = False,
          max_bytes: int | None = MAX_QUERY_BYTES) -> QueryResult:
    """Run a query over the union of all report graphs; the result is complete when this returns.

    With ``allow_update`` an update runs too (on a store opened for writing; no parameters, no timeout) and
    gives a result of kind "update". ``timeout`` (seconds): QueryError when the query has not finished by then.
    SERVICE (and LOAD) are refused unless ``allow_service`` (True, or the endpoints allowed); queries over
    ``max_bytes`` or nested deeper than kg.sparql_guard.MAX_DEPTH are refused before parsing.
    """
    spec = load_query(sparql_or_name)
    check_query(spec.sparql, spec.name, max_bytes=max_bytes, allow_service=allow_service)
    if is_update(spec.sparql):
        if not allow_update:
            refuse_update(spec.sparql, spec.name)
        return _in_thread(lambda: _update(store_or_path, spec, params), None, spec.name)
    substitutions = bind(spec, params)
    store = as_store(store_or_path)
    substitutions = _known_names(store, spec, params, substitutions)

    def run() -> QueryResult:
        try:
            results = store.query(spec.sparql, use_default_graph_as_union=True, prefixes=PREFIXES,
                                  substitutions=substitutions or None)
            return _collect(spec, results)
        except SyntaxError as exc:
            raise malformed(spec, exc) from exc
        except (RuntimeError, OSError) as exc:
            hint = " (a parameter must appear in the SELECT clause)" if "projection" in str(exc) else ""
            raise QueryError(f"{spec.name}: {exc}{hint}") from exc

    return _in_thread(run, timeout, spec.name)


def _known_names(store: ox.Store, spec: QueryFile, params: dict[str, object] | None,
                 substitutions: dict[ox.Variable, ox.NamedNode | ox.Literal]
                 ) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
    """A name the caller gave, read as the label the graph has for it (any known variant), or UnknownName
    with the nearest names (kg.lookup)."""
    from kg.lookup import known_name

    for name in params or {}:
        declared = spec.params.get(name)
        value = substitutions.get(ox.Variable(name))
        if declared and isinstance(declared.default, ox.Literal) and declared.default.language == "zh-hans" and (
            isinstance(value, ox.Literal)
        ):
            substitutions[ox.Variable(name)] = known_name(store, name, value)
    return substitutions


_STACK_SIZE = threading.Lock()  # threading.stack_size is process-wide: set, start, restore under a lock


def _in_thread(run: Callable[[], QueryResult], timeout: float | None, name: str) -> QueryResult:
    """``run()`` in a daemon thread with a deep stack (STACK_BYTES), waited for at most ``timeout`` seconds."""
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["result"] = run()
        except BaseException as exc:  # handed to the caller's thread, without the frames: pyoxigraph's results
            traceback.clear_frames(exc.__traceback__)  # must be dropped on the thread that made them
            outcome["error"] = exc

    worker = threading.Thread(target=target, name=f"query {name}", daemon=True)
    with _STACK_SIZE:
        previous = threading.stack_size(STACK_BYTES)
        try:
            worker.start()
        finally:
            threading.stack_size(previous)
    worker.join(timeout)
    if worker.is_alive():
        raise QueryError(f"{name}: stopped waiting after {timeout:g} s (--timeout); narrow the query "
                         "(LIMIT, a more specific pattern) or allow it more time")
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["result"]  # type: ignore[return-value]


def _update(store_or_path: ox.Store | str | Path, spec: QueryFile, params: dict[str, object] | None
            ) -> QueryResult:
    if params:
        raise QueryError(f"{spec.name}: parameters cannot be bound in a SPARQL Update")
    store = as_store(store_or_path, read_only=False)
    try:
        store.update(spec.sparql, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise malformed(spec, exc) from exc
    except (RuntimeError, OSError) as exc:
        raise QueryError(f"{spec.name}: {exc}") from exc
    return QueryResult(spec, "update")


def _collect(spec: QueryFile, results: object) -> QueryResult:
    if isinstance(results, ox.QueryTriples):
        return QueryResult(spec, "graph", ["subject", "predicate", "object"], triples=list(results))
    payload = results.serialize(format=ox.QueryResultsFormat.JSON)
    parsed = ox.parse_query_results(payload, ox.QueryResultsFormat.JSON)
    if isinstance(parsed, ox.QueryBoolean):
        return QueryResult(spec, "ask", boolean=bool(parsed), json=payload)
    variables = [v.value for v in parsed.variables]
    rows = [{name: row[name] for name in variables if row[name] is not None} for row in parsed]
    return QueryResult(spec, "select", variables, rows, json=payload)


def render(result: QueryResult, fmt: str = "json") -> str:
    """The result as standard SPARQL JSON / CSV / TSV / XML (graph results: Turtle or N-Triples)."""
    fmt = fmt.lower()
    if result.kind == "graph":
        if fmt not in GRAPH_FORMATS:
            raise QueryError(f"a CONSTRUCT/DESCRIBE result can be {sorted(GRAPH_FORMATS)}, not {fmt!r}")
        prefixes = export_prefixes()
        return ox.serialize(result.triples, format=GRAPH_FORMATS[fmt], prefixes=prefixes).decode("utf-8")
    if fmt not in FORMATS:
        raise QueryError(f"query results can be {sorted(FORMATS)}, not {fmt!r}")
    parsed = ox.parse_query_results(result.json, ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=FORMATS[fmt]).decode("utf-8")


def compact(term: object, prefixes: dict[str, str] | None = None) -> str:
    """A term for humans: prefixed IRIs, plain literal values."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        table = prefixes or export_prefixes()
        for prefix, namespace in sorted(table.items(), key=lambda item: -len(item[1])):
            if term.value.startswith(namespace) and "/" not in term.value[len(namespace):]:
                return f"{prefix}:{term.value[len(namespace):]}"
        return term.value
    return term.value if isinstance(term, ox.Literal | ox.BlankNode) else str(term)


def to_table(result: QueryResult) -> Table:
    """A rich table of the result, titled by the query's header."""
    table = Table(title=result.query.title or None, caption=result.query.question_zh or None)
    if result.kind == "ask":
        table.add_column("ask")
        table.add_row(str(result.boolean).lower())
        return table
    for name in result.variables:
        table.add_column(name, overflow="fold")
    if result.kind == "graph":
        for triple in result.triples:
            table.add_row(*(compact(t) for t in (triple.subject, triple.predicate, triple.object)))
    else:
        for row in result.rows:
            table.add_row(*(compact(row.get(name)) for name in result.variables))
    return table
