"""``kg annotate``: start, project and check the records of the in-domain annotation corpus (annotations/)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.base import app, fail, out, print_verdict
from kg.errors import KGError

annotate_app = typer.Typer(no_args_is_help=True, rich_markup_mode="markdown")
app.add_typer(annotate_app, name="annotate", help="Start, project and check annotation records (annotations/).")

Second = Annotated[bool, typer.Option("--second", help="The independent second annotation (annotations/agreement/).")]
_SENTENCE_END = re.compile(r"[。；！？\n]")


def _document(doc_id: str):
    from kg.annotations import documents

    docs = documents()
    if doc_id not in docs:
        fail(KeyError(f"{doc_id}: not a document of annotations/splits.tsv"))
    return docs[doc_id]


@annotate_app.command("new")
def new_cli(
    doc_id: Annotated[str, typer.Argument(help="Document id (annotations/splits.tsv).")],
    annotator: Annotated[str, typer.Option(help="Who annotates (initials or a name).")] = "A",
    shared: Annotated[Path, typer.Option(help="Where the corpus lies.")] = Path("../shared"),
    second: Second = False,
) -> None:
    """Write an empty record holding the document's text; refuses to overwrite one.

    Example: `kg annotate new kjt_1cb7ba_0733 --annotator LW --second`
    """
    from kg.annotations import dump, new_record, record_path

    path = record_path(doc_id, second=second)
    if path.exists():
        fail(FileExistsError(f"{path}: exists; edit it"))
    try:
        path.write_text(dump(new_record(_document(doc_id), shared, annotator)), encoding="utf-8")
    except KGError as exc:
        fail(exc)
    out.print(f"wrote {path}")


@annotate_app.command("show")
def show_cli(
    doc_id: Annotated[str, typer.Argument(help="Document id.")],
    start: Annotated[int, typer.Option(help="First character offset to show.")] = 0,
    end: Annotated[int | None, typer.Option(help="Offset to stop at.")] = None,
    second: Second = False,
) -> None:
    """Print the text a sentence a line, each line prefixed with its start offset.

    Example: `kg annotate show kjt_1cb7ba_0733 --end 400`
    """
    from kg.annotations import load, record_path

    text = load(record_path(doc_id, second=second))["text"]
    position, stop = start, len(text) if end is None else end
    while position < stop:
        match = _SENTENCE_END.search(text, position)
        cut = min(match.end() if match else stop, stop)
        piece = text[position:cut].rstrip("\n")
        if piece.strip():
            out.print(f"{position:>6}  {piece}", highlight=False, markup=False, soft_wrap=True)
        position = cut


@annotate_app.command("find")
def find_cli(
    doc_id: Annotated[str, typer.Argument(help="Document id.")],
    surface: Annotated[str, typer.Argument(help="A surface form: every occurrence is printed in context.")],
    second: Second = False,
) -> None:
    """Every occurrence of a string with its offsets and 12 characters either side (to choose exclusions).

    Example: `kg annotate find kjt_1cb7ba_0733 委员会`
    """
    from kg.annotations import load, record_path

    text = load(record_path(doc_id, second=second))["text"]
    at = text.find(surface)
    while at >= 0:
        left, right = text[max(0, at - 12) : at], text[at + len(surface) : at + len(surface) + 12]
        out.print(f"[{at}, {at + len(surface)}]  {left}【{surface}】{right}".replace("\n", " "),
                  highlight=False, markup=False)
        at = text.find(surface, at + 1)


@annotate_app.command("project")
def project_cli(
    doc_id: Annotated[str, typer.Argument(help="Document id.")],
    second: Second = False,
) -> None:
    """Recompute spans and evidence offsets from the record's entity table, save, then check it.

    Example: `kg annotate project kjt_1cb7ba_0733`
    """
    from kg.annotations import check, dump, load, project, record_path

    path = record_path(doc_id, second=second)
    try:
        record = load(path)
    except KGError as exc:
        fail(exc)
    problems = project(record)
    path.write_text(dump(record), encoding="utf-8")
    problems += check(record)
    counts = f"{len(record['entities'])} entities, {len(record['spans'])} spans, {len(record['relations'])} relations"
    print_verdict(not problems, f"{path}: {counts}" + "".join(f"\n  {p}" for p in dict.fromkeys(problems)))


@annotate_app.command("check")
def check_cli(
    doc_ids: Annotated[list[str] | None, typer.Argument(help="Document ids (default: every record).")] = None,
    second: Annotated[bool, typer.Option("--second", help="Only the second annotations (annotations/agreement/).")]
    = False,
    first: Annotated[bool, typer.Option("--first", help="Only the first annotations (annotations/records/).")]
    = False,
) -> None:
    """Check records: spans match the text and the entity table, relations join listed entities of the right
    types, evidence quotes occur where they say, the text is the drawn document's.

    Example: `kg annotate check --first`
    """
    from kg.annotations import ROOT, check, load, project

    folders = ["records"] * (not second) + ["agreement"] * (not first)
    paths = [p for folder in folders for p in sorted((ROOT / folder).glob("*.json"))]
    if doc_ids:
        paths = [p for p in paths if p.stem in doc_ids]
    failed = []
    for path in paths:
        record = load(path)
        spans = [dict(s) for s in record["spans"]]
        problems = check(record)
        project(record)
        if record["spans"] != spans:
            problems.append("spans differ from the entity table's projection (run kg annotate project)")
        if problems:
            failed.append(f"{path}:" + "".join(f"\n  {p}" for p in problems))
    print_verdict(not failed, "\n".join(failed) or f"{len(paths)} records sound")


@annotate_app.command("done")
def done_cli(
    doc_ids: Annotated[list[str], typer.Argument(help="Document ids whose records are finished and checked.")],
    second: Second = False,
) -> None:
    """Mark records finished: only finished records are scored or trained on. Refuses a record that fails check.

    Example: `kg annotate done kjt_1cb7ba_0733`
    """
    from kg.annotations import check, dump, load, record_path

    for doc_id in doc_ids:
        path = record_path(doc_id, second=second)
        record = load(path)
        problems = check(record)
        if problems:
            print_verdict(False, f"{path}: not sound, not marked" + "".join(f"\n  {p}" for p in problems))
        record["status"] = "done"
        fields = list(record)
        ordered = {k: record[k] for k in fields[:4]} | {"status": "done"} | {k: record[k] for k in fields[4:]}
        path.write_text(dump(ordered), encoding="utf-8")
        out.print(f"{path}: done")


@annotate_app.command("agreement")
def agreement_cli() -> None:
    """Score every finished second annotation (annotations/agreement/) against the first, per type.

    Example: `kg annotate agreement`
    """
    from kg.annotations import agreement
    from kg.cli.nlp import _print_scores

    scores, ids = agreement()
    if not ids:
        fail(FileNotFoundError("annotations/agreement: no document annotated twice and finished"))
    out.print(f"{len(ids)} documents annotated twice: {', '.join(ids)}", highlight=False)
    _print_scores(scores, "agreement: ")
