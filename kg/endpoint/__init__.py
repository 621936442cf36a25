"""``kg serve``: a read-only SPARQL endpoint over a built store that one request cannot crash, hijack or exhaust.

Our own small server on the Oxigraph store (docs/decisions.md §19, docs/security.md): the HTTP front
(kg.endpoint.server) checks each request's Host, Origin, size, nesting depth and SERVICE calls before any parser
sees it; queries run in worker processes (kg.endpoint.pool, kg.endpoint.worker), at most ``workers`` at once
with a bounded queue, each killed when it outlives the timeout (the named queries of queries/ have workers of
their own, so that a flood of runaway queries does not starve them); the workers follow the store when a build
replaces it. The default graph is the union of the report graphs, as in ``kg query``; the govkg prefixes are
declared for every query.
"""

from __future__ import annotations

__all__ = ["Limits", "available_cores", "close", "serve", "start"]


def __getattr__(name: str) -> object:
    """The names load on first use: a worker process (kg.endpoint.worker) imports this package, and must start
    fast (it is started again after every query killed at the timeout)."""
    if name in __all__:
        from kg.endpoint import run

        return getattr(run, name)
    raise AttributeError(f"module 'kg.endpoint' has no attribute {name!r}")
