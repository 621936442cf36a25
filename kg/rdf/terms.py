"""The vocabularies govkg writes (kg.namespace), as pyoxigraph nodes for the code that builds quads.

``GK.start`` here is the pyoxigraph node of ``kg.namespace.GK.start``: each term is looked up in the closed rdflib
namespace once (a misspelled one still raises) and then kept as a plain attribute. The converter names a term
for every quad it writes; rdflib's closed-namespace lookup, made per quad, was a tenth of the conversion.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg import namespace as ns
from kg.rdf.vocab import term

__all__ = ["DCTERMS", "ELI", "GK", "OA", "ORG", "PROV", "RDF", "RDFS", "SDO", "SKOS", "SPDX", "XSD", "Terms"]


class Terms:
    """A closed rdflib namespace's terms as pyoxigraph nodes, each built on first use."""

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        node = term(getattr(self._namespace, name))
        setattr(self, name, node)
        return node

    def __getitem__(self, name: str) -> ox.NamedNode:
        return getattr(self, name)


DCTERMS, ELI, GK, OA, ORG, PROV, RDF, RDFS, SDO, SKOS, SPDX, XSD = (
    Terms(namespace) for namespace in (ns.DCTERMS, ns.ELI, ns.GK, ns.OA, ns.ORG, ns.PROV, ns.RDF, ns.RDFS, ns.SDO,
                                       ns.SKOS, ns.SPDX, ns.XSD))
