"""The graph a researcher builds of the seeds and ../shared/corpus (13 real documents), built once per test session
by the real pipeline (kg.build), and a SPARQL helper over its store."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus"  # shared/ sits beside the checkout
PREFIXES = """PREFIX gk: <https://w3id.org/govkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus is not beside this checkout")
_BUILT: dict[str, Path] = {}


def built_corpus(factory: pytest.TempPathFactory) -> Path:
    """The output folder of ``kg build seeds/ ../shared/corpus/*.txt``, built on first use."""
    if "out" not in _BUILT:
        out = factory.mktemp("corpus-build") / "out"
        build([SEEDS, *sorted(CORPUS.glob("*.txt"))], out)
        _BUILT["out"] = out
    return _BUILT["out"]


def select(out: Path, query: str) -> list[dict[str, str]]:
    """The rows of a SELECT over the built store, each variable's value as a string."""
    store = ox.Store.read_only(str(out / "store"))
    solutions = store.query(PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{name: row[name].value for name in names if row[name] is not None} for row in solutions]
