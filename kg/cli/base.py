"""What every ``kg`` command shares: the Typer app, its global options, the consoles and the error exit."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from kg import __version__

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


def print_verdict(passed: bool, text: str) -> None:
    """A check's report: on stdout when it passed, else on stderr with exit code 1."""
    (out if passed else err).print(text, highlight=False, markup=False, soft_wrap=True)
    if not passed:
        raise typer.Exit(1)


def fail(exc: Exception) -> None:
    if STATE["debug"]:
        raise exc
    err.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
    raise typer.Exit(getattr(exc, "exit_code", 1))
