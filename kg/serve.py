"""The graph over HTTP: ``kg serve`` (kg.endpoint) serves a built store read-only as a SPARQL endpoint, and
``kg push`` sends each report's named graph to any SPARQL 1.1 Graph Store Protocol endpoint.

``kg push`` uses the Graph Store Protocol's ``PUT ?graph=<iri>``, which replaces the graph: pushing twice gives
the same remote graph, and a report rebuilt locally replaces its remote copy. Endpoints: Oxigraph
``http://host:7878/store``, Jena Fuseki ``http://host:3030/<dataset>/data``, GraphDB
``http://host:7200/repositories/<repo>/rdf-graphs/service``, Virtuoso ``http://host:8890/sparql-graph-crud``.
``oxigraph_binary`` finds the Oxigraph server, a writable endpoint to push to in the tests.
"""

from __future__ import annotations

import base64
import shutil
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KGError, StoreError
from kg.paths import ontology_path
from kg.rdf.iri import DEFAULT_BASE
from kg.store import ONTOLOGY_GRAPH, open_store, report_graphs

N_TRIPLES = "application/n-triples"


class PushError(KGError):
    """The remote endpoint refused a graph or could not be reached."""

    exit_code = 1


def oxigraph_binary() -> str:
    """The ``oxigraph`` server binary: on PATH, or beside this Python (a venv that is not activated)."""
    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if not found:
        raise StoreError("the Oxigraph server is not installed: pip install oxigraph (the PyPI package ships the "
                         "`oxigraph` binary)")
    return found


@dataclass(frozen=True, slots=True)
class Pushed:
    graph: str
    triples: int
    status: int


def push(store: ox.Store | str | Path, endpoint: str, auth: str | None = None, with_ontology: bool = False,
         base: str = DEFAULT_BASE, timeout: float = 60.0,
         on_graph: Callable[[Pushed], None] | None = None) -> list[Pushed]:
    """PUT every report graph (and the ontology if asked) to a Graph Store Protocol ``endpoint``.

    ``auth`` is ``user:password`` (HTTP Basic) or ``Bearer <token>``.
    """
    if not endpoint.startswith(("http://", "https://")):
        raise PushError(f"endpoint {endpoint!r} is not an http(s) URL")
    store = store if isinstance(store, ox.Store) else open_store(store, read_only=True, create=False)
    graphs = [(name, [q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name))])
              for name in report_graphs(store, base)]
    if not graphs:
        raise StoreError("the store holds no report graph: nothing to push")
    if with_ontology:
        schema = ox.parse(path=str(ontology_path()), format=ox.RdfFormat.TURTLE)
        graphs.append((ONTOLOGY_GRAPH, [quad.triple for quad in schema]))
    done = []
    for name, triples in graphs:
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        status = _put(graph_url(endpoint, name), body, auth, timeout)
        done.append(Pushed(name, len(triples), status))
        if on_graph:
            on_graph(done[-1])
    return done


def graph_url(endpoint: str, graph: str) -> str:
    """``endpoint?graph=<iri>`` (indirect graph identification, SPARQL 1.1 Graph Store Protocol §4.2)."""
    separator = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    return f"{endpoint}{separator}graph={urllib.parse.quote(graph, safe='')}"


def _headers(auth: str | None, content_type: str | None = None, accept: str | None = None) -> dict[str, str]:
    headers = {"User-Agent": "govkg"}
    if content_type:
        headers["Content-Type"] = content_type
    if accept:
        headers["Accept"] = accept
    if auth:
        if auth.lower().startswith("bearer "):
            headers["Authorization"] = auth
        elif ":" in auth:
            headers["Authorization"] = "Basic " + base64.b64encode(auth.encode("utf-8")).decode("ascii")
        else:
            raise PushError("--auth must be USER:PASSWORD or 'Bearer TOKEN'")
    return headers


def _put(url: str, body: bytes, auth: str | None, timeout: float) -> int:
    request = urllib.request.Request(url, data=body, method="PUT", headers=_headers(auth, N_TRIPLES))
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        detail = exc.read(300).decode("utf-8", "replace").strip()
        raise PushError(f"{url}: the endpoint answered {exc.code} {exc.reason}: {detail}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise PushError(f"{url}: cannot reach the endpoint: {getattr(exc, 'reason', exc)}") from exc


def fetch_graph(endpoint: str, graph: str, auth: str | None = None, timeout: float = 60.0) -> list[ox.Triple]:
    """GET one graph back from a Graph Store Protocol endpoint (to check a push)."""
    request = urllib.request.Request(graph_url(endpoint, graph), headers=_headers(auth, accept=N_TRIPLES))
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return [quad.triple for quad in ox.parse(response.read(), format=ox.RdfFormat.N_TRIPLES)]
    except (urllib.error.URLError, OSError) as exc:
        raise PushError(f"{endpoint}: cannot read graph {graph}: {exc}") from exc
