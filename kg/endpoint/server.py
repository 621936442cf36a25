"""The HTTP side of ``kg serve``: SPARQL 1.1 Protocol queries, the query page, and the checks every request
passes before a worker sees it.

In order: at most ``max_connections`` open connections (more are answered 503 at once), a ``Host`` the server
answers to (loopback names and ``--allow-host``: a DNS-rebinding page reaches us under its own name and is
refused), an ``Origin`` that is ours or allowed (``--allow-origin``; browsers' cross-site requests are refused
too by their ``Sec-Fetch-Site``), a body of bounded size, then kg.sparql_guard (size, depth, SERVICE/LOAD), then
the worker pool's queue and timeout (kg.endpoint.pool). Writes are refused (403): the server is read-only.
"""

from __future__ import annotations

import contextlib
import json
import sys
import threading
import time
import traceback
import urllib.parse
from collections.abc import Collection
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources

from kg.endpoint.pool import Pool, Refused
from kg.errors import KGError
from kg.sparql_guard import MAX_DEPTH, check_query

LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
TEXT = "text/plain; charset=utf-8"
_DRAIN_BYTES = 8 << 20  # a body over the limit is read and dropped up to this size before the 413


@dataclass(frozen=True, slots=True)
class Guard:
    """What a request must satisfy besides the pool's limits."""

    port: int
    hosts: frozenset[str] = frozenset(LOOPBACK)  # Host names answered to ("*": any)
    origins: frozenset[str] = frozenset()  # cross-origin callers allowed ("*": any), with CORS headers
    allow_service: bool | Collection[str] = False
    max_query_bytes: int = 64 * 1024
    max_depth: int = MAX_DEPTH
    max_connections: int = 64
    log: bool = True
    named: dict = field(default_factory=dict)  # name -> kg.query.QueryFile

    def host_allowed(self, host: str | None) -> bool:
        """A request without Host (HTTP/1.0, not a browser) passes; a browser always names the host."""
        if host is None or "*" in self.hosts:
            return True
        name = host if host.endswith("]") else host.rsplit(":", 1)[0]
        return name.lower() in self.hosts

    def own_origins(self) -> set[str]:
        names = [h if ":" not in h or h.startswith("[") else f"[{h}]" for h in self.hosts if h != "*"]
        return {f"http://{name}:{self.port}" for name in names}

    def origin_allowed(self, origin: str) -> bool:
        return origin in self.own_origins() or origin in self.origins or "*" in self.origins


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False  # a busy port is an error, not a silent second server
    request_queue_size = 128  # connections the kernel holds until accepted (5 by default: resets under load)

    def __init__(self, address: tuple[str, int], guard: Guard, pool: Pool | None = None,
                 named_pool: Pool | None = None) -> None:
        self.guard, self.pool, self.named_pool = guard, pool, named_pool
        self.slots = threading.BoundedSemaphore(guard.max_connections)
        super().__init__(address, Handler)

    def process_request(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        if not self.slots.acquire(blocking=False):
            with contextlib.suppress(OSError):
                request.sendall(b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain\r\nRetry-After: 1"
                                b"\r\nContent-Length: 30\r\n\r\nbusy: too many connections.\r\n")
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


def _asset(name: str) -> bytes:
    return resources.files("kg.endpoint").joinpath(name).read_bytes()


class Handler(BaseHTTPRequestHandler):
    server: Server
    started = 0.0
    server_version = "govkg"
    sys_version = ""
    timeout = 20  # seconds a client may take to send its request

    # --- routing -------------------------------------------------------------------------------------------
    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_HEAD(self) -> None:
        self._reply(405, TEXT, b"")

    def do_PUT(self) -> None:
        self._handle("PUT")

    def do_DELETE(self) -> None:
        self._handle("DELETE")

    def do_PATCH(self) -> None:
        self._handle("PATCH")

    def do_OPTIONS(self) -> None:
        if self._refused_caller():
            return
        self._reply(204, TEXT, b"", {"Access-Control-Allow-Methods": "GET, POST",
                                     "Access-Control-Allow-Headers": "Content-Type, Accept",
                                     "Access-Control-Max-Age": "600"})

    def _handle(self, method: str) -> None:
        self.started = time.monotonic()
        if self._refused_caller():
            return
        # http.server decodes the request line as Latin-1; a client that sent UTF-8 unescaped meant UTF-8
        url = urllib.parse.urlsplit(self.path.encode("latin-1", "replace").decode("utf-8", "replace"))
        path = url.path.rstrip("/") or "/"
        try:
            if method not in ("GET", "POST") or path in ("/update", "/store"):
                self._reply(403, TEXT, b"read-only: kg serve answers queries only (SPARQL Update and Graph Store "
                                       b"writes are refused)\n")
            elif path == "/query":
                self._query(self._fields(method, url.query))
            elif path.startswith("/named/"):
                self._named(urllib.parse.unquote(path[len("/named/"):]), self._fields(method, url.query))
            elif path == "/" and method == "GET":
                self._reply(200, "text/html; charset=utf-8", _asset("page.html"), _PAGE_HEADERS)
            elif path == "/page.js" and method == "GET":
                self._reply(200, "text/javascript; charset=utf-8", _asset("page.js"))
            elif path == "/favicon.ico":
                self._reply(204, TEXT, b"")
            elif path == "/queries" and method == "GET":
                self._reply(200, "application/json", self._catalogue())
            else:
                self._reply(404, TEXT, b"not found: /query (SPARQL 1.1 Protocol), / (query page), /queries\n")
        except Refused as refused:
            self._reply(refused.status, TEXT, f"{refused}\n".encode(), {"Retry-After": "1"}
                        if refused.status == 503 else None)
        except KGError as error:
            self._reply(400, TEXT, f"{error}\n".encode())
        except (ConnectionError, TimeoutError):  # the client went away or stalled: nobody to answer
            self.close_connection = True
        except Exception:  # a bug: the request gets a 500, the server goes on
            traceback.print_exc()
            self._reply(500, TEXT, b"internal error of kg serve (logged); please report it\n")

    # --- checks ----------------------------------------------------------------------------------------------
    def _refused_caller(self) -> bool:
        """Answer 403 and return True for a Host or an Origin this server does not serve."""
        guard = self.server.guard
        host = self.headers.get("Host")
        if not guard.host_allowed(host):
            self._reply(403, TEXT, f"Host {host!r} is not a name this server answers to (a DNS-rebinding page?); "
                                   "kg serve --allow-host NAME allows it\n".encode())
            return True
        origin = self.headers.get("Origin")
        if origin is not None and not guard.origin_allowed(origin):
            self._reply(403, TEXT, f"cross-origin request from {origin} refused; kg serve --allow-origin "
                                   f"{origin} allows it\n".encode())
            return True
        if self.headers.get("Sec-Fetch-Site") == "cross-site" and not guard.origins:
            self._reply(403, TEXT, b"cross-site request refused; kg serve --allow-origin ORIGIN allows it\n")
            return True
        return False

    def _fields(self, method: str, query_string: str) -> dict[str, list[str]]:
        """The request's parameters: from the URL, and from a form or a application/sparql-query body."""
        fields = urllib.parse.parse_qs(query_string, keep_blank_values=True)
        if method != "POST":
            return fields
        body = self._body()
        kind = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind == "application/sparql-query":
            fields.setdefault("query", []).append(body.decode("utf-8", "replace"))
        elif kind in ("application/x-www-form-urlencoded", ""):
            for name, values in urllib.parse.parse_qs(body.decode("utf-8", "replace"),
                                                      keep_blank_values=True).items():
                fields.setdefault(name, []).extend(values)
        else:
            raise Refused(415, f"a query is sent as application/x-www-form-urlencoded or "
                               f"application/sparql-query, not {kind}")
        return fields

    def _body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower() or "Content-Length" not in self.headers:
            raise Refused(411, "send the body with a Content-Length")
        try:
            length = int(self.headers["Content-Length"])
        except ValueError:
            raise Refused(400, "Content-Length is not a number") from None
        limit = self.server.guard.max_query_bytes * 3 + 4096  # a form's percent-encoding triples the size
        if not 0 <= length <= limit:
            self._discard(min(length, _DRAIN_BYTES))  # so that the client reads the answer, not a reset
            raise Refused(413, f"the request body is {length:,} bytes, over the limit of {limit:,}")
        return self.rfile.read(length)

    def _discard(self, length: int) -> None:
        while length > 0 and (chunk := self.rfile.read(min(length, 1 << 16))):
            length -= len(chunk)

    # --- answers ---------------------------------------------------------------------------------------------
    def _query(self, fields: dict[str, list[str]]) -> None:
        texts = fields.get("query", [])
        if len(texts) != 1:
            raise Refused(400, "give exactly one query parameter (SPARQL 1.1 Protocol)")
        if any(fields.get(name) for name in ("default-graph-uri", "named-graph-uri")):
            raise Refused(400, "default-graph-uri and named-graph-uri are not supported: the default graph is the "
                               "union of the report graphs; use GRAPH or FROM in the query")
        self._run(texts[0], "query", {}, fields)

    def _named(self, name: str, fields: dict[str, list[str]]) -> None:
        from kg.query import bind

        spec = self.server.guard.named.get(name)
        if spec is None:
            raise Refused(404, f"no named query {name!r}; GET /queries lists them")
        given = {key: values[-1] for key, values in fields.items() if key != "format" and values and values[-1]}
        terms = bind(spec, given)
        self._run(spec.sparql, name, {variable.value: str(term) for variable, term in terms.items()}, fields,
                  self.server.named_pool)

    def _run(self, sparql: str, name: str, bind: dict[str, str], fields: dict[str, list[str]],
             pool: Pool | None = None) -> None:
        """The query through the guard, then on a worker: the named queries' own, when there is one, so that a
        flood of runaway queries sent as text does not starve the page's named queries."""
        guard = self.server.guard
        check_query(sparql, name, max_depth=guard.max_depth, max_bytes=guard.max_query_bytes,
                    allow_service=guard.allow_service)
        accept = (fields.get("format") or [""])[-1] or self.headers.get("Accept", "")
        answer = (pool or self.server.pool).run({"query": sparql, "accept": accept, "bind": bind})
        self._reply(answer.status, answer.media_type, answer.body)

    def _catalogue(self) -> bytes:
        from kg.rdf.iri import export_prefixes

        queries = [{"name": q.name, "title": q.title, "zh": q.question_zh, "en": q.question_en, "sparql": q.sparql,
                    "params": [{"name": p.name, "default": p.default.value if p.default is not None else None,
                                "help": p.help} for p in q.params.values()]}
                   for q in self.server.guard.named.values()]
        prefixes = export_prefixes()
        return json.dumps({"prefixes": prefixes, "queries": queries}, ensure_ascii=False).encode("utf-8")

    def _reply(self, status: int, media_type: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        origin = self.headers.get("Origin") if self.headers else None
        if origin and origin in self.server.guard.origins | ({origin} if "*" in self.server.guard.origins else set()):
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        if self.server.guard.log:
            took = time.monotonic() - (self.started or time.monotonic())
            sys.stderr.write(f"{self.address_string()} {format % args} {took * 1000:.0f} ms\n")


_PAGE_HEADERS = {"Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                                            "frame-ancestors 'none'",
                 "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer"}
