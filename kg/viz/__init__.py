"""A self-contained interactive HTML view of the graph (vis.js through pyvis, analysis with networkx).

``build_graph`` reads the store into networkx (kg.viz.graph), ``select_view`` cuts the part a ``View`` asks
for and ranks it (kg.viz.view), ``describe`` reads the evidence of what is drawn, ``write_page`` lays it out
(kg.viz.layout) and draws it as one offline page (kg.viz.page); ``render_html`` does all of it and is what
``kg build`` and ``kg viz`` call.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox

from kg.store import as_store
from kg.viz.graph import add_mentions, build_graph, describe
from kg.viz.layout import layout
from kg.viz.page import EVIDENCE_PER_ITEM, PageInput, cited_reports, report_texts, write_page
from kg.viz.view import Selection, View, communities, importance, select_view

__all__ = ["PageInput", "Selection", "View", "add_mentions", "build_graph", "communities", "describe", "importance",
           "render_html", "select_view", "write_page"]


def render_html(store: ox.Store | str | Path, out_path: str | Path, view: View | None = None) -> Selection:
    """Write the part of the graph ``view`` selects (default: all of it, up to 1500 nodes) as an HTML page."""
    roots = (Path(store).resolve().parent.parent,) if isinstance(store, str | Path) else ()  # the build's folder
    store = as_store(store)
    view = view or View()
    selection = select_view(build_graph(store, include_reports=view.include_reports, mentions=False), store, view)
    add_mentions(store, selection.graph)
    # the layout (ForceAtlas2: numpy, mostly without the GIL) on a thread while the store is read for the
    # evidence; it reads the selection, which nothing changes from here on
    with ThreadPoolExecutor(1, thread_name_prefix="govkg-layout") as pool:
        positions = pool.submit(layout, selection.graph, selection.rank)
        details = describe(store, selection.graph, limit=EVIDENCE_PER_ITEM)
        texts = report_texts(selection.graph.graph.get("reports", {}), cited_reports(selection, details), roots=roots)
        write_page(selection, out_path, with_communities=view.communities, extra=PageInput(details, texts),
                   positions=positions.result())
    return selection
