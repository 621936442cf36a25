"""``kg curate``: write a curator's decision into the curation file, checked against the built store."""

from __future__ import annotations

import getpass
import os
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.base import app, err, fail, out
from kg.errors import KGError

curate_app = typer.Typer(no_args_is_help=True, rich_markup_mode="markdown")
app.add_typer(curate_app, name="curate", help="Accept, reject, merge or rename: a decision every `kg build` applies "
              "(curation.csv beside the reports).")

Store = Annotated[Path, typer.Option(help="The store folder a build wrote (names are checked against it).")]
CurationFile = Annotated[Path | None, typer.Option(
    "--curation", help="The curation file (default: curation.csv in the folder of the reports the store was built "
    "from).")]
Curator = Annotated[str | None, typer.Option(help="Who decides (default: $KG_CURATOR, else the login name).")]
Note = Annotated[str, typer.Option(help="Why: kept with the decision in the graph.")]
Report = Annotated[str, typer.Option(help="Only in this report (its id, `kg query reports`).")]


def _write(action: str, store: Path, curation: Path | None, curator: str | None, note: str, subject: str,
           predicate: str = "", object_: str = "", report: str = "", quote: str = "") -> None:
    from kg.curation import Decision, append_decision, read_curation
    from kg.curation.store import check_decision
    from kg.store import as_store

    try:
        path = curation or _default_curation(store)
        if path.is_file():
            read_curation(path)  # a malformed file is reported before a row is added to it
        who = curator or os.environ.get("KG_CURATOR") or getpass.getuser()
        decision = Decision(action, subject, predicate, object_, report, quote, who, date.today().isoformat(), note)
        decision = check_decision(as_store(store), decision)
        append_decision(path, decision)
    except KGError as exc:
        fail(exc)
    out.print(f"{path}: {', '.join(decision.row())}", highlight=False, markup=False, soft_wrap=True)
    err.print("the next `kg build` (also --update) applies it", highlight=False)


def _default_curation(store: Path) -> Path:
    """curation.csv in the folder holding the reports the store was built from (what ``kg build DIR`` reads)."""
    from kg.curation import FILE_NAME
    from kg.manifest import read_manifest

    manifest, why = read_manifest(store.parent)
    if manifest is None or not manifest.reports:
        raise KGError(f"cannot tell where the reports of {store} are ({why or 'no reports'}): name the file with "
                      "--curation")
    folders = {str(Path(entry.path).resolve().parent) for entry in manifest.reports.values()}
    return Path(os.path.commonpath(sorted(folders))) / FILE_NAME


@curate_app.command("accept")
def accept_cli(subject: str, predicate: str, object_: Annotated[str, typer.Argument(metavar="OBJECT")],
               store: Store = Path("out/store"), curation: CurationFile = None, curator: Curator = None,
               note: Note = "", report: Report = "",
               quote: Annotated[str, typer.Option(help="The report's words that state the fact (to add one the "
                                                  "extraction missed; needs --report).")] = "") -> None:
    """The fact SUBJECT PREDICATE OBJECT is right: marked as the curator's, or added with --report and --quote.

    Example: `kg curate accept 益阳市行政审批服务局 implements 一件事一次办 --note "read in the report"`
    """
    _write("accept", store, curation, curator, note, subject, predicate, object_, report, quote)


@curate_app.command("reject")
def reject_cli(subject: str, predicate: Annotated[str, typer.Argument()] = "",
               object_: Annotated[str, typer.Argument(metavar="[OBJECT]")] = "", store: Store = Path("out/store"),
               curation: CurationFile = None, curator: Curator = None, note: Note = "",
               report: Report = "") -> None:
    """The fact SUBJECT PREDICATE OBJECT is wrong, or (SUBJECT alone) SUBJECT is not an entity: removed.

    Examples: `kg curate reject 益阳市行政审批服务局 implements 放管服`; `kg curate reject 9210`
    """
    _write("reject", store, curation, curator, note, subject, predicate, object_, report)


@curate_app.command("merge")
def merge_cli(duplicate: str, kept: str, store: Store = Path("out/store"), curation: CurationFile = None,
              curator: Curator = None, note: Note = "", report: Report = "") -> None:
    """DUPLICATE is the same entity as KEPT: its mentions, names and facts become KEPT's.

    Example: `kg curate merge 一窗 一窗受理`
    """
    _write("merge", store, curation, curator, note, duplicate, "", kept, report)


@curate_app.command("rename")
def rename_cli(entity: str, name: str, store: Store = Path("out/store"), curation: CurationFile = None,
               curator: Curator = None, note: Note = "", report: Report = "") -> None:
    """ENTITY's preferred name becomes NAME (its IRI stays; the old name is kept as an alias).

    Example: `kg curate rename 一件事一次办 一件事一次办改革`
    """
    _write("rename", store, curation, curator, note, entity, "", name, report)
