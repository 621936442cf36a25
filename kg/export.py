"""Dump the store to a file: one merged graph (Turtle, N-Triples, RDF/XML) or one graph per report (TriG,
N-Quads, JSON-LD).

The merged graph is the set union of the report graphs (each triple once, however many reports state it);
dataset formats keep each report's named graph. Only report graphs are exported; ``with_ontology`` adds
ontology/govkg.ttl (merged in, or as its own named graph); ``inferred`` adds what the OWL 2 RL closure
(kg.reason) derives (merged in, or as the named graph kg.reason.INFERRED_GRAPH). Output is sorted, so the
same store gives the same bytes (the ontology's blank nodes aside), and is written next to the target and
renamed into place, so a reader never sees half a file.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.errors import StoreError
from kg.namespace import PREFIXES
from kg.paths import ontology_path
from kg.rdf.iri import DEFAULT_BASE, Minter
from kg.reason import INFERRED_GRAPH, inferred_triples
from kg.store import ONTOLOGY_GRAPH, as_store, report_graphs

MERGED = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML}
DATASET = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS, "jsonld": None}
ALIASES = {"ttl": "turtle", "nt": "ntriples", "nq": "nquads", "xml": "rdfxml", "rdf": "rdfxml",
           "json-ld": "jsonld", "json": "jsonld"}
FORMATS = tuple(MERGED) + tuple(DATASET)


def export(store: ox.Store | str | Path, fmt: str, out_path: str | Path, with_ontology: bool = False,
           base: str = DEFAULT_BASE, inferred: bool = False) -> int:
    """Write the store's report graphs to ``out_path`` in ``fmt``; returns the number of triples/quads."""
    fmt = ALIASES.get(fmt.lower(), fmt.lower())
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    store = as_store(store)
    prefixes = {**PREFIXES, **Minter(base).prefixes()}
    extra = _inferred(store, base, with_ontology) if inferred else []
    if fmt in MERGED:
        triples = sorted(set(merged_triples(store, base, with_ontology)).union(extra), key=_triple_key)
        if fmt == "rdfxml":
            write_atomic(Path(out_path), lambda fh: fh.write(_rdfxml(triples, prefixes)))
        else:
            write_atomic(Path(out_path), lambda fh: ox.serialize(triples, fh, MERGED[fmt], prefixes=prefixes))
        return len(triples)
    graph = ox.NamedNode(INFERRED_GRAPH)
    quads = dataset_quads(store, base, with_ontology)
    quads += [ox.Quad(t.subject, t.predicate, t.object, graph) for t in extra]
    if fmt == "jsonld":
        write_atomic(Path(out_path), lambda fh: fh.write(_jsonld(quads, prefixes)))
    else:
        write_atomic(Path(out_path), lambda fh: ox.serialize(quads, fh, DATASET[fmt], prefixes=prefixes))
    return len(quads)


def merged_triples(store: ox.Store, base: str = DEFAULT_BASE, with_ontology: bool = False) -> list[ox.Triple]:
    """The default-graph merge: every triple of every report graph once, sorted."""
    triples = {quad.triple for graph in report_graphs(store, base)
               for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))}
    if with_ontology:
        triples.update(ox.parse(path=str(ontology_path()), format=ox.RdfFormat.TURTLE))
    return sorted(triples, key=_triple_key)


def dataset_quads(store: ox.Store, base: str = DEFAULT_BASE, with_ontology: bool = False) -> list[ox.Quad]:
    """Every quad of the report graphs (and of the ontology graph if asked), sorted by graph then triple."""
    quads = [quad for graph in report_graphs(store, base)
             for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))]
    if with_ontology:
        graph = ox.NamedNode(ONTOLOGY_GRAPH)
        quads += [ox.Quad(t.subject, t.predicate, t.object, graph)
                  for t in ox.parse(path=str(ontology_path()), format=ox.RdfFormat.TURTLE)]
    return sorted(quads, key=lambda q: (str(q.graph_name), *_triple_key(q.triple)))


_RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")


def _inferred(store: ox.Store, base: str, with_ontology: bool) -> list[ox.Triple]:
    return inferred_triples(merged_triples(store, base), include_schema=with_ontology)


def _triple_key(triple: ox.Triple) -> tuple[str, bool, str, str]:
    """Subject, then rdf:type first (Turtle reads "x a Class ; ..."), then predicate and object."""
    return str(triple.subject), triple.predicate != _RDF_TYPE, str(triple.predicate), str(triple.object)


# XML 1.0 has no way to write these, not even as &#...; references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _rdfxml(triples: list[ox.Triple], prefixes: dict[str, str]) -> bytes:
    """RDF/XML by pyoxigraph, with carriage returns as ``&#13;`` (a parser turns a raw CR into LF).

    A literal with a control character XML 1.0 forbids (form feed, escape ...) cannot be written at all:
    StoreError naming it, rather than a file no XML parser reads.
    """
    for triple in triples:
        value = triple.object.value if isinstance(triple.object, ox.Literal) else ""
        bad = _NOT_XML.search(value)
        if bad:
            raise StoreError(f"RDF/XML cannot hold the character U+{ord(bad.group()):04X} in a literal of "
                             f"{triple.subject} ({value[:40]!r}); export as turtle, ntriples or jsonld instead")
    return ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=prefixes).replace(b"\r", b"&#13;")


def _jsonld(quads: list[ox.Quad], prefixes: dict[str, str]) -> bytes:
    """JSON-LD by rdflib (compacted with our prefixes as the context), one named graph per report."""
    import rdflib

    dataset = rdflib.Dataset()
    dataset.parse(data=ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
    document = json.loads(dataset.serialize(format="json-ld", context=prefixes))
    return json.dumps(_sorted_json(document), ensure_ascii=False, indent=1).encode("utf-8")


def _sorted_json(value: object, key: str = "") -> object:
    """rdflib emits nodes in hash order; JSON-LD arrays are sets (except ``@list``), so sort them."""
    if isinstance(value, dict):
        return {k: _sorted_json(v, k) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        if key == "@list":
            return items
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value


def write_atomic(out: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write beside ``out`` and rename over it: the target is either the old file or the complete new one."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
