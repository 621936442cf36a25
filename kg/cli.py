"""The ``kg`` command line: thin wrappers over the library (kg.build, kg.pipeline, kg.evaluate, kg.query)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg import __version__
from kg.errors import KGError

app = typer.Typer(
    name="kg",
    help="govkg: a knowledge graph of agencies, reforms and policies from Chinese government work reports.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)
STATE = {"debug": False}


def _version(value: bool) -> None:
    if value:
        out.print(f"govkg {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    debug: Annotated[bool, typer.Option("--debug", help="Show Python tracebacks on errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    STATE["debug"] = debug


def _fail(exc: Exception) -> None:
    if STATE["debug"]:
        raise exc
    err.print(f"[red]error:[/red] {exc}", highlight=False)
    raise typer.Exit(getattr(exc, "exit_code", 1))


@app.command("build")
def build_cli(
    inputs: Annotated[
        list[Path] | None, typer.Argument(help="Report files or folders (default: seeds/).")
    ] = None,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    base: Annotated[
        str, typer.Option(help="Base IRI of every node the build mints.")
    ] = "https://w3id.org/govkg/",
) -> None:
    """Build the knowledge graph: OUT/graph.ttl, OUT/graph.trig, OUT/graph.html and the store OUT/store/.

    Example: `kg build seeds/ --out out/`
    """
    from kg.build import build

    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    try:
        with progress:
            task = progress.add_task("extracting", total=None)

            def tick(path: Path, done: int, total: int) -> None:
                progress.update(task, completed=done, total=total, description=f"extracting {path.name}")

            summary = build(inputs or [Path("seeds")], out_dir, base=base, on_document=tick)
    except KGError as exc:
        _fail(exc)
    table = Table(title=f"govkg build -> {summary.out_dir}")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("documents", str(summary.documents))
    for label, count in sorted(summary.entities.items()):
        table.add_row(f"entities: {label}", str(count))
    for label, count in sorted(summary.relations.items()):
        table.add_row(f"relations: {label}", str(count))
    table.add_row("triples (quads)", str(summary.triples))
    table.add_row("seconds", f"{summary.seconds:.2f}")
    out.print(table)


@app.command("extract")
def extract_cli(
    files: Annotated[list[Path], typer.Argument(help="Report files or folders.")],
    out_dir: Annotated[
        Path | None, typer.Option("--out-dir", help="Write DIR/<stem>.json instead of stdout.")
    ] = None,
) -> None:
    """Extract entities, relations and report metadata as JSON in the gold annotation schema.

    Without --out-dir, prints one JSON object per line. Example: `kg extract seeds/*.txt --out-dir pred/`
    """
    from kg.goldjson import to_gold_schema
    from kg.ingest import iter_inputs
    from kg.pipeline import extract_paths

    try:
        paths = list(iter_inputs(files))
        if out_dir:
            out_dir.mkdir(parents=True, exist_ok=True)
        for extraction in extract_paths(paths):
            record = to_gold_schema(extraction)
            if out_dir:
                target = out_dir / f"{extraction.document.doc_id}.json"
                target.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            else:
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    except KGError as exc:
        _fail(exc)


@app.command("eval")
def eval_cli(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold <stem>.json files.")],
    docs: Annotated[Path, typer.Option(help="Folder holding the documents the gold files name.")] = Path(
        "seeds"
    ),
) -> None:
    """Score extraction against gold annotations: precision / recall / F1 per entity and relation type.

    Same matching as ../shared/tools/score.py. Example: `kg eval ../shared/gold --docs seeds/`
    """
    from kg.evaluate import evaluate_folder

    try:
        scores = evaluate_folder(gold_dir, docs)
    except KGError as exc:
        _fail(exc)
    from kg.evaluate import Scores

    for kind, table_data in (("entities", scores.entities), ("relations", scores.relations)):
        table = Table(title=kind)
        for column in ("type", "tp", "fp", "fn", "P", "R", "F1"):
            table.add_column(column, justify="left" if column == "type" else "right")
        for label, c in [*sorted(table_data.items()), ("ALL", Scores.total(table_data))]:
            table.add_row(
                label, str(c.tp), str(c.fp), str(c.fn), f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}"
            )
        out.print(table)
    out.print("report metadata: " + ", ".join(f"{k} {c}/{n}" for k, (c, n) in scores.report.items()))


@app.command("query")
def query_cli(
    query: Annotated[str, typer.Argument(help="A .rq file, a query name from queries/, or inline SPARQL.")],
    store: Annotated[Path, typer.Option(help="The store folder a build wrote.")] = Path("out/store"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json, csv or tsv.")] = "table",
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE, bound safely.")
    ] = None,
) -> None:
    """Run a SPARQL query over the store (read-only).

    Example: `kg query bodies-implementing-reform --param reform=一件事一次办`
    """
    from kg.query import query as run_query
    from kg.query import render, to_table

    params = {}
    for item in param or []:
        name, sep, value = item.partition("=")
        if not sep:
            _fail(KGError(f"--param {item!r}: expected NAME=VALUE"))
        params[name.strip()] = value
    try:
        result = run_query(store, query, params)
        if fmt == "table":
            out.print(to_table(result))
        else:
            sys.stdout.write(render(result, fmt))
    except KGError as exc:
        _fail(exc)


@app.command("export")
def export_cli(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (written aside, then renamed).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="turtle, trig, nquads, ntriples, jsonld or rdfxml.")] = (
        "turtle"
    ),
    store: Annotated[Path, typer.Option(help="The store folder a build wrote.")] = Path("out/store"),
    with_ontology: Annotated[bool, typer.Option(help="Include ontology/govkg.ttl in the export.")] = False,
) -> None:
    """Export the graph in a standard RDF format.

    Example: `kg export --format jsonld -o graph.jsonld`
    """
    from kg.export import export

    try:
        count = export(store, fmt, output, with_ontology=with_ontology)
    except KGError as exc:
        _fail(exc)
    err.print(f"{count} statements written to {output}")


@app.command("viz")
def viz_cli(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("out/graph.html"),
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
    from kg.viz import View, render_html

    view = View(focus=tuple(focus or ()), hops=hops, report=report, min_degree=min_degree, max_nodes=max_nodes,
                types=tuple(t.strip() for t in (types or "").split(",") if t.strip()), communities=communities)
    try:
        selection = render_html(store, output, view)
    except KGError as exc:
        _fail(exc)
    for note in selection.notes:
        err.print(note, highlight=False)
    graph = selection.graph
    err.print(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges drawn to {output}")


if __name__ == "__main__":  # pragma: no cover
    app()
