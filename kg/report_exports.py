"""graph.trig and graph.ttl of a fresh build, assembled from blocks the workers serialised, not read back.

Reading the store back costs about 5 µs a quad (RocksDB gives every term back one by one: 7 CPU s for the Hebei
graph, and a full build read it for graph.ttl and again for graph.trig), while each worker already holds its
report's quads. So the worker sorts them, has Oxigraph serialise them (``report_blocks``: about 0.7 µs a quad,
on the worker cores) and sends its report's TriG block, the Turtle of the triples about the report's own nodes,
and the N-Triples lines about shared nodes (entities, rules) beside the N-Quads the store is loaded from. The
parent writes the blocks as they arrive (``AssembledExports``); the links between reports and the shared triples,
each once, are appended at the end.

Same RDF as the store: graph.trig parses to its dataset and graph.ttl to its union graph, each triple once (tests
compare them on the seeds). An update has not every report's quads in hand: ``read_back`` reads each report graph
back from the store into the same blocks, so an update writes the bytes a fresh build of the same reports writes.
Reports come in the order of their ids, each report's quads sorted by their N-Quads line, the links between
reports in blocks of their own at the end of graph.trig; ``kg export`` (Oxigraph's dump) writes the same RDF in
the store's order. A report graph with a blank node gives no blocks (labels of different reports would merge in
one file): the build then exports the store with kg.export.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.rdf.iri import Minter, export_prefixes
from kg.rdf.links import RELATED
from kg.store import report_ids

TRIG, TURTLE = "graph.trig", "graph.ttl"


@dataclass(frozen=True, slots=True)
class ReportBlocks:
    """One report's share of graph.trig and graph.ttl, serialised by the worker that extracted it."""

    trig: bytes  # its named graph as one TriG block (no prefix lines)
    turtle: bytes  # Turtle of the triples about the report's own nodes, which no other report graph states
    shared: bytes  # N-Triples lines about shared nodes (entities, rules): graph.ttl states each of them once
    own: int = 0  # the triples in ``turtle`` (the report graph's quads: these and the lines of ``shared``)


def report_blocks(quads: list[ox.Quad], nquads: bytes, graph: str, base: str) -> ReportBlocks | None:
    """The blocks of one report graph: ``quads`` all in ``graph``, ``nquads`` their N-Quads, line for quad.
    None when they cannot be assembled safely (a blank node, a quad in another graph): the build then exports
    the store with kg.export."""
    lines = nquads.splitlines(keepends=True)
    ending = f" <{graph}> .\n".encode()
    if b"_:" in nquads or len(lines) != len(quads) or not all(line.endswith(ending) for line in lines):
        return None
    own = f"<{Minter(base).base}report/".encode()
    mine: list[ox.Quad] = []
    others: list[ox.Quad] = []
    shared_lines: list[bytes] = []
    cut, previous = len(ending), b""
    for index in sorted(range(len(lines)), key=lines.__getitem__):  # grouped by subject, the same bytes each time
        line = lines[index]
        if line == previous:  # a quad stated twice is one quad of the graph
            continue
        previous = line
        if line.startswith(own):
            mine.append(quads[index])
        else:
            others.append(quads[index])
            shared_lines.append(line[:-cut])
    prefixes = export_prefixes(base)
    head = f"<{graph}> {{\n".encode()
    own_body, shared_body = _graph_body(mine, head, prefixes), _graph_body(others, head, prefixes)
    if own_body is None or shared_body is None:
        return None
    trig = head + own_body + shared_body + b"}\n" if quads else b""
    # the TriG body is Turtle indented by one tab; literals never hold a raw line break (Oxigraph escapes it)
    turtle = own_body[1:].replace(b"\n\t", b"\n") if own_body else b""
    shared = b" .\n".join(shared_lines) + b" .\n" if shared_lines else b""
    return ReportBlocks(trig, turtle, shared, len(mine))


def read_back(store: ox.Store, folder: Path, base: str) -> Written | None:
    """graph.trig and graph.ttl of a store of report graphs (an update), byte for byte what a fresh build of the
    same reports writes: each report graph is read back, its links between reports (``skos:related``, stated
    by kg.rdf.links alone) set apart for the end. None (nothing written) when a report graph holds a blank
    node."""
    mint = Minter(base)
    assembly = AssembledExports(folder, base)
    links: list[ox.Quad] = []
    for doc_id in report_ids(store, base):  # the order of a fresh build's blocks
        graph = mint.graph(doc_id)
        quads = []
        for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
            (links if quad.predicate == RELATED else quads).append(quad)
        assembly.add(report_blocks(quads, ox.serialize(quads, format=ox.RdfFormat.N_QUADS), graph, base))
        if assembly.incomplete:
            assembly.discard()
            return None
    return assembly.finish(links)


def _graph_body(quads: list[ox.Quad], head: bytes, prefixes: dict[str, str]) -> bytes | None:
    """The statements of a TriG graph block of ``quads`` (between its head and its closing brace)."""
    if not quads:
        return b""
    block = _without_prefix_lines(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes))
    if not (block.startswith(head) and block.endswith(b"\n}\n")):
        return None
    return block[len(head):-2]


def _without_prefix_lines(serialised: bytes) -> bytes:
    start = 0
    while serialised.startswith(b"@prefix ", start):
        start = serialised.index(b"\n", start) + 1
    return serialised[start:]


@dataclass(frozen=True, slots=True)
class Written:
    """graph.trig and graph.ttl as written, for the manifest: SHA-256 and statements (quads, triples) by name."""

    checksums: dict[str, str]
    statements: dict[str, int]


class _HashedFile:
    """A file written in order and hashed as it is written (the manifest's checksum without reading it again)."""

    def __init__(self, path: Path, header: bytes) -> None:
        self.path = path
        self.temporary = path.with_name(f".{path.name}.assembling")
        self.file = self.temporary.open("wb")
        self.digest = hashlib.sha256()
        self.write(header)

    def write(self, data: bytes) -> None:
        self.file.write(data)
        self.digest.update(data)

    def close(self) -> str:
        """Flush, sync and move into place; the SHA-256 of what was written."""
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        self.temporary.replace(self.path)
        return self.digest.hexdigest()

    def discard(self) -> None:
        self.file.close()
        self.temporary.unlink(missing_ok=True)


class AssembledExports:
    """graph.trig and graph.ttl of a fresh build, written from the reports' blocks in the order given.

    ``add`` writes a report's blocks as it arrives and keeps each shared triple's line once (by a 128-bit
    digest; the lines themselves wait in a spool file, not in memory); ``finish`` appends the links between
    reports and the shared triples, and returns their checksums and counts. A report without blocks makes the
    assembly ``incomplete``: the caller discards it and reads the store back."""

    def __init__(self, folder: Path, base: str) -> None:
        self.prefixes = export_prefixes(base)
        header = "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in self.prefixes.items()).encode()
        self.trig = _HashedFile(folder / TRIG, header)
        self.turtle = _HashedFile(folder / TURTLE, header)
        self.spool_path = folder / ".graph.ttl.shared"
        self.spool = self.spool_path.open("wb")
        self.seen: set[bytes] = set()
        self.incomplete = False
        self.statements = {TRIG: 0, TURTLE: 0}  # quads of graph.trig, triples of graph.ttl

    def add(self, blocks: ReportBlocks | None) -> None:
        if blocks is None:
            self.incomplete = True
        if self.incomplete:
            return
        self.trig.write(blocks.trig)
        self.turtle.write(blocks.turtle)
        self.statements[TRIG] += blocks.own + blocks.shared.count(b"\n")
        self.statements[TURTLE] += blocks.own
        self._share(blocks.shared.splitlines(keepends=True))

    def finish(self, links: Iterable[ox.Quad]) -> Written:
        """Append the links (report-graph quads stated after every report was loaded) and the shared triples;
        move both files into place."""
        links = sorted(links, key=lambda quad: (quad.graph_name.value, str(quad)))
        self.statements[TRIG] += len(links)
        self.trig.write(_without_prefix_lines(ox.serialize(links, format=ox.RdfFormat.TRIG, prefixes=self.prefixes)))
        self._share(ox.serialize([quad.triple for quad in links], format=ox.RdfFormat.N_TRIPLES)
                    .splitlines(keepends=True))
        self.spool.close()
        with self.spool_path.open("rb") as spool:
            while chunk := _whole_lines(spool, 8 << 20):  # bounded memory: a chunk restarts a subject at worst
                triples = ox.parse(chunk, format=ox.RdfFormat.N_TRIPLES, lenient=True)
                self.turtle.write(_without_prefix_lines(ox.serialize(triples, format=ox.RdfFormat.TURTLE,
                                                                     prefixes=self.prefixes)))
        self.spool_path.unlink()
        self.statements[TURTLE] += len(self.seen)
        return Written({TRIG: self.trig.close(), TURTLE: self.turtle.close()}, self.statements)

    def discard(self) -> None:
        self.trig.discard()
        self.turtle.discard()
        self.spool.close()
        self.spool_path.unlink(missing_ok=True)

    def _share(self, lines: list[bytes]) -> None:
        fresh = []
        for line in lines:
            digest = hashlib.blake2b(line, digest_size=16).digest()
            if digest not in self.seen:
                self.seen.add(digest)
                fresh.append(line)
        self.spool.write(b"".join(fresh))


def _whole_lines(file: BinaryIO, size: int) -> bytes:
    """About ``size`` bytes of ``file``, ending at a line's end."""
    chunk = file.read(size)
    if chunk and not chunk.endswith(b"\n"):
        chunk += file.readline()
    return chunk
