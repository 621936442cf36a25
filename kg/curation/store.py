"""What curation asks of a built store: the entities a name denotes and the names near it (``kg curate``), and
the reports a changed curation file touches (``kg build --update``)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import replace

import pyoxigraph as ox

from kg.curation.file import Decision
from kg.errors import KGError
from kg.ingest import fold
from kg.model import ENTITY_TYPES, RELATION_SIGNATURES
from kg.namespace import GK
from kg.rdf.iri import DEFAULT_BASE, Minter
from kg.rdf.terms import DCTERMS, PROV, SKOS
from kg.rdf.vocab import relation_properties

_CLASSES = " ".join(f"<{GK}{name}>" for name in ENTITY_TYPES)
_NAMES = f"""SELECT DISTINCT ?entity ?key ?name WHERE {{
  VALUES ?class {{ {_CLASSES} }}
  ?entity a ?class ; <{DCTERMS.identifier.value}> ?key ; <{SKOS.prefLabel.value}>|<{SKOS.altLabel.value}> ?name }}"""


def entity_names(store: ox.Store) -> dict[str, set[str]]:
    """Every name (preferred, alternative, and the one in the key) -> the keys of the entities it names."""
    names: dict[str, set[str]] = {}
    for row in store.query(_NAMES, use_default_graph_as_union=True):
        key = row["key"].value
        for name in (row["name"].value, key, key.partition("/")[2]):
            names.setdefault(fold(name), set()).add(key)
    return names


def resolve_name(names: dict[str, set[str]], name: str) -> tuple[set[str], list[str]]:
    """(the keys ``name`` denotes, near names when it denotes none): what ``kg curate`` checks before writing."""
    type_, sep, rest = name.partition("/")
    if sep and type_ in ENTITY_TYPES:  # a key, or a class and a name
        keys = {key for key in names.get(fold(rest), set()) if key.startswith(f"{type_}/")}
    else:
        keys = names.get(fold(name), set())
    if keys:
        return keys, []
    return set(), difflib.get_close_matches(fold(name), list(names), n=5, cutoff=0.5)


def reports_to_recurate(store: ox.Store, decisions: Iterable[Decision], base: str = DEFAULT_BASE) -> set[str]:
    """The reports whose graphs a changed curation touches: those a decision no longer in the file was applied
    to, and those that name what a decision not yet applied anywhere names (its subject, or its report)."""
    mint = Minter(base)
    prefix = f"{mint.base}curation/"
    applied: dict[str, set[str]] = {}
    for quad in store.quads_for_pattern(None, PROV.wasInfluencedBy, None, None):
        graph, decision = quad.graph_name, quad.object.value
        if decision.startswith(prefix) and isinstance(graph, ox.NamedNode) and quad.subject == graph:
            applied.setdefault(decision, set()).add(mint.doc_id_of(graph.value))
    current = {f"{prefix}{d.id}": d for d in decisions}
    touched = set().union(*(docs for iri, docs in applied.items() if iri not in current))
    for iri, decision in current.items():
        if iri not in applied:
            touched |= _reports_naming(store, decision, mint)
    return touched


def _reports_naming(store: ox.Store, decision: Decision, mint: Minter) -> set[str]:
    """The reports a decision may change: its report alone when it names one, else those naming its subject."""
    if decision.report:
        return {decision.report}
    type_, sep, rest = decision.subject.partition("/")
    keyed = sep and type_ in ENTITY_TYPES
    name = rest if keyed else decision.subject
    literals = [ox.Literal(decision.subject)] if keyed else []
    literals += [ox.Literal(form, language=tag) for form in {name, fold(name)} for tag in ("zh-Hans", "zh-Hant")]
    found = set()
    for literal in literals:
        for predicate in (SKOS.prefLabel, SKOS.altLabel, DCTERMS.identifier):
            for quad in store.quads_for_pattern(None, predicate, literal, None):
                if isinstance(quad.graph_name, ox.NamedNode) and mint.is_report_graph(quad.graph_name.value):
                    found.add(mint.doc_id_of(quad.graph_name.value))
    if not keyed:  # a plain name may be the name in a key (Agency/<name>) of any class
        for type_name in ENTITY_TYPES:
            for quad in store.quads_for_pattern(None, DCTERMS.identifier, ox.Literal(f"{type_name}/{name}"), None):
                if isinstance(quad.graph_name, ox.NamedNode) and mint.is_report_graph(quad.graph_name.value):
                    found.add(mint.doc_id_of(quad.graph_name.value))
    return found


_FACT = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?assertion ?s ?p ?o WHERE { ?assertion rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } LIMIT 1"""
_SENTENCES = """PREFIX gk: <https://w3id.org/govkg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?text ?g ?report WHERE { GRAPH ?g { ?sentence a gk:Sentence ; oa:hasSource ?report ; rdf:value ?text } }"""


def check_decision(store: ox.Store, decision: Decision, base: str = DEFAULT_BASE) -> Decision:
    """``decision`` with its entities written as the keys they denote in ``store``; KGError (with near names)
    when a name denotes no entity or several, a fact to reject is not in the store, or a fact to accept is
    neither in the store nor quoted from the report named."""
    mint = Minter(base)
    names = entity_names(store)

    def key_of(name: str) -> str:
        keys, near = resolve_name(names, name)
        if not keys:
            hint = f"; near names: {', '.join(near)}" if near else ""
            raise KGError(f"no entity named {name!r} in the store{hint}")
        if len(keys) > 1:
            raise KGError(f"{name!r} names {len(keys)} entities: {', '.join(sorted(keys))}; write one of these keys")
        return next(iter(keys))

    if decision.report and mint.graph(decision.report) not in {g.value for g in store.named_graphs()}:
        raise KGError(f"no report {decision.report!r} in the store (`kg query reports` lists them)")
    subject = key_of(decision.subject)
    if decision.action == "rename":
        taken = names.get(fold(decision.object), set()) - {subject}
        if taken:
            raise KGError(f"{decision.object!r} already names {', '.join(sorted(taken))}: merge into it instead")
        return replace(decision, subject=subject)
    if decision.action == "reject" and not decision.predicate:
        return replace(decision, subject=subject)
    object_ = key_of(decision.object)
    if decision.action == "merge" and subject == object_:
        raise KGError(f"{decision.subject!r} and {decision.object!r} are already one entity, {subject}")
    if decision.action == "merge":
        if subject.partition("/")[0] != object_.partition("/")[0]:
            raise KGError(f"cannot merge {subject} into {object_}: entities of two classes")
        return replace(decision, subject=subject, object=object_)
    domain, range_ = RELATION_SIGNATURES[decision.predicate]
    if subject.partition("/")[0] not in domain or object_.partition("/")[0] not in range_:
        raise KGError(f"{decision.predicate} joins {'/'.join(sorted(domain))} to {'/'.join(sorted(range_))}, "
                      f"not {subject} to {object_}")
    fact = {ox.Variable("s"): ox.NamedNode(mint.entity(subject)), ox.Variable("o"): ox.NamedNode(mint.entity(object_)),
            ox.Variable("p"): ox.NamedNode(_relation_iri(decision.predicate))}
    exists = bool(list(store.query(_FACT, use_default_graph_as_union=True, substitutions=fact)))
    if decision.action == "reject" and not exists:
        raise KGError(f"no fact {subject} {decision.predicate} {object_} in the store to reject")
    if decision.action == "accept" and not exists:
        if not (decision.report and decision.quote):
            raise KGError(f"{subject} {decision.predicate} {object_} was not extracted: give --report and --quote "
                          "(the words of that report that state it) to add it")
        report = {ox.Variable("g"): ox.NamedNode(mint.graph(decision.report)),
                  ox.Variable("report"): ox.NamedNode(mint.report(decision.report))}
        texts = [row["text"].value for row in store.query(_SENTENCES, substitutions=report)]
        if not any(decision.quote in text or fold(decision.quote) in fold(text) for text in texts):
            raise KGError(f"the quote {decision.quote!r} is not in a sentence of report {decision.report}")
    return replace(decision, subject=subject, object=object_)


def _relation_iri(predicate: str) -> str:
    return str(relation_properties()[predicate])
