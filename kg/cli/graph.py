"""``kg query``, ``kg export`` and ``kg viz``: reading a built store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.base import app, err, fail, out
from kg.errors import KGError


def _piped_format(kind: str) -> str:
    """Without --format: a table for people at a terminal; for pipes CSV, or Turtle for CONSTRUCT/DESCRIBE."""
    if out.is_terminal:
        return "table"
    return "turtle" if kind == "graph" else "csv"


def _query_names(incomplete: str) -> list[str]:
    """Shell completion of `kg query NAME`: the named queries in queries/."""
    from kg.query import list_queries

    return [q.name for q in list_queries() if q.name.startswith(incomplete)]


@app.command("query")
def query_cli(
    query: Annotated[str, typer.Argument(help="A .rq file, a query name from queries/, or inline SPARQL.",
                                         autocompletion=_query_names)],
    store: Annotated[Path, typer.Option(help="The store folder a build wrote.")] = Path("out/store"),
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="table, json, csv or tsv; turtle or ntriples for CONSTRUCT (default: a table on a "
        "terminal, CSV or Turtle in a pipe).",
        autocompletion=lambda: ["table", "json", "csv", "tsv", "turtle"])] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE, bound safely.")
    ] = None,
    allow_update: Annotated[bool, typer.Option(
        "--allow-update", help="Run a SPARQL Update (INSERT, DELETE ...) on the store; graph.ttl and the other "
        "files of the build are not rewritten.")] = False,
    timeout: Annotated[float | None, typer.Option(
        help="Give up on a query that has not finished after this many seconds.", min=0.001)] = None,
    allow_service: Annotated[bool, typer.Option(
        "--allow-service", help="Let SERVICE and LOAD fetch from the network (refused by default).")] = False,
) -> None:
    """Run a SPARQL query over the store (read-only unless --allow-update).

    The named queries and their parameters: docs/queries.md.

    Examples:

    ```
    kg query bodies-implementing-reform --param reform=一件事一次办
    kg query reforms-by-place --format csv > reforms.csv
    ```
    """
    from kg.query import query as run_query
    from kg.query import render, to_table

    params = {}
    for item in param or []:
        name, sep, value = item.partition("=")
        if not sep:
            fail(KGError(f"--param {item!r}: expected NAME=VALUE"))
        params[name.strip()] = value
    try:
        result = run_query(store, query, params, allow_update=allow_update, timeout=timeout,
                           allow_service=allow_service)
        if result.kind == "update":
            err.print(f"update applied to {store}", soft_wrap=True)
        elif (fmt := fmt or _piped_format(result.kind)) == "table":
            out.print(to_table(result))
        else:
            sys.stdout.write(render(result, fmt))
    except KGError as exc:
        fail(exc)


@app.command("export")
def export_cli(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (written aside, then renamed); for "
                                         "csv, the folder to write nodes.csv and edges.csv into.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="turtle, trig, nquads, ntriples, jsonld or rdfxml; csv, "
                                     "graphml or gexf for pandas, networkx and Gephi.")] = "turtle",
    store: Annotated[Path, typer.Option(help="The store folder a build wrote.")] = Path("out/store"),
    with_ontology: Annotated[bool, typer.Option(help="Include ontology/govkg.ttl in the export.")] = False,
    inferred: Annotated[bool, typer.Option(help="Add what the OWL 2 RL closure (owlrl) derives.")] = False,
) -> None:
    """Export the graph in a standard RDF format, or as nodes and edges for research tools.

    csv writes OUTPUT/nodes.csv and OUTPUT/edges.csv (one row per evidence: report, year, status, sentence,
    offsets); graphml and gexf one edge per fact and report, for networkx and Gephi. Turtle and TriG of a store
    nothing wrote to since its build are the build's graph.ttl / graph.trig, copied (same RDF, in seconds).

    Examples: `kg export --format jsonld -o graph.jsonld`; `kg export --format csv -o tables/`;
    `kg export --format graphml -o graph.graphml`
    """
    from kg.export import ALIASES, FORMATS, export
    from kg.property_graph import FORMATS as TABLES
    from kg.property_graph import export_table

    try:
        if fmt.lower() in TABLES:
            nodes, edges = export_table(store, fmt, output)
            err.print(f"{nodes} nodes and {edges} edges written to {output}")
            return
        if fmt.lower() not in FORMATS and fmt.lower() not in ALIASES:
            raise KGError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS + TABLES)}")
        count = export(store, fmt, output, with_ontology=with_ontology, inferred=inferred)
    except KGError as exc:
        fail(exc)
    err.print(f"{count} statements written to {output}")


@app.command("viz")
def viz_cli(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="HTML file to write (default: graph.html beside the store, "
                                  "only if there is none: the build's page is replaced only when -o names it).")
    ] = None,
    store: Annotated[Path, typer.Option(help="The store folder a build wrote.")] = Path("out/store"),
    focus: Annotated[
        list[str] | None, typer.Option(help="Draw the neighbourhood of the node with this name or alias (repeatable).")
    ] = None,
    hops: Annotated[int, typer.Option(min=0, help="How many steps from --focus to draw.")] = 1,
    types: Annotated[
        str | None, typer.Option(help="Only these classes, comma-separated, e.g. Agency,Reform.")
    ] = None,
    report: Annotated[
        Path | None, typer.Option(help="Only what this report file mentions and asserts.")
    ] = None,
    min_degree: Annotated[int, typer.Option(min=0, help="Leave out nodes with fewer neighbours.")] = 0,
    max_nodes: Annotated[
        int, typer.Option(min=1, help="Keep the most important nodes (PageRank) when the view is larger.")
    ] = 1500,
    communities: Annotated[
        bool, typer.Option("--communities", help="Colour nodes by Louvain community (shape stays by class).")
    ] = False,
) -> None:
    """Draw the graph as a self-contained interactive HTML page (vis.js inlined, works offline).

    Example: `kg viz --focus 一件事一次办 --hops 2 -o yijianshi.html`
    """
    from kg.errors import ViewError
    from kg.viz import View, render_html

    if output is None:
        output = store.parent / "graph.html"
        if output.exists():
            fail(ViewError(f"{output} exists (the page kg build drew): name it with -o {output} to replace it, "
                           "or write another file with -o"))
    view = View(focus=tuple(focus or ()), hops=hops, report=report, min_degree=min_degree, max_nodes=max_nodes,
                types=tuple(t.strip() for t in (types or "").split(",") if t.strip()), communities=communities)
    try:
        selection = render_html(store, output, view)
    except KGError as exc:
        fail(exc)
    for note in selection.notes:
        err.print(note, highlight=False)
    graph = selection.graph
    err.print(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges drawn to {output}")
