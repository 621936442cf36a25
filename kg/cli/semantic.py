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
    cors: Annotated[bool, typer.Option(help="Allow cross-origin requests (browser apps on other sites).")] = False,
) -> None:
    """Serve the store read-only over HTTP: SPARQL 1.1 Protocol at /query, query page at / (Oxigraph server).

    The default graph is the union of the report graphs; SPARQL Update is refused (403).

    Example, then open http://127.0.0.1:7878/ in a browser:

    ```
    kg serve --store out/store --port 7878
    ```
    """
    from kg.serve import serve

    err.print(f"SPARQL endpoint: http://{host}:{port}/query  (read-only; Ctrl-C stops)", highlight=False)
    try:
        code = serve(store, host=host, port=port, cors=cors)
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
