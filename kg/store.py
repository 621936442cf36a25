"""The on-disk RDF store: a pyoxigraph (RocksDB) directory holding one named graph per report.

Writes go one report at a time: ``add_report`` appends a report's quads in bulk (a fresh build), and
``replace_report`` drops that report's graph and writes the new one in a single SPARQL Update transaction, so
a reader never sees a half-replaced report. Queries (kg.query) see the union of all named graphs as the
default graph: that union is the "default-graph merge" of all reports.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError
from kg.paths import ontology_path
from kg.rdf.iri import DEFAULT_BASE, Minter
from kg.rdf.vocab import ontology

ONTOLOGY_GRAPH = "https://w3id.org/govkg/ontology"
_MARKER = "CURRENT"  # every RocksDB directory has it


def open_store(path: str | Path, *, read_only: bool = False, create: bool = True) -> ox.Store:
    """Open the store at ``path``; read-write creates it (unless ``create=False``), read-only requires it."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: not a directory, so not an RDF store")
    is_store = (path / _MARKER).is_file()
    if read_only or not create:
        if not path.exists():
            raise StoreError(f"{path}: no store here (build one first with `kg build`)")
        if not is_store:
            raise StoreError(f"{path}: not an RDF store (no RocksDB {_MARKER} file)")
    elif path.exists() and any(path.iterdir()) and not is_store:
        raise StoreError(f"{path}: not an RDF store and not empty; refusing to write into it")
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except (OSError, RuntimeError) as exc:  # RocksDB reports a damaged store as a RuntimeError
        raise damaged_or_locked(path, exc) from exc


def damaged_or_locked(path: Path, exc: BaseException) -> StoreError:
    """One line for a store that RocksDB cannot open or read: locked, damaged, or another problem."""
    message = " ".join(str(exc).split())
    if "corruption" in message.lower() or "no such file" in message.lower():
        return StoreError(f"{path}: the store is damaged ({message[:200]}); rebuild it with `kg build` "
                          "(without --update), or restore the folder from a backup")
    if "lock" in message.lower():
        return StoreError(f"{path}: locked by another process (a running `kg build` or `kg serve`?); "
                          "close it or open the store read-only")
    return StoreError(f"{path}: cannot open the RDF store: {message}")


def as_store(store_or_path: ox.Store | str | Path, *, read_only: bool = True) -> ox.Store:
    """A store as given, or the store at a path (read-only by default: readers never lock out a writer)."""
    if isinstance(store_or_path, ox.Store):
        return store_or_path
    return open_store(store_or_path, read_only=read_only, create=False)


def _graph(graph: ox.NamedNode | str) -> ox.NamedNode:
    return graph if isinstance(graph, ox.NamedNode) else ox.NamedNode(graph)


def add_report(store: ox.Store, quads: Iterable[ox.Quad]) -> int:
    """Append quads (one report's graph) in bulk; returns how many were given. For fresh builds."""
    quads = list(quads)
    try:
        store.bulk_extend(quads)
    except (OSError, RuntimeError) as exc:
        raise StoreError(f"cannot add quads to the store: {exc}") from exc
    return len(quads)


def replace_report(store: ox.Store, graph: ox.NamedNode | str, quads: Iterable[ox.Quad]) -> int:
    """Drop ``graph`` and write ``quads`` into it, in one transaction; returns how many quads were written.

    The quads are written as an ``INSERT DATA`` of their N-Triples serialisation (pyoxigraph's own term
    syntax, no user text is pasted); every quad must belong to ``graph``.
    """
    graph = _graph(graph)
    lines = []
    for quad in quads:
        if quad.graph_name != graph:
            raise StoreError(f"quad {quad} is not in graph {graph}")
        lines.append(f"{quad.subject} {quad.predicate} {quad.object} .")
    body = "\n".join(lines)
    try:
        store.update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}")
    except (OSError, RuntimeError, SyntaxError) as exc:
        raise StoreError(f"cannot replace {graph.value}: {exc}") from exc
    return len(lines)


def remove_report(store: ox.Store, graph: ox.NamedNode | str) -> None:
    try:
        store.remove_graph(_graph(graph))
    except (OSError, RuntimeError) as exc:
        raise StoreError(f"cannot remove {_graph(graph).value}: {exc}") from exc


def add_ontology(store: ox.Store) -> int:
    """(Re)load ontology/govkg.ttl into its own named graph, so queries can read class and concept labels."""
    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    ontology()  # parse once with rdflib first: a broken file is reported as a ResourceError with its path
    store.remove_graph(graph)
    store.load(path=str(ontology_path()), format=ox.RdfFormat.TURTLE, to_graph=graph)
    return count_quads(store, graph)


def finish(store: ox.Store, compact: bool = True) -> None:
    """Flush and compact after a build: bulk loads leave many small files that slow later reads."""
    try:
        store.flush()
        if compact:
            store.optimize()
    except (OSError, RuntimeError) as exc:
        raise StoreError(f"cannot flush the store: {exc}") from exc


def report_graphs(store: ox.Store, base: str = DEFAULT_BASE) -> list[str]:
    """IRIs of the report graphs (``<base>report/<doc_id>/graph``), sorted."""
    mint = Minter(base)
    return sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode) and
                  mint.is_report_graph(g.value))


def report_ids(store: ox.Store, base: str = DEFAULT_BASE) -> list[str]:
    """doc_ids of the reports in the store, sorted."""
    mint = Minter(base)
    return sorted(mint.doc_id_of(graph) for graph in report_graphs(store, base))


def count_quads(store: ox.Store, graph: ox.NamedNode | str | None = None) -> int:
    """Quads in the whole store, or in one named graph."""
    if graph is None:
        return len(store)
    return sum(1 for _ in store.quads_for_pattern(None, None, None, _graph(graph)))
