"""``kg validate``: check a built graph against ontology/shapes.ttl, and say what is wrong.

The data graph is the default-graph merge of the report graphs (what ``kg export`` writes), with the ontology's
subclass axioms so that ``sh:class`` follows ``rdfs:subClassOf``; no inference is run, because the converter
already materialises every superclass. Two engines give the same results: ``sparql`` (the default) compiles
each constraint to one query that Oxigraph answers over the store (kg.shacl; seconds on a million quads), and
``pyshacl`` runs pySHACL over an rdflib copy of the graph (the reference; minutes on a hundred thousand
triples). Results are grouped by message so that one broken rule applied to 500 nodes reads as one problem
with 500 examples, not 500 lines. Exit codes follow pySHACL: 0 valid, 1 not valid, 2 the graph or the shapes
could not be read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, SH

from kg.errors import KGError, ResourceError
from kg.paths import data_dir, ontology_path
from kg.query import compact
from kg.rdf.iri import DEFAULT_BASE
from kg.rdf.vocab import ontology
from kg.shacl import Check

SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
ENGINES = ("sparql", "pyshacl")


def shapes_path() -> Path:
    path = data_dir("ontology") / "shapes.ttl"
    if not path.is_file():
        raise ResourceError(path, None, "SHACL shapes file not found")
    return path


@dataclass(frozen=True, slots=True)
class Problem:
    """One validation result: which node breaks which rule, and how."""

    severity: str
    message: str
    focus: str
    path: str = ""
    value: str = ""
    shape: str = ""


@dataclass(slots=True)
class ValidationReport:
    conforms: bool
    problems: list[Problem] = field(default_factory=list)
    triples: int = 0

    def violations(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "Violation"]

    def grouped(self) -> list[tuple[str, str, list[Problem]]]:
        """(severity, message, problems) groups, violations first, largest groups first."""
        groups: dict[tuple[str, str], list[Problem]] = defaultdict(list)
        for problem in self.problems:
            groups[problem.severity, problem.message].append(problem)
        ordered = sorted(groups.items(), key=lambda kv: (SEVERITY_ORDER.get(kv[0][0], 9), -len(kv[1]), kv[0][1]))
        return [(severity, message, items) for (severity, message), items in ordered]

    def text(self, examples: int = 5) -> str:
        """A readable report: one paragraph per broken rule with a few example nodes."""
        head = "valid" if self.conforms else "NOT valid"
        lines = [f"{head}: {self.triples} triples, {len(self.violations())} violation(s), "
                 f"{len(self.problems) - len(self.violations())} warning(s)"]
        for severity, message, items in self.grouped():
            lines.append(f"{severity} ({len(items)}): {message}")
            for problem in items[:examples]:
                detail = f"  - {problem.focus}"
                if problem.path:
                    detail += f"  {problem.path}"
                if problem.value:
                    detail += f" = {problem.value}"
                lines.append(detail)
            if len(items) > examples:
                lines.append(f"  ... and {len(items) - examples} more")
        return "\n".join(lines)


def store_graph(store: ox.Store | str | Path, base: str = DEFAULT_BASE) -> rdflib.Graph:
    """The default-graph merge of a store's report graphs as an rdflib graph."""
    from kg.export import merged_triples
    from kg.store import as_store

    triples = merged_triples(as_store(store), base)
    graph = rdflib.Graph()
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")
    return graph


def read_graph(path: str | Path) -> rdflib.Graph:
    """Any RDF file rdflib reads (format from the extension); datasets are merged into one graph."""
    path = Path(path)
    if not path.is_file():
        raise ResourceError(path, None, "no such RDF file")
    try:
        dataset = rdflib.Dataset()
        dataset.parse(path, format=rdflib.util.guess_format(str(path)))
    except Exception as exc:  # rdflib raises many parser error types
        raise ResourceError(path, None, f"cannot parse: {exc}") from exc
    graph = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def validate_graph(data: rdflib.Graph, shapes: str | Path | None = None, engine: str = "sparql") -> ValidationReport:
    """Run the shapes over ``data`` (not modified) with the ontology mixed in; warnings are reported but do not
    fail."""
    if engine == "sparql":
        store = ox.Store()
        store.bulk_load(data.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
        store.load(path=str(ontology_path()), format=ox.RdfFormat.TURTLE)
        report = validate_sparql(store, shapes)
        report.triples = len(data)
        return report
    if engine != "pyshacl":
        raise KGError(f"--engine {engine}: unknown validation engine; choose one of {', '.join(ENGINES)}")
    import pyshacl

    shapes_file = Path(shapes) if shapes else shapes_path()
    try:
        shapes_graph = rdflib.Graph().parse(shapes_file, format="turtle")
    except Exception as exc:
        raise ResourceError(shapes_file, None, f"cannot parse the SHACL shapes: {exc}") from exc
    conforms, results, _ = pyshacl.validate(
        data + ontology(), shacl_graph=shapes_graph, inference="none", allow_warnings=True,
        abort_on_first=False, meta_shacl=False, advanced=False, inplace=True)  # the union is our own copy
    return ValidationReport(bool(conforms), _problems(results), len(data))


def validate(store: ox.Store | str | Path, shapes: str | Path | None = None, base: str = DEFAULT_BASE,
             engine: str = "sparql", jobs: int = 2,
             progress: Callable[[int, int], None] | None = None) -> ValidationReport:
    """Validate the report graphs of a store (``engine`` "sparql": on the store itself, ``jobs`` queries at a
    time; "pyshacl": on an rdflib copy of the merged graph)."""
    from kg.store import as_store

    if engine == "pyshacl":
        return validate_graph(store_graph(store, base), shapes)
    if engine != "sparql":
        raise KGError(f"--engine {engine}: unknown validation engine; choose one of {', '.join(ENGINES)}")
    return validate_sparql(as_store(store), shapes, jobs, progress)


def validate_sparql(store: ox.Store, shapes: str | Path | None = None, jobs: int = 2,
                    progress: Callable[[int, int], None] | None = None) -> ValidationReport:
    """The shapes compiled to SPARQL (kg.shacl) and answered by Oxigraph over the union of the store's graphs;
    ``jobs`` queries run at once (pyoxigraph evaluates a query without the GIL). ``progress(done, total)`` is
    called after each constraint."""
    from kg.shacl import compile_shapes

    checks = compile_shapes(Path(shapes) if shapes else shapes_path(), ontology())
    problems: list[Problem] = []
    done = 0

    def run(check: Check) -> list[Problem]:
        rows = store.query(check.sparql, use_default_graph_as_union=True)
        names = [variable.value for variable in rows.variables]
        return [_problem(check, row, names) for row in rows]

    with ThreadPoolExecutor(max(1, jobs)) as pool:
        triples = pool.submit(_distinct_triples, store)
        for found in pool.map(run, checks):
            problems.extend(found)
            done += 1
            if progress:
                progress(done, len(checks))
        count = triples.result()
    problems.sort(key=lambda p: (SEVERITY_ORDER.get(p.severity, 9), p.message, p.focus, p.path, p.value))
    conforms = not any(p.severity == "Violation" for p in problems)
    return ValidationReport(conforms, problems, count)


def _distinct_triples(store: ox.Store) -> int:
    """The merged graph's size (a triple stated by several reports counts once), as pySHACL's report gives it."""
    rows = store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
                       use_default_graph_as_union=True)
    return int(next(iter(rows))["n"].value)


def _problem(check: Check, row: ox.QuerySolution, names: list[str]) -> Problem:
    """A result row as pySHACL reports it: the SPARQL message with its ``{?var}`` filled in, the value node (the
    focus node itself for a SPARQL-based constraint that binds none), the path the constraint follows."""
    from kg.shacl import format_message

    bound = {name: term for name in names if (term := row[name]) is not None}
    this, value, path = bound["this"], bound.get("value"), bound.get("path")
    message = format_message(check.message, {name: term.value for name, term in bound.items()}) or compact(
        ox.NamedNode(f"http://www.w3.org/ns/shacl#{check.component}ConstraintComponent"))
    if check.component == "SPARQL" and value is None:
        value = this
    shown_path = _show_ox(path) if path is not None else _show(check.path) if check.path is not None else ""
    return Problem(severity=check.severity, message=message, focus=_show_ox(this), path=shown_path,
                   value=_show_ox(value) if value is not None else "", shape=_show(check.shape))


def _show_ox(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    if isinstance(term, ox.NamedNode):
        return compact(term)
    if isinstance(term, ox.Literal):
        return term.value
    return "[path]"


def _problems(results: rdflib.Graph) -> list[Problem]:
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        def value(prop: rdflib.URIRef, node: rdflib.term.Node = result) -> str:
            term = results.value(node, prop)
            return "" if term is None else _show(term)

        severity = results.value(result, SH.resultSeverity)
        found.append(Problem(
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            message=value(SH.resultMessage) or value(SH.sourceConstraintComponent),
            focus=value(SH.focusNode), path=value(SH.resultPath), value=value(SH.value),
            shape=value(SH.sourceShape)))
    return sorted(found, key=lambda p: (SEVERITY_ORDER.get(p.severity, 9), p.message, p.focus, p.path, p.value))


def _show(term: rdflib.term.Node) -> str:
    """A node for humans: prefixed IRI, plain literal text, blank nodes (SHACL paths) as '[path]'."""
    if isinstance(term, rdflib.URIRef):
        return compact(ox.NamedNode(str(term)))
    if isinstance(term, rdflib.Literal):
        return str(term)
    return "[path]"
