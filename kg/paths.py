"""Where the shipped data folders are: ``ontology/`` and ``queries/``.

In a checkout they sit at the top of the repository (the user's layout); in an installed wheel hatch copies
them to ``kg/_data/ontology`` and ``kg/_data/queries`` (pyproject ``force-include``). Code asks
here instead of guessing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kg.errors import ResourceError

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The shipped folder ``name`` (ontology, queries): the wheel copy first, then the checkout."""
    for candidate in (_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    problem = f"the {name}/ folder is neither installed nor checked out"
    raise ResourceError(_PACKAGE_DIR / "_data" / name, None, problem)


def ontology_path() -> Path:
    """ontology/govkg.ttl, the vocabulary every graph is written in."""
    path = data_dir("ontology") / "govkg.ttl"
    if not path.is_file():
        raise ResourceError(path, None, "ontology file not found")
    return path


def queries_dir() -> Path:
    return data_dir("queries")
