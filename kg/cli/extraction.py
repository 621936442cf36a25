"""``kg build`` and ``kg extract``: reports in, a built output folder or gold-schema JSON out."""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.cli.base import STATE, app, err, fail, out
from kg.errors import KGError

SKIPPED_EXIT = 3  # the output was written, without the inputs listed as skipped


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
        "--keep-going", "-k", help="Exit 0 even when inputs were skipped (they are listed all the same).")] = False,
    strict: Annotated[bool, typer.Option(
        "--strict", help="All or nothing: if any input is skipped, leave OUT as it was (exit 1).")] = False,
    follow_symlinks: Annotated[bool, typer.Option(
        "--follow-symlinks", help="Follow symbolic links in input folders wherever they lead (default: only "
        "into the input folders).")] = False,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=1, help="Extract in N worker processes (at most the cores available).")] = 1,
    executor: Annotated[str | None, typer.Option(
        "--executor", help="Extract on the Dask cluster at dask://HOST:PORT (inputs on a shared file system).")
    ] = None,
    store_only: Annotated[bool, typer.Option(
        "--store-only", help="Write the store and manifest only, not graph.ttl/.trig/.html (large corpora).")
    ] = False,
    curation: Annotated[Path | None, typer.Option(
        "--curation", help="The curator's decisions to apply (default: curation.csv in each input folder; "
        "`kg curate` writes it).", readable=False)] = None,
) -> None:
    """Build the knowledge graph: OUT/graph.ttl, OUT/graph.trig, OUT/graph.html and the store OUT/store/.

    A file that cannot be read is reported and skipped, and OUT holds the graph of the others: exit 3 says
    inputs were skipped (0 with --keep-going); --strict leaves OUT as it was instead (exit 1). OUT is replaced
    whole or not at all, even when the build is killed, also when OUT is a mount point. The curator's decisions in
    curation.csv beside the reports (or --curation FILE, written with kg curate) are applied on every build.
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
                                strict=strict, on_skip=skipped, jobs=workers, executor=pool, store_only=store_only,
                                follow_symlinks=follow_symlinks, curation=curation)
    except BuildError as exc:
        _print_skipped(exc.summary)
        fail(exc)
    except KGError as exc:
        fail(exc)
    _print_build(summary)
    if summary.skipped and not keep_going:
        raise typer.Exit(SKIPPED_EXIT)


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
        fail(exc)
