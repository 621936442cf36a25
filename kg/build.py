"""``kg build``: documents in, a complete output directory out — store, Turtle, TriG and the interactive graph.

The build writes into a staging directory next to the target and swaps it in at the end, so an interrupted build
leaves the previous output as it was.
"""

from __future__ import annotations

import gc
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.ingest import iter_inputs
from kg.model import Extraction
from kg.pipeline import extract_paths
from kg.rdf import DEFAULT_BASE, to_quads
from kg.rdf.links import link_related_reforms
from kg.store import add_report, count_quads, finish, open_store

OUTPUTS = ("graph.ttl", "graph.trig", "graph.html", "store")


@dataclass
class BuildSummary:
    out_dir: Path
    documents: int = 0
    entities: Counter[str] = field(default_factory=Counter)
    relations: Counter[str] = field(default_factory=Counter)
    triples: int = 0
    seconds: float = 0.0

    def add(self, extraction: Extraction) -> None:
        self.documents += 1
        self.entities.update(e.type for e in extraction.entities)
        self.relations.update(r.predicate for r in extraction.relations)


def build(
    inputs: Iterable[str | Path],
    out_dir: str | Path = "out",
    base: str = DEFAULT_BASE,
    on_document: Callable[[Path, int, int], None] | None = None,
) -> BuildSummary:
    """Extract every report under ``inputs`` and write ``out_dir`` (see OUTPUTS) atomically."""
    from kg.export import export
    from kg.viz import render_html

    started = time.perf_counter()
    paths = list(iter_inputs(list(inputs)))
    out = Path(out_dir)
    summary = BuildSummary(out_dir=out)
    staging = out.with_name(f".{out.name}.building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        store = open_store(staging / "store")
        for index, extraction in enumerate(extract_paths(paths), start=1):
            add_report(store, to_quads(extraction, base))
            summary.add(extraction)
            if on_document:
                on_document(paths[index - 1], index, len(paths))
        link_related_reforms(store, base)
        summary.triples = count_quads(store)
        export(store, "turtle", staging / "graph.ttl")
        export(store, "trig", staging / "graph.trig")
        render_html(store, staging / "graph.html")
        finish(store)
        del store
        gc.collect()  # close the RocksDB handle before the directory moves
        _swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    summary.seconds = time.perf_counter() - started
    return summary


def _swap_in(staging: Path, out: Path) -> None:
    """Replace ``out`` by ``staging``: the old output is moved aside first and removed only afterwards."""
    if out.exists():
        retired = out.with_name(f".{out.name}.previous-{os.getpid()}")
        shutil.rmtree(retired, ignore_errors=True)
        os.rename(out, retired)
        os.rename(staging, out)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.rename(staging, out)
