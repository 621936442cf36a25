"""Extraction -> RDF: the quads of one report's named graph, and the IRI scheme behind them.

``to_quads(extraction, base)`` is the one entry point; ``Minter`` names every node (see kg/rdf/iri.py).
"""

from kg.rdf.convert import graph_name, to_quads
from kg.rdf.iri import DEFAULT_BASE, Minter

__all__ = ["DEFAULT_BASE", "Minter", "graph_name", "to_quads"]
