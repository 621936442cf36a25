"""The place hierarchy in a report's graph: each place it names -> the place right above it, up to the country.

The links come from the division codes (decision §4), not from the report's words, so they are plain
``gk:within`` triples without an assertion; each report's graph states the chain of the places it names, so a
report's graph can still be replaced alone, and "every body in 广东" is ``?body gk:locatedIn/gk:within* ?广东``.
Divisions above a named place (广东省 above 深圳市) get their type, labels and code here when the report does
not name them.
"""

from __future__ import annotations

from typing import Protocol

import pyoxigraph as ox

from kg.model import Entity
from kg.rdf.terms import DCTERMS, GK, RDFS, SKOS
from kg.rdf.vocab import hans


class _Graph(Protocol):
    mint: object
    entities: dict[str, Entity]

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None: ...
    def add_types(self, node: ox.NamedNode, cls: ox.NamedNode) -> None: ...


def describe_place_hierarchy(graph: _Graph) -> None:
    """gk:within from every Place of the report to the place above it, and on up to the country."""
    from kg.resolve.places import hierarchy  # the gazetteer comes through kg.nlp (spaCy): only when converting

    for entity in [e for e in graph.entities.values() if e.type == "Place"]:
        child = ox.NamedNode(graph.mint.entity(entity.key))
        for name, division in hierarchy(entity.name, entity.attributes.get("divisionCode")):
            key = f"Place/{name}"
            parent = ox.NamedNode(graph.mint.entity(key))
            graph.add(child, GK.within, parent)
            if key not in graph.entities:
                _describe_place(graph, parent, key, division.code if division else None)
            child = parent


def preferred_label(key: str) -> str:
    """The name a key was made of, without the report or the division code that keep it apart."""
    name = key.partition("/")[2]
    return name.rsplit("@", 1)[0].split("#")[0] if "@" in name or "#" in name else name


def _describe_place(graph: _Graph, node: ox.NamedNode, key: str, code: str | None) -> None:
    label = hans(preferred_label(key))
    graph.add_types(node, GK.Place)
    graph.add(node, SKOS.prefLabel, label)
    graph.add(node, RDFS.label, label)
    graph.add(node, DCTERMS.identifier, ox.Literal(key))
    if code:
        graph.add(node, GK.divisionCode, ox.Literal(code))
