"""Starting and stopping ``kg serve``: bind the port, start the worker pools, serve until stopped."""

from __future__ import annotations

import errno
import signal
import threading
from collections.abc import Callable, Collection
from dataclasses import replace
from pathlib import Path

from kg.endpoint.pool import Limits, Pool
from kg.endpoint.server import LOOPBACK, Guard, Server
from kg.errors import StoreError
from kg.parallel import available_cores
from kg.store import open_store

__all__ = ["Guard", "Limits", "available_cores", "close", "serve", "start"]


def _prefixes() -> dict[str, str]:
    from kg.rdf.iri import export_prefixes

    return export_prefixes()


def start(store: str | Path, host: str = "127.0.0.1", port: int = 7878, *, limits: Limits | None = None,
          allow_hosts: Collection[str] = (), allow_origins: Collection[str] = (),
          allow_service: bool | Collection[str] = False, max_query_bytes: int = 64 * 1024,
          named_workers: int = 1, log: bool = True) -> Server:
    """A bound server with its workers started; ``serve_forever()`` it, ``close(server)`` it.

    ``named_workers`` run only the named queries of queries/ (0: they share the others' workers)."""
    from kg.query import list_queries

    store = Path(store)
    handle = open_store(store, read_only=True, create=False)  # one line for a missing or damaged store
    del handle
    if not 0 < port < 65536:
        raise StoreError(f"port {port} is not a TCP port (1-65535)")
    hosts = {name.lower() for name in (*LOOPBACK, *allow_hosts)}
    if host not in ("0.0.0.0", "::", ""):
        hosts.add(host.lower())
    guard = Guard(port, frozenset(hosts), frozenset(allow_origins), allow_service, max_query_bytes, log=log,
                  named={q.name: q for q in list_queries()})
    try:
        server = Server((host, port), guard)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise StoreError(f"port {port} on {host} is already in use (another `kg serve`?); stop it or choose "
                             "another --port") from None
        raise StoreError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    limits = limits or Limits()
    server.pool = Pool(store, _prefixes(), limits)
    server.pool.watch()
    if named_workers:
        server.named_pool = Pool(store, _prefixes(), replace(limits, workers=named_workers))
        server.named_pool.watch()
    return server


def close(server: Server) -> None:
    server.server_close()
    for pool in (server.pool, server.named_pool):
        if pool is not None:
            pool.close()


def serve(store: str | Path, host: str = "127.0.0.1", port: int = 7878, *,
          on_ready: Callable[[Server], None] | None = None, **options: object) -> int:
    """Serve in the foreground until Ctrl-C or SIGTERM; returns the exit code (0)."""
    server = start(store, host, port, **options)  # type: ignore[arg-type]
    stopping = threading.Event()

    def stop(*_: object) -> None:
        if not stopping.is_set():
            stopping.set()
            threading.Thread(target=server.shutdown, daemon=True).start()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        if on_ready:
            on_ready(server)
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        close(server)
    return 0
