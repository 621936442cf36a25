"""What the converter reads from ontology/govkg.ttl, and small helpers to build pyoxigraph terms.

The ontology is the single source of truth for three tables, so that code and vocabulary cannot drift apart:
which property expresses each relation type (``gk:relationType``), which classes an instance of a class also
belongs to (the ``rdfs:subClassOf`` closure, materialised so that SPARQL without reasoning finds
``org:Organization`` or ``eli:LegalResource``), and the concepts of the SKOS schemes (legal rank, status).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache, lru_cache

import opencc
import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDFS, SKOS

from kg.errors import ResourceError
from kg.model import RELATION_TYPES
from kg.namespace import GK, XSD
from kg.paths import ontology_path

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_T2S = opencc.OpenCC("t2s")
_INTEGER = ox.NamedNode(str(XSD.integer))


@cache
def term(iri: str) -> ox.NamedNode:
    """A vocabulary IRI as a pyoxigraph node (cached: the same few terms are built millions of times).

    Only for vocabulary terms: data IRIs are built with ``ox.NamedNode`` so that the cache stays small.
    """
    return ox.NamedNode(str(iri))


@cache
def ontology() -> rdflib.Graph:
    path = ontology_path()
    try:
        return rdflib.Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several parser error types
        raise ResourceError(path, None, f"cannot parse the ontology: {exc}") from exc


@cache
def classes_of(cls: str) -> tuple[str, ...]:
    """``cls`` and every named class above it in the ontology, sorted (deterministic output)."""
    graph = ontology()
    found = {
        str(sup)
        for sup in graph.transitive_objects(rdflib.URIRef(str(cls)), RDFS.subClassOf)
        if isinstance(sup, rdflib.URIRef)
    }
    found.add(str(cls))
    return tuple(sorted(found))


@cache
def relation_properties() -> dict[str, str]:
    """Relation type (gold/SCHEMA.md) -> property IRI, from the ``gk:relationType`` annotations."""
    graph = ontology()
    table = {str(name): str(prop) for prop, name in graph.subject_objects(GK.relationType)}
    missing = sorted(set(RELATION_TYPES) - set(table))
    if missing:
        raise ResourceError(ontology_path(), None, f"no property has gk:relationType {missing}")
    return table


@cache
def concepts(scheme: str) -> dict[str, str]:
    """Every label and notation (case-folded) of the concepts in ``scheme`` -> concept IRI."""
    graph = ontology()
    table: dict[str, str] = {}
    for concept in graph.subjects(SKOS.inScheme, rdflib.URIRef(str(scheme))):
        for prop in (SKOS.notation, SKOS.prefLabel, SKOS.altLabel):
            for label in graph.objects(concept, prop):
                table[str(label).casefold()] = str(concept)
    return table


def concept(scheme: str | ox.NamedNode, value: str) -> str | None:
    """The concept of ``scheme`` named ``value`` (notation, preferred or alternative label), if any."""
    return concepts(_iri(scheme)).get(value.strip().casefold())


@cache
def class_terms(cls: str | ox.NamedNode) -> tuple[ox.NamedNode, ...]:
    """``classes_of`` as pyoxigraph nodes: the rdf:type objects an instance of ``cls`` gets."""
    return tuple(term(sup) for sup in classes_of(_iri(cls)))


def _iri(node: str | ox.NamedNode) -> str:
    return node.value if isinstance(node, ox.NamedNode) else str(node)


def fold(text: str) -> str:
    """Traditional -> Simplified (OpenCC t2s), the folding used to tell zh-Hant forms apart."""
    return _T2S.convert(text)


def zh_literal(text: str) -> ox.Literal:
    """Chinese text tagged by script: @zh-Hant when folding changes it, else @zh-Hans if it has Han."""
    if not _HAN.search(text):
        return ox.Literal(text)
    return ox.Literal(text, language="zh-Hant" if fold(text) != text else "zh-Hans")


def name_literal(text: str) -> ox.Literal:
    """A name as the graph holds its Simplified form: folded and @zh-Hans, or a plain string without Han (as
    ``zh_literal`` writes such labels). Every label and alias is stored in this form too (``describe_alias``),
    so a query parameter bound with it finds an entity by any spelling with one exact triple pattern."""
    text = text.strip()
    return hans(fold(text)) if _HAN.search(text) else ox.Literal(text)


def hans(text: str) -> ox.Literal:
    """A Simplified-Chinese literal (canonical names are Simplified by contract)."""
    return ox.Literal(text, language="zh-Hans")


def integer(value: int) -> ox.Literal:
    """xsd:integer, not a derived type: Oxigraph stores every integer type as xsd:integer, so
    xsd:nonNegativeInteger (Web Annotation's range for oa:start/oa:end) would not survive the store."""
    return ox.Literal(str(int(value)), datatype=_INTEGER)


@lru_cache(maxsize=4096)  # confidences repeat: a few values for thousands of annotations
def decimal(value: float) -> ox.Literal:
    """xsd:decimal in the XSD 1.1 canonical form Oxigraph stores ("1", "0.85"), rounded to 4 places."""
    text = format(Decimal(str(round(float(value), 4))).normalize(), "f")
    return ox.Literal(text, datatype=term(XSD.decimal))


def typed(value: str, datatype: str | ox.NamedNode) -> ox.Literal:
    return ox.Literal(value, datatype=datatype if isinstance(datatype, ox.NamedNode) else term(datatype))
