"""``kg validate``, ``kg reason``, ``kg serve`` and ``kg push``: the semantic-web side of a built store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.base import app, err, fail, out, print_verdict
from kg.errors import KGError


@app.command("validate")
def validate_cli(
    store: Annotated[Path, typer.Option(help="The store folder a build wrote.")] = Path("out/store"),
    data: Annotated[Path | None, typer.Option(help="Validate this RDF file instead of the store.")] = None,
    shapes: Annotated[Path | None, typer.Option(help="SHACL shapes (default: ontology/shapes.ttl).")] = None,
    engine: Annotated[str, typer.Option(help="sparql: the shapes as queries on the store (fast); pyshacl: the "
                                             "reference engine (slow).")] = "sparql",
    jobs: Annotated[int, typer.Option(help="Constraints checked at once (sparql engine).")] = 2,
) -> None:
    """Check the graph against the SHACL shapes; exit 1 and list the problems if it breaks one.

    Example: `kg validate --store out/store`
    """
    from kg.validate import read_graph, validate, validate_graph

    try:
        if data:
            report = validate_graph(read_graph(data), shapes, engine=engine)
        else:
            with constraint_progress() as progress:
                report = validate(store, shapes, engine=engine, jobs=jobs, progress=progress)
    except KGError as exc:
        fail(exc)
    print_verdict(report.conforms, report.text())


@contextmanager
def constraint_progress() -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar over the constraints on a terminal (stderr); nothing in a pipe."""
    if not err.is_terminal:
        yield None
        return
    from rich.progress import Progress

    with Progress(console=err, transient=True) as bar:
        task = bar.add_task("checking constraints", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


@app.command("reason")
def reason_cli(
    store: Annotated[Path, typer.Option(help="The store folder a build wrote.")] = Path("out/store"),
    data: Annotated[Path | None, typer.Option(help="Check this RDF file instead of the store.")] = None,
) -> None:
    """Check that the graph and the ontology are consistent under OWL 2 DL (HermiT, needs Java).

    Exit 1 with the clash (e.g. a node in two disjoint classes) if not.

    Example: `kg reason --store out/store`
    """
    from kg.export import merged_triples
    from kg.reason import check_consistency, to_oxigraph
    from kg.store import as_store
    from kg.validate import read_graph

    try:
        triples = to_oxigraph(read_graph(data)) if data else merged_triples(as_store(store))
        consistency = check_consistency(triples)
    except KGError as exc:
        fail(exc)
    print_verdict(consistency.consistent, consistency.text())


@app.command("serve")
def serve_cli(
    store: Annotated[Path, typer.Option(help="The store folder a build wrote.")] = Path("out/store"),
    port: Annotated[int, typer.Option(help="TCP port.")] = 7878,
    host: Annotated[str, typer.Option(help="Address to bind; other than 127.0.0.1 exposes the graph.")] = (
        "127.0.0.1"
    ),
    timeout: Annotated[float, typer.Option(
        help="Seconds a query may run; its worker is then killed, which frees the core.", min=0.1)] = 30.0,
    workers: Annotated[int | None, typer.Option(
        help="Queries run at once, each in a worker process (default: the cores available, at most 4).",
        min=1)] = None,
    queue: Annotated[int, typer.Option(help="Requests waiting for a worker; more are refused (503).", min=1)] = 16,
    long_after: Annotated[float, typer.Option(
        help="Seconds after which a query is long: at most workers - 1 long queries run at once, so that one "
        "worker stays for short ones.", min=0.1)] = 2.0,
    named_workers: Annotated[int, typer.Option(
        help="Workers kept for the named queries of queries/ (/named/NAME, the query page's list).", min=0)] = 1,
    max_query_bytes: Annotated[int, typer.Option(help="Largest query accepted.", min=64)] = 64 * 1024,
    max_memory_mb: Annotated[int, typer.Option(help="Memory one worker may take.", min=64)] = 1024,
    allow_origin: Annotated[list[str] | None, typer.Option(
        help="Open CORS to this origin (e.g. https://app.example; '*' for any), repeatable.")] = None,
    allow_host: Annotated[list[str] | None, typer.Option(
        help="Also answer requests for this Host name (loopback names always; '*' for any), repeatable.")] = None,
    allow_service: Annotated[list[str] | None, typer.Option(
        help="Let SERVICE reach this endpoint IRI ('*': any), repeatable. Refused by default.")] = None,
    cors: Annotated[bool, typer.Option(help="Same as --allow-origin '*'.", hidden=True)] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not log each request.")] = False,
) -> None:
    """Serve the store read-only as a SPARQL 1.1 endpoint: /query (GET or POST), query page at /.

    The default graph is the union of the report graphs, govkg's prefixes are declared; SPARQL Update is
    refused (403). One request cannot crash, hijack or exhaust it: docs/security.md.

    Example, then open http://127.0.0.1:7878/ in a browser:

    ```
    kg serve --store out/store --port 7878
    ```
    """
    from kg.endpoint import available_cores, serve
    from kg.endpoint.pool import Limits

    services = allow_service or []
    limits = Limits(workers=workers or min(available_cores(), 4), queue=queue, timeout=timeout,
                    memory_bytes=max_memory_mb << 20, short=long_after)

    def ready(server) -> None:
        err.print(f"SPARQL endpoint: http://{host}:{port}/query, query page http://{host}:{port}/  (read-only; "
                  f"{limits.workers} + {named_workers} workers, {timeout:g} s timeout; Ctrl-C stops)",
                  highlight=False, soft_wrap=True)
        if host in ("0.0.0.0", "::") and not allow_host:
            err.print("note: requests are answered for loopback Host names only; add --allow-host NAME for the name "
                      "or address other machines use (DNS-rebinding protection)", highlight=False, soft_wrap=True)

    try:
        code = serve(store, host=host, port=port, on_ready=ready, limits=limits, allow_hosts=allow_host or (),
                     allow_origins=[*(allow_origin or ()), *(["*"] if cors else [])],
                     allow_service=True if "*" in services else services, max_query_bytes=max_query_bytes,
                     named_workers=named_workers, log=not quiet)
    except KGError as exc:
        fail(exc)
    raise typer.Exit(code)


@app.command("push")
def push_cli(
    endpoint: Annotated[str, typer.Option(help="Graph Store Protocol URL, e.g. http://host:7878/store.")],
    store: Annotated[Path, typer.Option(help="The store folder a build wrote.")] = Path("out/store"),
    auth: Annotated[str | None, typer.Option(help="USER:PASSWORD or 'Bearer TOKEN'.", envvar="KG_PUSH_AUTH")] = (
        None
    ),
    with_ontology: Annotated[bool, typer.Option(help="Also push ontology/govkg.ttl as its own graph.")] = False,
) -> None:
    """Send each report's named graph to a SPARQL 1.1 Graph Store Protocol endpoint (PUT: replaces the graph).

    Works with Oxigraph (/store), Jena Fuseki (/DATASET/data), GraphDB and Virtuoso.

    Example, into a writable Oxigraph server (started in another terminal with
    `oxigraph serve --location pushed/ --bind 127.0.0.1:7879`):

    ```
    kg push --endpoint http://127.0.0.1:7879/store
    ```
    """
    from kg.serve import push

    try:
        pushed = push(store, endpoint, auth=auth, with_ontology=with_ontology,
                      on_graph=lambda p: err.print(f"{p.status} {p.graph} ({p.triples} triples)", highlight=False))
    except KGError as exc:
        fail(exc)
    out.print(f"{len(pushed)} graphs, {sum(p.triples for p in pushed)} triples pushed to {endpoint}")
