"""Dump the store to a file: one merged graph (Turtle, N-Triples, RDF/XML) or one graph per report (TriG,
N-Quads, JSON-LD).

The merged graph is the set union of the report graphs (each triple once, however many reports state it);
dataset formats keep each report's named graph. Only report graphs are exported; ``with_ontology`` adds
ontology/govkg.ttl (merged in, or as its own named graph); ``inferred`` adds what the OWL 2 RL closure
(kg.reason) derives (merged in, or as the named graph kg.reason.INFERRED_GRAPH). The same store gives the
same bytes (the ontology's blank nodes aside); files are written next to the target and renamed into place, so
a reader never sees half a file.

TriG and N-Quads of a store that holds report graphs only (what ``kg build`` writes) are written by Oxigraph's
own serialiser straight from the store into the file (``Store.dump`` to a path: no Python object per quad, and
no GIL held, so it runs beside other work), in the store's index order, with our prefixes. Other stores (an
ontology or foreign graph loaded beside the reports) and the merged Turtle and N-Triples are streamed report
graph by report graph (``stream_quads``, ``stream_triples``) in the store's order: memory holds one report's
graph, not the store. The merged graph states each triple once: only triples about shared nodes (entities,
rules) can come from several reports, and those are remembered by a 64-bit digest. The other formats, and any
export with the inferred closure, are sorted in memory.

A build's own graph.ttl and graph.trig beside the store are handed out (copied) instead, when its manifest
proves they are the export of the store as it is: the store's fingerprint recorded beside it (kg.manifest
.store_fingerprint: any write to the store, even a read-write open, changes it) and the manifest's checksums of
the files, checked as they are copied.
Same RDF as the dump (tests compare them), in the build's order rather than the store's; Oxigraph decodes every
term of the store back from RocksDB, 7 CPU s for the Hebei graph, which the copy does not.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.errors import StoreError
from kg.manifest import read_manifest, store_unchanged
from kg.namespace import PREFIXES
from kg.paths import ontology_path
from kg.rdf.iri import DEFAULT_BASE, Minter, export_prefixes
from kg.reason import INFERRED_GRAPH, inferred_triples
from kg.store import ONTOLOGY_GRAPH, as_store, report_graphs

MERGED = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML}
DATASET = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS, "jsonld": None}
ALIASES = {"ttl": "turtle", "nt": "ntriples", "nq": "nquads", "xml": "rdfxml", "rdf": "rdfxml",
           "json-ld": "jsonld", "json": "jsonld"}
FORMATS = tuple(MERGED) + tuple(DATASET)
STREAMED = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
            "nquads": ox.RdfFormat.N_QUADS}


def export(store: ox.Store | str | Path, fmt: str, out_path: str | Path, with_ontology: bool = False,
           base: str = DEFAULT_BASE, inferred: bool = False) -> int:
    """Write the store's report graphs to ``out_path`` in ``fmt``; returns the number of triples/quads."""
    fmt = ALIASES.get(fmt.lower(), fmt.lower())
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if isinstance(store, str | Path) and not (with_ontology or inferred):
        copied = _copy_built(Path(store), fmt, Path(out_path), base)
        if copied is not None:
            return copied
    store = as_store(store)
    prefixes = export_prefixes(base)
    if not inferred and fmt in DATASET and fmt != "jsonld" and _reports_only(store, base):
        write_atomic_path(Path(out_path), lambda tmp: _dump(store, tmp, STREAMED[fmt], prefixes, with_ontology))
        return len(store) + (_ontology_size() if with_ontology else 0)
    if not inferred and fmt in STREAMED:
        stream = stream_triples(store, base, with_ontology) if fmt in MERGED else stream_quads(store, base,
                                                                                                with_ontology)
        counted = _Counted(stream)
        write_atomic(Path(out_path), lambda fh: ox.serialize(counted, fh, STREAMED[fmt], prefixes=prefixes))
        return counted.count
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


BUILT = {"turtle": "graph.ttl", "trig": "graph.trig"}  # what a build writes beside its store, by format


class _Changed(Exception):
    """A build's file that is not what its manifest says."""


def _copy_built(store: Path, fmt: str, out_path: Path, base: str) -> int | None:
    """Copy the build's own file of ``fmt`` to ``out_path`` and return its statements, if the manifest beside the
    store proves it the export of the store as it is now; else None, nothing written (the store is read)."""
    folder, name = store.parent, BUILT.get(fmt)
    manifest, _ = read_manifest(folder)
    if name is None or manifest is None or manifest.base != Minter(base).base:
        return None
    count, checksum = manifest.statements.get(name), manifest.exports.get(name)
    try:
        if count is None or checksum is None or not store_unchanged(folder):
            return None
        write_atomic(out_path, lambda target: _copy_checked(folder / name, target, checksum))
    except (_Changed, FileNotFoundError):
        return None
    return count


def _copy_checked(source: Path, target: BinaryIO, checksum: str) -> None:
    """Copy ``source`` and check its SHA-256 on the way (raises _Changed: the copy is then discarded)."""
    digest = hashlib.sha256()
    with source.open("rb") as data:
        while block := data.read(4 << 20):
            digest.update(block)
            target.write(block)
    if digest.hexdigest() != checksum:
        raise _Changed(source)


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


class _Counted:
    """An iterator that counts what it yields (the export's return value, known once it is written)."""

    def __init__(self, items: Iterator[ox.Quad] | Iterator[ox.Triple]) -> None:
        self.items, self.count = items, 0

    def __iter__(self) -> _Counted:
        return self

    def __next__(self) -> ox.Quad | ox.Triple:
        item = next(self.items)
        self.count += 1
        return item


def _reports_only(store: ox.Store, base: str) -> bool:
    """Does the store hold report graphs and nothing else (so that a dump of it is the export)?"""
    mint = Minter(base)
    if next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        return False
    return all(isinstance(g, ox.NamedNode) and mint.is_report_graph(g.value) for g in store.named_graphs())


def _dump(store: ox.Store, path: Path, fmt: ox.RdfFormat, prefixes: dict[str, str], with_ontology: bool) -> None:
    store.dump(str(path), fmt, prefixes=prefixes if fmt != ox.RdfFormat.N_QUADS else None)
    if with_ontology:  # a second TriG document appended is still one TriG document (prefixes may be restated)
        graph = ox.NamedNode(ONTOLOGY_GRAPH)
        schema = [ox.Quad(t.subject, t.predicate, t.object, graph)
                  for t in ox.parse(path=str(ontology_path()), format=ox.RdfFormat.TURTLE)]
        with path.open("ab") as fh:
            fh.write(b"\n")
            ox.serialize(schema, fh, fmt, prefixes=prefixes if fmt != ox.RdfFormat.N_QUADS else None)


def _ontology_size() -> int:
    return sum(1 for _ in ox.parse(path=str(ontology_path()), format=ox.RdfFormat.TURTLE))


def stream_quads(store: ox.Store, base: str = DEFAULT_BASE, with_ontology: bool = False) -> Iterator[ox.Quad]:
    """Every quad of the report graphs, graph by graph (sorted by IRI), then the ontology graph if asked."""
    for graph in report_graphs(store, base):
        yield from store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
    if with_ontology:
        graph = ox.NamedNode(ONTOLOGY_GRAPH)
        for triple in ox.parse(path=str(ontology_path()), format=ox.RdfFormat.TURTLE):
            yield ox.Quad(triple.subject, triple.predicate, triple.object, graph)


def stream_triples(store: ox.Store, base: str = DEFAULT_BASE, with_ontology: bool = False) -> Iterator[ox.Triple]:
    """The merged graph, each triple once: a triple about a report's own nodes (its IRI and what is minted
    under it) is in that report's graph only; the others are checked against the digests of those written."""
    own = f"{Minter(base).base}report/"
    seen: set[bytes] = set()
    for quad in stream_quads(store, base, with_ontology):
        subject = quad.subject
        if not (isinstance(subject, ox.NamedNode) and subject.value.startswith(own)):
            digest = hashlib.blake2b(str(quad.triple).encode(), digest_size=8).digest()
            if digest in seen:
                continue
            seen.add(digest)
        yield quad.triple


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


def write_atomic_path(out: Path, write: Callable[[Path], object]) -> None:
    """As ``write_atomic``, for writers that take a path (Oxigraph writes the file itself, without the GIL)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        write(tmp)
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_atomic(out: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write beside ``out`` and rename over it: the target is either the old file or the complete new one."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with tmp.open("wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
