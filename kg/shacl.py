"""SHACL shapes compiled to SPARQL queries that Oxigraph answers over the whole store.

pySHACL checks every focus node in Python over an rdflib graph: 24 s on the seeds' 15,000 triples, and not done
after ten minutes (3.3 GB) on the 1.6 M of the Hebei corpus. A Rust engine (pyrudof 0.3.35) took 170–300 s and
19 GB on that graph. Here each constraint of each shape becomes one ``SELECT DISTINCT`` that returns the
violating focus nodes (and value nodes), answered by Oxigraph over the union of the store's graphs, so a whole
constraint is one index scan instead of one lookup per node in Python. Results carry what pySHACL reports
(severity, message, focus, path, value, source shape) and the same nodes: tests/test_semantic_validate_engines.py
compares the two on the seeds and on a deliberately broken graph.

Covered: the targets (class, subjects of, objects of, node), property paths (IRI, inverse, sequence,
alternative, zero-or-more/one-or-more/zero-or-one), and the components class, datatype, nodeKind, in, hasValue,
minCount, maxCount, minLength, maxLength, pattern, min/maxInclusive, min/maxExclusive, lessThan, node, or, and,
not, qualifiedValueShape with qualifiedMin/MaxCount, and SPARQL-based constraints (sh:sparql, with sh:prefixes).
A shapes file using anything else is refused with a one-line error naming the shape (``kg validate --engine
pyshacl`` checks it). ``sh:class`` follows ``rdfs:subClassOf`` as the ontology states it (the data graph's own
subclass axioms, which a built store has none of, are not read).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH

from kg.errors import ResourceError

_TERM_VARIABLE = re.compile(r"\{[?$](\w+)\}")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_NOT_EXISTS = re.compile(r"FILTER\s+NOT\s+EXISTS\s*\{([^{}]*)\}", re.IGNORECASE)
_VARIABLE = re.compile(r"[?$](\w+)")
_VALUE_CHECKS = ("class", "datatype", "nodeKind", "in", "minLength", "maxLength", "pattern", "minInclusive",
                 "maxInclusive", "minExclusive", "maxExclusive", "node", "or", "and", "not")
_KNOWN = {*_VALUE_CHECKS, "path", "minCount", "maxCount", "hasValue", "lessThan", "qualifiedValueShape",
          "qualifiedMinCount", "qualifiedMaxCount", "sparql", "targetClass", "targetSubjectsOf",
          "targetObjectsOf", "targetNode", "message", "severity", "property", "name", "description",
          "deactivated", "order", "group", "declare", "prefixes", "qualifiedValueShapesDisjoint"}
_COMPARISON = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">", "maxExclusive": "<"}
_NODE_KINDS = {
    SH.IRI: "isIRI({v})", SH.BlankNode: "isBlank({v})", SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))", SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}


class UnsupportedShape(ResourceError):
    """The shapes use a SHACL feature this engine does not compile."""


@dataclass(frozen=True, slots=True)
class Check:
    """One constraint as a query: its rows are the violations (``?this``, and ``?value``/``?path`` when bound)."""

    sparql: str
    shape: rdflib.term.Node  # the shape that reports it (sh:sourceShape)
    component: str  # e.g. "MinCount", for messages of shapes that have none
    severity: str = "Violation"
    message: str = ""  # may hold {?var} placeholders (SPARQL-based constraints)
    path: rdflib.term.Node | None = None


@dataclass
class _Compiler:
    shapes: rdflib.Graph
    subclasses: dict[rdflib.term.Node, list[rdflib.term.Node]]
    typed: dict[rdflib.term.Node, list[rdflib.term.Node]]  # class -> what the ontology itself types with it
    fresh: Iterator[int] = field(default_factory=itertools.count)

    def var(self) -> str:
        return f"?_v{next(self.fresh)}"

    # --- terms and paths ---------------------------------------------------------------------------------------

    def term(self, node: rdflib.term.Node) -> str:
        if isinstance(node, rdflib.BNode):
            raise UnsupportedShape(self.file, None, f"a blank node where a value is expected ({node})")
        return node.n3()

    def path(self, node: rdflib.term.Node) -> str:
        """A SHACL path as a SPARQL property path."""
        if isinstance(node, rdflib.URIRef):
            return node.n3()
        if (node, RDF.first, None) in self.shapes:
            return "(" + "/".join(self.path(step) for step in Collection(self.shapes, node)) + ")"
        for prop, form in ((SH.inversePath, "^{}"), (SH.zeroOrMorePath, "{}*"), (SH.oneOrMorePath, "{}+"),
                           (SH.zeroOrOnePath, "{}?")):
            inner = self.shapes.value(node, prop)
            if inner is not None:
                return "(" + form.format(self.path(inner)) + ")"
        alternatives = self.shapes.value(node, SH.alternativePath)
        if alternatives is not None:
            return "(" + "|".join(self.path(step) for step in Collection(self.shapes, alternatives)) + ")"
        raise UnsupportedShape(self.file, None, f"an unknown SHACL path {node}")

    def classes(self, cls: rdflib.term.Node) -> list[rdflib.term.Node]:
        return self.subclasses.get(cls, [cls])

    def instance_of(self, classes: list[rdflib.term.Node], v: str) -> str:
        """True when ``v`` is typed with one of ``classes`` or a subclass, in the data or the ontology. One probe
        per class (``EXISTS { v a C }``): with the type unbound, Oxigraph would scan every type the node has in
        every report graph that states it."""
        below = sorted({sub for cls in classes for sub in self.classes(cls)})
        tests = [f"EXISTS {{ {v} a {cls.n3()} }}" for cls in below]
        tests += [f"sameTerm({v}, {node.n3()})" for node in sorted({n for c in below for n in self.typed.get(c, [])})]
        return "(" + " || ".join(tests) + ")"

    def only_class(self, shape: rdflib.term.Node) -> bool:
        """A shape that is nothing but one sh:class (``[ sh:class gk:Law ]`` in an sh:or)."""
        return [name for name, _ in self.constraints(shape)] == ["class"] and self.shapes.value(shape, SH.path) is None

    # --- does a node conform to a constraint, a property shape, a shape? (SPARQL boolean expressions) -----------

    def value_check(self, name: str, arg: rdflib.term.Node, v: str, sink: list[str]) -> str:
        """An expression true when the node in ``v`` satisfies the value-type or logical constraint ``name``;
        patterns it needs beside it (where ``v`` is bound) are appended to ``sink``."""
        if name == "class":
            return self.instance_of([arg], v)
        if name == "datatype":
            return f"(isLiteral({v}) && datatype({v}) = {self.term(arg)})"
        if name == "nodeKind":
            return _NODE_KINDS[arg].format(v=v)
        if name == "in":
            items = [f"sameTerm({v}, {self.term(item)})" for item in Collection(self.shapes, arg)]
            return "(" + (" || ".join(items) or "false") + ")"
        if name in ("minLength", "maxLength"):
            op = ">=" if name == "minLength" else "<="
            return f"(!isBlank({v}) && STRLEN(STR({v})) {op} {int(arg)})"
        if name == "pattern":
            flags = self.shapes.value(self.current, SH.flags)
            extra = f", {rdflib.Literal(str(flags)).n3()}" if flags else ""
            return f"(!isBlank({v}) && REGEX(STR({v}), {rdflib.Literal(str(arg)).n3()}{extra}))"
        if name in _COMPARISON:
            return f"COALESCE({v} {_COMPARISON[name]} {self.term(arg)}, false)"
        if name == "node":
            return self.conforms(arg, v, sink)
        if name == "not":
            return f"!({self.conforms(arg, v, sink)})"
        if name == "or" and all(self.only_class(member) for member in Collection(self.shapes, arg)):
            # one test over the union of the classes: a node typed in hundreds of report graphs is looked up once
            return self.instance_of([self.shapes.value(m, SH["class"]) for m in Collection(self.shapes, arg)], v)
        if name in ("or", "and"):
            parts = [self.conforms(member, v, sink) for member in Collection(self.shapes, arg)]
            joiner = " || " if name == "or" else " && "
            return "(" + (joiner.join(parts) or ("false" if name == "or" else "true")) + ")"
        raise UnsupportedShape(self.file, None, f"sh:{name} is not supported by the SPARQL engine")

    def conforms(self, shape: rdflib.term.Node, v: str, sink: list[str]) -> str:
        """An expression true when the node in ``v`` conforms to ``shape`` (every constraint of it holds).

        A property constraint is decided for every node at once, by a subquery left-joined on ``v`` that flags the
        nodes (``sink``): Oxigraph evaluates an EXISTS over a path or with a nested filter by scanning the store
        once per row, but a subquery once."""
        parts = []
        path = self.shapes.value(shape, SH.path)
        previous, self.current = self.current, shape
        for name, arg in self.constraints(shape):
            if path is None:
                if name in _VALUE_CHECKS:
                    parts.append(self.value_check(name, arg, v, sink))
                elif name == "property":
                    parts.append(self.conforms(arg, v, sink))
                else:
                    raise UnsupportedShape(self.file, None, f"sh:{name} in a nested shape {shape}")
                continue
            p, y, flag = self.path(path), self.var(), self.var()
            if name in _VALUE_CHECKS:
                inner: list[str] = []
                condition = self.value_check(name, arg, y, inner)
                nodes, holds = f"{v} {p} {y} . {' '.join(inner)} FILTER(!({condition}))", False
            elif name == "minCount" and int(arg) <= 1:
                if int(arg) == 0:
                    continue
                nodes, holds = f"{v} {p} {y}", True
            elif name == "maxCount":
                nodes, holds = (f"{{ SELECT {v} WHERE {{ {v} {p} {y} }} GROUP BY {v} "
                                f"HAVING (COUNT(DISTINCT {y}) > {int(arg)}) }}"), False
            elif name == "hasValue":
                nodes, holds = f"{v} {p} {self.term(arg)}", True
            else:
                raise UnsupportedShape(self.file, None, f"sh:{name} {arg} in a nested property shape {shape}")
            sink.append(f"OPTIONAL {{ SELECT DISTINCT {v} (true AS {flag}) WHERE {{ {nodes} }} }}")
            parts.append(f"BOUND({flag})" if holds else f"!BOUND({flag})")
        self.current = previous
        return "(" + (" && ".join(parts) or "true") + ")"

    def constraints(self, shape: rdflib.term.Node) -> list[tuple[str, rdflib.term.Node]]:
        found = []
        for prop, arg in sorted(self.shapes.predicate_objects(shape)):
            if not str(prop).startswith(str(SH)):
                continue
            name = str(prop)[len(str(SH)):]
            if name not in _KNOWN:
                raise UnsupportedShape(self.file, None, f"shape {shape} uses sh:{name}, which the SPARQL engine "
                                                        "does not support (try --engine pyshacl)")
            if name not in ("path", "message", "severity", "name", "description", "order", "group", "declare",
                            "prefixes", "flags", "qualifiedMinCount", "qualifiedMaxCount",
                            "qualifiedValueShapesDisjoint") and not name.startswith("target"):
                found.append((name, arg))
        return found

    # --- the violations of a targeted shape (SELECT queries) ----------------------------------------------------

    def focus(self, shape: rdflib.term.Node) -> str | None:
        """A group pattern binding ``?this`` to every focus node of ``shape`` once, or None if it has no target."""
        branches = []
        for cls in self.shapes.objects(shape, SH.targetClass):
            branches += [f"{{ ?this a {sub.n3()} }}" for sub in self.classes(cls)]
        for prop in self.shapes.objects(shape, SH.targetSubjectsOf):
            branches.append(f"{{ ?this {self.term(prop)} ?_object }}")
        for prop in self.shapes.objects(shape, SH.targetObjectsOf):
            branches.append(f"{{ ?_subject {self.term(prop)} ?this }}")
        nodes = [self.term(node) for node in self.shapes.objects(shape, SH.targetNode)]
        if nodes:
            branches.append(f"{{ VALUES ?this {{ {' '.join(nodes)} }} }}")
        if not branches:
            return None
        return f"{{ SELECT DISTINCT ?this WHERE {{ {' UNION '.join(branches)} }} }}"

    def checks(self, shape: rdflib.term.Node, focus: str) -> Iterator[Check]:
        """One Check per constraint of ``shape`` and of its property shapes, for the focus nodes in ``focus``."""
        if (shape, SH.deactivated, rdflib.Literal(True)) in self.shapes:
            return
        for name, arg in self.constraints(shape):
            if name == "property":
                if (arg, SH.deactivated, rdflib.Literal(True)) not in self.shapes:
                    yield from self.property_checks(arg, focus)
            elif name == "sparql":
                yield self.sparql_check(shape, arg, focus)
            else:  # a node constraint: the value node is the focus node
                self.current, sink = shape, []
                condition = self.value_check(name, arg, "?this", sink)
                yield self.check(shape, name, f"SELECT DISTINCT ?this (?this AS ?value) WHERE {{ {focus} "
                                              f"{' '.join(sink)} FILTER(!({condition})) }}")
                if name == "node":  # pySHACL also reports why the node does not conform (sh:detail)
                    yield from self.checks(arg, focus)

    def property_checks(self, shape: rdflib.term.Node, focus: str) -> Iterator[Check]:
        path_node = self.shapes.value(shape, SH.path)
        p = self.path(path_node)
        self.current = shape
        for name, arg in self.constraints(shape):
            if name in _VALUE_CHECKS:
                sink: list[str] = []
                condition = self.value_check(name, arg, "?value", sink)
                sparql = (f"SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {p} ?value . {' '.join(sink)} "
                          f"FILTER(!({condition})) }}")
            elif name == "minCount":
                sparql = (f"SELECT ?this WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?value) AS ?_n) WHERE {{ {focus} "
                          f"OPTIONAL {{ ?this {p} ?value }} }} GROUP BY ?this }} FILTER(?_n < {int(arg)}) }}")
                if int(arg) == 1:
                    sparql = f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ ?this {p} ?value }} }}"
            elif name == "maxCount":
                sparql = (f"SELECT ?this WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?value) AS ?_n) WHERE {{ {focus} "
                          f"?this {p} ?value }} GROUP BY ?this }} FILTER(?_n > {int(arg)}) }}")
            elif name == "hasValue":
                sparql = f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ ?this {p} {self.term(arg)} }} }}"
            elif name == "lessThan":
                other = self.var()
                sparql = (f"SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {p} ?value . ?this "
                          f"{self.term(arg)} {other} FILTER(!COALESCE(?value < {other}, false)) }}")
            elif name == "qualifiedValueShape":
                yield from self.qualified(shape, arg, p, focus)
                continue
            else:
                raise UnsupportedShape(self.file, None, f"sh:{name} in the property shape {shape}")
            yield self.check(shape, name, sparql, path_node)
            if name == "node":  # pySHACL also reports why a value does not conform (sh:detail): its violations
                outer = self.var()
                values = f"{{ SELECT DISTINCT ?this WHERE {{ {{ SELECT (?this AS {outer}) WHERE {{ {focus} }} }} " \
                         f"{outer} {p} ?this }} }}"
                yield from self.checks(arg, values)
                self.current = shape

    def qualified(self, shape: rdflib.term.Node, qualified: rdflib.term.Node, p: str, focus: str) -> Iterator[Check]:
        if (shape, SH.qualifiedValueShapesDisjoint, rdflib.Literal(True)) in self.shapes:
            raise UnsupportedShape(self.file, None, f"sh:qualifiedValueShapesDisjoint in {shape}")
        sink: list[str] = []
        conforming = self.conforms(qualified, "?value", sink)
        path_node = self.shapes.value(shape, SH.path)
        counted = (f"{{ SELECT ?this (COUNT(DISTINCT ?value) AS ?_n) WHERE {{ {focus} OPTIONAL {{ ?this {p} ?value "
                   f". {' '.join(sink)} FILTER({conforming}) }} }} GROUP BY ?this }}")
        low = self.shapes.value(shape, SH.qualifiedMinCount)
        high = self.shapes.value(shape, SH.qualifiedMaxCount)
        if low is not None:
            yield self.check(shape, "qualifiedMinCount",
                             f"SELECT ?this WHERE {{ {counted} FILTER(?_n < {int(low)}) }}", path_node)
        if high is not None:
            yield self.check(shape, "qualifiedMaxCount",
                             f"SELECT ?this WHERE {{ {counted} FILTER(?_n > {int(high)}) }}", path_node)

    def sparql_check(self, shape: rdflib.term.Node, constraint: rdflib.term.Node, focus: str) -> Check:
        """A SPARQL-based constraint for all focus nodes at once: its SELECT with ``$this`` bound by ``focus``."""
        select = self.shapes.value(constraint, SH.select)
        if select is None:
            raise UnsupportedShape(self.file, None, f"the SPARQL constraint of {shape} has no sh:select")
        # the union of the report graphs repeats what several reports state: one row per solution, as in a graph
        text = re.sub(r"\bSELECT\s+(?!DISTINCT\b)", "SELECT DISTINCT ", str(select).replace("$this", "?this"),
                      count=1, flags=re.I)
        where = _WHERE.search(text)
        if where is None:
            raise UnsupportedShape(self.file, None, f"the sh:select of {shape} has no WHERE {{")
        text = _not_exists_as_minus(text, where.end())
        body = f"{text[:where.end()]} {focus} {text[where.end():]}"
        prefixes = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in self.prefixes(constraint))
        message = self.message(constraint) or self.message(shape)
        return Check(prefixes + body, shape, "SPARQL", self.severity(constraint, shape), message)

    def prefixes(self, constraint: rdflib.term.Node) -> Iterator[tuple[str, str]]:
        for source in self.shapes.objects(constraint, SH.prefixes):
            for declaration in self.shapes.objects(source, SH.declare):
                yield str(self.shapes.value(declaration, SH.prefix)), str(self.shapes.value(declaration,
                                                                                            SH.namespace))

    def check(self, shape: rdflib.term.Node, name: str, sparql: str, path: rdflib.term.Node | None = None) -> Check:
        component = name[0].upper() + name[1:]
        return Check(sparql, shape, component, self.severity(shape), self.message(shape), path)

    def message(self, node: rdflib.term.Node) -> str:
        messages = sorted(str(m) for m in self.shapes.objects(node, SH.message))
        return messages[0] if messages else ""

    def severity(self, *nodes: rdflib.term.Node) -> str:
        for node in nodes:
            severity = self.shapes.value(node, SH.severity)
            if severity is not None:
                return str(severity).rsplit("#", 1)[-1]
        return "Violation"

    current: rdflib.term.Node | None = None
    file: str = ""


def compile_shapes(path: str | Path, ontology: rdflib.Graph) -> list[Check]:
    """Every constraint of the shapes file at ``path`` as a query; subclasses are read from ``ontology``."""
    path = Path(path)
    try:
        shapes = rdflib.Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many parser error types
        raise ResourceError(path, None, f"cannot parse the SHACL shapes: {exc}") from exc
    return list(_compiled(path, shapes, ontology))


def _compiled(path: Path, shapes: rdflib.Graph, ontology: rdflib.Graph) -> Iterator[Check]:
    subclasses = _subclasses(ontology)
    compiler = _Compiler(shapes, subclasses, _typed(ontology))
    compiler.file = str(path)
    targeted = {s for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
                for s in shapes.subjects(p, None)}
    for shape in sorted(targeted):
        focus = compiler.focus(shape)
        if focus is not None:
            yield from compiler.checks(shape, focus)


def _subclasses(ontology: rdflib.Graph) -> dict[rdflib.term.Node, list[rdflib.term.Node]]:
    """Class -> itself and every class below it (rdfs:subClassOf*), sorted."""
    below: dict[rdflib.term.Node, set[rdflib.term.Node]] = {}
    for cls in set(ontology.subjects(RDFS.subClassOf, None)) | set(ontology.objects(None, RDFS.subClassOf)):
        for ancestor in ontology.transitive_objects(cls, RDFS.subClassOf):
            below.setdefault(ancestor, set()).add(cls)
    return {cls: sorted(found) for cls, found in below.items()}


def _typed(ontology: rdflib.Graph) -> dict[rdflib.term.Node, list[rdflib.term.Node]]:
    """Class -> the IRIs the ontology types with it (the legal ranks, the statuses): the store holds the report
    graphs only, so a value's class may be stated in the ontology alone."""
    typed: dict[rdflib.term.Node, set[rdflib.term.Node]] = {}
    for node, cls in ontology.subject_objects(RDF.type):
        if isinstance(node, rdflib.URIRef):
            typed.setdefault(cls, set()).add(node)
    return {cls: sorted(nodes) for cls, nodes in typed.items()}


def _not_exists_as_minus(query: str, body_start: int) -> str:
    """``FILTER NOT EXISTS { P }`` as ``MINUS { P }`` where both give the same rows: P is triple patterns only,
    in a WHERE of triple patterns, filters and binds only (no nested group), and every variable P shares with
    it is bound by a triple pattern before it. Oxigraph evaluates a NOT EXISTS over several patterns by a scan
    per row (more than 40 s for the relations of the Hebei corpus), a MINUS by one hash join (0.5 s); SHACL
    forbids MINUS in a constraint's own text, so the shapes keep NOT EXISTS."""
    match = _NOT_EXISTS.search(query, body_start)
    if match is None or re.search(r"\b(FILTER|BIND|OPTIONAL|UNION|GRAPH|SERVICE|VALUES)\b", match.group(1), re.I):
        return query
    before, after = query[body_start:match.start()], query[match.end():]
    if "{" in before or after.count("{") or after.count("}") != 1:
        return query
    inner = set(_VARIABLE.findall(match.group(1)))
    shared = inner & set(_VARIABLE.findall(before + after))
    patterns = re.sub(r"FILTER\s*\((?:[^()]|\([^()]*\))*\)", "", before, flags=re.I)
    if not shared or not shared <= set(_VARIABLE.findall(patterns)):
        return query
    return f"{query[:match.start()]}MINUS {{{match.group(1)}}}{query[match.end():]}"


def format_message(message: str, row: dict[str, str]) -> str:
    """A SPARQL-based constraint's message with ``{?var}`` replaced by the row's value, as pySHACL does."""
    return _TERM_VARIABLE.sub(lambda m: row.get(m.group(1), m.group()), message)
