"""Every error govkg raises on purpose, with a message that names the file and the problem.

The CLI turns these into one readable line and an exit code (``exit_code``); anything else is a bug and shows a
traceback only with ``--debug``.
"""

from __future__ import annotations


class KGError(Exception):
    """Base class: a problem the user can act on."""

    exit_code = 1


class InputError(KGError):
    """A document that cannot be read: missing, unreadable, empty, binary, undecodable, no text layer."""

    exit_code = 2

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class ResourceError(KGError):
    """A bad line in one of the shipped or user-supplied data files (lexicons, patterns, alias tables)."""

    exit_code = 2

    def __init__(self, path: object, line: int | None, problem: str) -> None:
        self.path = str(path)
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")


class QueryError(KGError):
    """A SPARQL query that cannot be found, parsed or run."""

    exit_code = 2


class StoreError(KGError):
    """An output directory or RDF store that is missing, locked or not a govkg store."""

    exit_code = 2


class ViewError(KGError):
    """A graph view that cannot be drawn: an unknown focus name, class or report (kg viz options)."""

    exit_code = 2
