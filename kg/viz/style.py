"""Colours and shapes of the drawn graph, read from kg/resources/viz/style.yaml (data, not code paths)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import URIRef

from kg.errors import ResourceError
from kg.namespace import GK, RDFS
from kg.rdf.vocab import ontology, relation_properties
from kg.resources import read_yaml, resource_path

STYLE_FILE = "viz/style.yaml"


@dataclass(frozen=True, slots=True)
class ClassStyle:
    colour: str
    shape: str
    symbol: str


@cache
def class_styles() -> dict[str, ClassStyle]:
    """Class name -> style, in the file's order (the legend's order); ``other`` last."""
    data = read_yaml(STYLE_FILE)
    try:
        styles = {name: ClassStyle(**spec) for name, spec in data["classes"].items()}
        styles["other"] = ClassStyle(**data["other"])
    except (KeyError, TypeError) as exc:
        raise ResourceError(resource_path(STYLE_FILE), None, f"bad class style: {exc}") from exc
    return styles


def class_style(cls: str) -> ClassStyle:
    styles = class_styles()
    return styles.get(cls, styles["other"])


@cache
def relation_colours() -> dict[str, str]:
    """Relation name -> edge colour; every relation type of the ontology must have one."""
    colours = dict(read_yaml(STYLE_FILE)["relations"])
    missing = sorted(set(relation_properties()) - set(colours))
    if missing:
        raise ResourceError(resource_path(STYLE_FILE), None, f"no colour for relations {missing}")
    return colours


@cache
def community_colours() -> tuple[str, ...]:
    return tuple(read_yaml(STYLE_FILE)["communities"])


@cache
def zh_label(name: str) -> str:
    """The ontology's Chinese label of a class or relation property (empty when it has none)."""
    iri = relation_properties().get(name) or str(GK) + name
    labels = [str(label) for label in ontology().objects(URIRef(iri), RDFS.label)
              if str(getattr(label, "language", "")).lower() == "zh-hans"]
    return labels[0] if labels else ""
