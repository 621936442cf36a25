"""The ``kg`` command line: thin wrappers over the library (kg.build, kg.pipeline, kg.evaluate, kg.query)."""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
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
    """govkg: a knowledge graph of agencies, reforms and policies from Chinese government rule-of-law reports.

    Build it from report files, then query, draw, export, validate, reason over, serve or push it.

    Colours are off with NO_COLOR=1 or in a pipe; `kg --install-completion` adds shell completion.

    Example:

    ```
    kg build seeds/ --out out/ && kg query reports
    ```
    """
    STATE["debug"] = debug


def _verdict(passed: bool, text: str) -> None:
    """A check's report: on stdout when it passed, else on stderr with exit code 1."""
    (out if passed else err).print(text, highlight=False, markup=False, soft_wrap=True)
    if not passed:
        raise typer.Exit(1)


def _fail(exc: Exception) -> None:
    if STATE["debug"]:
        raise exc
    err.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
    raise typer.Exit(getattr(exc, "exit_code", 1))


@app.command("build")
def build_cli(
    inputs: Annotated[  # readable=False: an unreadable file is the build's to report, as one skipped input
        list[Path] | None, typer.Argument(help="Report files or folders (default: seeds/).", readable=False)
    ] = None,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    base: Annotated[
        str, typer.Option(help="Base IRI of every node the build mints.")
    ] = "https://w3id.org/govkg/",
    update: Annotated[bool, typer.Option(
        "--update", help="Re-extract only reports whose file changed; drop reports whose file is gone.")] = False,
    keep_going: Annotated[bool, typer.Option(
        "--keep-going", "-k", help="Write the output without the files that had to be skipped (exit 0).")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Extract in N worker processes.")] = 1,
    executor: Annotated[str | None, typer.Option(
        "--executor", help="Extract on the Dask cluster at dask://HOST:PORT (inputs on a shared file system).")
    ] = None,
    store_only: Annotated[bool, typer.Option(
        "--store-only", help="Write the store and manifest only, not graph.ttl/.trig/.html (large corpora).")
    ] = False,
) -> None:
    """Build the knowledge graph: OUT/graph.ttl, OUT/graph.trig, OUT/graph.html and the store OUT/store/.

    A file that cannot be read is reported and skipped; the output is then left as it was (exit 1) unless
    --keep-going. OUT is replaced whole or not at all, even when the build is killed.
    Examples: `kg build seeds/ --out out/`; for large corpora, in worker processes and without the exported
    files: `kg build seeds/ --out big/ --jobs 2 --store-only`
    """

    from kg.parallel import connect, spacy_without_torch

    with spacy_without_torch():  # the build runs the rules only
        from kg.build import BuildError, build

    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )

    def skipped(item) -> None:  # as it happens on a terminal; the summary lists them all at the end
        if err.is_terminal or STATE["debug"]:
            progress.console.print(f"skipped {item}", highlight=False, markup=False, soft_wrap=True)
        if STATE["debug"] and item.detail:
            progress.console.print(item.detail, highlight=False, markup=False, soft_wrap=True)

    try:
        with progress:
            task = progress.add_task("extracting", total=None)

            def tick(path: Path, done: int, total: int) -> None:
                progress.update(task, completed=done, total=total, description=f"extracting {path.name}")

            with connect(executor) if executor else nullcontext((None, jobs)) as (pool, workers):
                summary = build(inputs or [Path("seeds")], out_dir, base=base, on_document=tick, update=update,
                                keep_going=keep_going, on_skip=skipped, jobs=workers, executor=pool,
                                store_only=store_only)
    except BuildError as exc:
        _print_skipped(exc.summary)
        _fail(exc)
    except KGError as exc:
        _fail(exc)
    _print_build(summary)


def _print_build(summary) -> None:
    """The summary table on stdout; skipped files and notes at the end, on stderr."""
    table = Table(title=f"govkg build -> {summary.out_dir}" + ("" if summary.written else " (unchanged)"))
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("documents built", str(summary.documents))
    if summary.unchanged or summary.removed:
        table.add_row("documents unchanged", str(summary.unchanged))
        table.add_row("documents removed", str(len(summary.removed)))
    table.add_row("inputs skipped", str(len(summary.skipped)))
    for label, count in sorted(summary.entities.items()):
        table.add_row(f"entities: {label}", str(count))
    for label, count in sorted(summary.relations.items()):
        table.add_row(f"relations: {label}", str(count))
    table.add_row("triples (quads)", str(summary.triples))
    table.add_row("seconds", f"{summary.seconds:.2f}")
    out.print(table)
    _print_skipped(summary)


def _print_skipped(summary) -> None:
    """``N built, M skipped:`` and one line per skipped input, each naming the file and the problem."""
    built = summary.documents + summary.unchanged
    err.print(f"{built} built, {len(summary.skipped)} skipped" + (":" if summary.skipped else ""), highlight=False)
    for item in summary.skipped:
        err.print(f"  {item}", highlight=False, markup=False, soft_wrap=True)
    for note in summary.notes:
        err.print(f"note: {note}", highlight=False, markup=False, soft_wrap=True)


@app.command("extract")
def extract_cli(
    files: Annotated[list[Path], typer.Argument(help="Report files or folders.")],
    out_dir: Annotated[
        Path | None, typer.Option("--out-dir", help="Write DIR/<stem>.json instead of stdout.")
    ] = None,
    statistical: Annotated[
        bool, typer.Option("--statistical", help="Also run the trained NER tagger (fills the rules' gaps; slower).")
    ] = False,
) -> None:
    """Extract entities, relations and report metadata as JSON in the gold annotation schema.

    Without --out-dir, prints one JSON object per line.

    Example: `kg extract seeds/*.txt --out-dir pred/`
    """
    from kg.parallel import spacy_without_torch

    with nullcontext() if statistical else spacy_without_torch():
        from kg.goldjson import to_gold_schema
        from kg.ingest import iter_inputs
        from kg.nlp import load_pipeline
        from kg.pipeline import extract_paths

    try:
        paths = list(iter_inputs(files))
        if out_dir:
            out_dir.mkdir(parents=True, exist_ok=True)
        for extraction in extract_paths(paths, load_pipeline(statistical=statistical)):
            record = to_gold_schema(extraction)
            if out_dir:
                target = out_dir / f"{extraction.document.doc_id}.json"
                target.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            else:
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    except KGError as exc:
        _fail(exc)


CLUENER_DIR = Path("../shared/benchmarks/cluener2020")


@app.command("eval")
def eval_cli(
    gold_dir: Annotated[Path | None, typer.Argument(help="Folder of gold STEM.json files.")] = None,
    docs: Annotated[Path, typer.Option(help="Folder holding the documents the gold files name.")] = Path(
        "seeds"
    ),
    cluener: Annotated[
        bool, typer.Option("--cluener", help="Score NER on CLUENER2020 dev instead (government as Agency ...).")
    ] = False,
    cluener_file: Annotated[Path, typer.Option(help="The CLUENER2020 file --cluener scores.")] = CLUENER_DIR
    / "dev.json",
    statistical: Annotated[
        bool, typer.Option("--statistical", help="Also run the trained NER tagger (fills the rules' gaps; slower).")
    ] = False,
) -> None:
    """Score extraction against gold annotations: precision / recall / F1 per entity and relation type.

    Same matching as ../shared/tools/score.py; --cluener scores rules, tagger and both on CLUENER2020 dev
    (exact spans).

    Examples:

    ```
    kg eval ../shared/gold --docs seeds/
    kg eval --cluener
    ```
    """
    if cluener:
        _eval_cluener(cluener_file)
        return
    if gold_dir is None:
        _fail(typer.BadParameter("give a gold folder, or --cluener"))
    from kg.evaluate import Scores, evaluate_folder

    try:
        scores = evaluate_folder(gold_dir, docs, statistical=statistical)
    except KGError as exc:
        _fail(exc)
    for kind, table_data in (("entities", scores.entities), ("relations", scores.relations)):
        out.print(_score_table(kind, [*sorted(table_data.items()), ("ALL", Scores.total(table_data))]))
    out.print("report metadata: " + ", ".join(f"{k} {c}/{n}" for k, (c, n) in scores.report.items()))


def _score_table(title: str, rows: list) -> Table:
    table = Table(title=title)
    for column in ("type", "tp", "fp", "fn", "P", "R", "F1"):
        table.add_column(column, justify="left" if column == "type" else "right")
    for label, c in rows:
        table.add_row(label, str(c.tp), str(c.fp), str(c.fn), f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}")
    return table


def _eval_cluener(path: Path) -> None:
    from kg.evaluate import Scores
    from kg.nlp.cluener import evaluate_cluener, label_map

    try:
        results = evaluate_cluener(path)
    except (KGError, OSError) as exc:
        _fail(exc)
    names = {v: k for k, v in label_map().items()}
    for system, counts in results.items():
        rows = [(f"{label} ({names.get(label, '?')})", c) for label, c in sorted(counts.items())]
        out.print(_score_table(f"CLUENER2020 {path.name}: {system}", [*rows, ("ALL", Scores.total(counts))]))


@app.command("train")
def train_cli(
    cluener_train: Annotated[Path, typer.Option(help="CLUENER2020 train file.")] = CLUENER_DIR / "train.json",
    silver: Annotated[
        list[Path] | None,
        typer.Option(help="Reports whose rule-layer entities become silver training data (repeatable)."),
    ] = None,
    no_silver: Annotated[bool, typer.Option("--no-silver", help="Train on CLUENER2020 alone.")] = False,
    epochs: Annotated[int, typer.Option(help="Passes over the training data.")] = 12,
    members: Annotated[int, typer.Option(help="Models trained from successive seeds, shipped as an ensemble.")] = 1,
    seed: Annotated[int, typer.Option(help="Random seed of the first member (initialisation, shuffling).")] = 0,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Where to write the weights (default: the shipped ones).")
    ] = None,
    word_vectors: Annotated[
        Path | None,
        typer.Option(help="Pretrained word vectors: synonyms-3.10.2.tar.gz from PyPI, or their extracted .npz."),
    ] = None,
) -> None:
    """Train the statistical NER (a character BiLSTM-CRF) from CLUENER2020 train plus silver report sentences.

    Keeps each member's best epoch or weight average by held-out F1 (a slice of train, never dev). The shipped
    weights: --members 2 with the default silver (seeds/ and ../shared/corpus/) and the word vectors of
    synonyms 3.10.2 (`pip download --no-deps synonyms==3.10.2`, then --word-vectors synonyms-3.10.2.tar.gz),
    ~15 minutes per member on one core. Needs `pip install 'govkg[statistical]'`.

    Example, a one-minute trial that leaves the shipped weights alone:

    ```
    kg train --epochs 1 --silver seeds/ --out model/
    ```
    """
    from kg.nlp.train import train

    silver = silver if silver is not None else [p for p in (Path("seeds"), Path("../shared/corpus")) if p.is_dir()]
    if no_silver:
        silver = []
    try:
        result = train(
            cluener_train,
            silver,
            out=out_dir,
            epochs=epochs,
            members=members,
            seed=seed,
            word_vectors=word_vectors,
            log=out.print,
        )
    except (KGError, OSError) as exc:
        _fail(exc)
    out.print(
        f"best epoch {result.best_epoch}/{result.epochs}: held-out F1 {result.heldout_f1}; "
        f"{result.train_sentences} CLUENER + {result.silver_sentences} silver sentences -> {result.path}"
    )


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
            _fail(KGError(f"--param {item!r}: expected NAME=VALUE"))
        params[name.strip()] = value
    try:
        result = run_query(store, query, params, allow_update=allow_update, timeout=timeout)
        if result.kind == "update":
            err.print(f"update applied to {store}", soft_wrap=True)
        elif (fmt := fmt or _piped_format(result.kind)) == "table":
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
    inferred: Annotated[bool, typer.Option(help="Add what the OWL 2 RL closure (owlrl) derives.")] = False,
) -> None:
    """Export the graph in a standard RDF format.

    Example: `kg export --format jsonld -o graph.jsonld`
    """
    from kg.export import export

    try:
        count = export(store, fmt, output, with_ontology=with_ontology, inferred=inferred)
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


@app.command("validate")
def validate_cli(
    store: Annotated[Path, typer.Option(help="The store folder a build wrote.")] = Path("out/store"),
    data: Annotated[Path | None, typer.Option(help="Validate this RDF file instead of the store.")] = None,
    shapes: Annotated[Path | None, typer.Option(help="SHACL shapes (default: ontology/shapes.ttl).")] = None,
) -> None:
    """Check the graph against the SHACL shapes (pySHACL); exit 1 and list the problems if it breaks one.

    Example: `kg validate --store out/store`
    """
    from kg.validate import read_graph, validate, validate_graph

    try:
        report = validate_graph(read_graph(data), shapes) if data else validate(store, shapes)
    except KGError as exc:
        _fail(exc)
    _verdict(report.conforms, report.text())


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
        verdict = check_consistency(triples)
    except KGError as exc:
        _fail(exc)
    _verdict(verdict.consistent, verdict.text())


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
        _fail(exc)
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
        _fail(exc)
    out.print(f"{len(pushed)} graphs, {sum(p.triples for p in pushed)} triples pushed to {endpoint}")


if __name__ == "__main__":  # pragma: no cover
    app()
