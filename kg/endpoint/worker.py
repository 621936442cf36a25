"""One query worker of ``kg serve``: a process that opens the store read-only and answers one query at a time.

``python -m kg.endpoint.worker STORE PREFIXES_JSON MEMORY_BYTES RESULT_BYTES`` reads requests as JSON lines on
stdin and writes, per request, a JSON header line and then as many bytes of body as the header says. The server
kills the process when a query outlives its timeout, which is the only way to stop a running Oxigraph query and
give its core back; so the worker keeps no state worth keeping and imports only pyoxigraph.

The worker limits its own memory (RLIMIT_DATA: a query that needs more fails, or the process dies, and the
server starts another) and the size of what it sends back. Queries run on a thread with a deep stack
(kg.sparql_guard.STACK_BYTES) for the flat chains under the size limit the server let through.
"""

from __future__ import annotations

import io
import json
import os
import sys
import threading
from typing import BinaryIO

import pyoxigraph as ox

STACK_BYTES = 256 * 1024 * 1024  # the server's query limit (64 KB by default) needs less than 80 MB
RESULTS = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
           "application/sparql-results+xml": ox.QueryResultsFormat.XML,
           "text/csv": ox.QueryResultsFormat.CSV,
           "text/tab-separated-values": ox.QueryResultsFormat.TSV,
           "application/json": ox.QueryResultsFormat.JSON}
GRAPHS = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
          "application/rdf+xml": ox.RdfFormat.RDF_XML, "application/ld+json": ox.RdfFormat.JSON_LD,
          "text/plain": ox.RdfFormat.N_TRIPLES}
SHORT = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
         "tsv": "text/tab-separated-values", "turtle": "text/turtle", "ntriples": "application/n-triples",
         "rdfxml": "application/rdf+xml", "jsonld": "application/ld+json"}


class TooLarge(Exception):
    """The serialised result passed the size limit."""


class CappedBuffer(io.RawIOBase):
    """A bytes buffer that refuses to grow past ``limit``: pyoxigraph stops serialising when a write fails."""

    def __init__(self, limit: int) -> None:
        self.limit, self.parts, self.size = limit, [], 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.size += len(data)
        if self.size > self.limit:
            raise TooLarge
        self.parts.append(bytes(data))
        return len(data)

    def value(self) -> bytes:
        return b"".join(self.parts)


def choose(accept: str, kinds: dict[str, object], default: str) -> str:
    """The first media type of the Accept header (or a short name: json, csv, turtle ...) this kind offers."""
    for item in accept.split(","):
        media = SHORT.get(item.strip().lower(), item.split(";")[0].strip().lower())
        if media in kinds:
            return media
    return default


def parse_term(text: str) -> ox.NamedNode | ox.Literal:
    (quad,) = ox.parse(f"<urn:s> <urn:p> {text} .", format=ox.RdfFormat.N_TRIPLES)
    return quad.object


def answer(store: ox.Store, request: dict, prefixes: dict[str, str], limit: int) -> tuple[dict, bytes]:
    """(header, body) of one request: the results serialised, or an error with its HTTP status."""
    substitutions = {ox.Variable(name): parse_term(term) for name, term in request.get("bind", {}).items()}
    buffer = CappedBuffer(limit)
    try:
        results = store.query(request["query"], use_default_graph_as_union=True, prefixes=prefixes,
                              substitutions=substitutions or None)
        if isinstance(results, ox.QueryTriples):
            media = choose(request.get("accept", ""), GRAPHS, "text/turtle")
            ox.serialize(results, buffer, format=GRAPHS[media], prefixes=prefixes)
        else:
            media = choose(request.get("accept", ""), RESULTS, "application/sparql-results+json")
            results.serialize(buffer, format=RESULTS[media])
    except SyntaxError as exc:
        return {"status": 400, "error": f"malformed SPARQL: {str(exc).splitlines()[0]}"}, b""
    except (TooLarge, OSError, RuntimeError, ValueError, TypeError) as exc:
        if buffer.size > limit:  # pyoxigraph reports the failed write as an error of its own
            return {"status": 413, "error": f"the result is larger than {limit / 2**20:g} MB: add a LIMIT or "
                                            "narrow the query"}, b""
        return {"status": 400, "error": f"the query failed: {' '.join(str(exc).split())}"}, b""
    except MemoryError:
        return {"status": 503, "error": "the query needed more memory than a worker may use"}, b""
    body = buffer.value()
    return {"status": 200, "type": media, "length": len(body)}, body


def _limit_memory(memory_bytes: int) -> None:
    """RLIMIT_DATA on Linux (heap and private mappings, the query thread's stack among them)."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_DATA, (memory_bytes + STACK_BYTES, memory_bytes + STACK_BYTES))
    except (ImportError, ValueError, OSError):  # not Linux, or a hard limit already lower
        pass


def serve_requests(store: ox.Store, prefixes: dict[str, str], limit: int, inbox: BinaryIO, outbox: BinaryIO) -> None:
    for line in inbox:
        try:
            header, body = answer(store, json.loads(line), prefixes, limit)
        except (ValueError, KeyError) as exc:  # a bad request line: the server's bug, still answered
            header, body = {"status": 500, "error": f"bad request to the worker: {exc}"}, b""
        outbox.write(json.dumps(header).encode() + b"\n" + body)
        outbox.flush()


def main(argv: list[str]) -> int:
    location, prefixes, memory, limit = argv[0], json.loads(argv[1]), int(argv[2]), int(argv[3])
    inbox, outbox = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write into the answers
    try:
        store = ox.Store.read_only(location)
    except (OSError, RuntimeError) as exc:
        outbox.write(json.dumps({"ready": False, "error": " ".join(str(exc).split())}).encode() + b"\n")
        outbox.flush()
        return 2
    _limit_memory(memory)
    outbox.write(json.dumps({"ready": True, "pid": os.getpid()}).encode() + b"\n")
    outbox.flush()
    threading.stack_size(STACK_BYTES)
    thread = threading.Thread(target=serve_requests, args=(store, prefixes, limit, inbox, outbox), daemon=True)
    thread.start()
    thread.join()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
