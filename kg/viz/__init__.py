"""A self-contained interactive HTML view of the graph (vis.js through pyvis, analysis with networkx).

``build_graph`` reads the store into networkx (kg.viz.graph), ``select_view`` cuts the part a ``View`` asks
for and ranks it (kg.viz.view), ``write_page`` draws it as one offline page (kg.viz.page);
``render_html`` does all three and is what ``kg build`` and ``kg viz`` call.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.store import as_store
from kg.viz.graph import build_graph
from kg.viz.page import write_page
from kg.viz.view import Selection, View, communities, importance, select_view

__all__ = ["Selection", "View", "build_graph", "communities", "importance", "render_html", "select_view",
           "write_page"]


def render_html(store: ox.Store | str | Path, out_path: str | Path, view: View | None = None) -> Selection:
    """Write the part of the graph ``view`` selects (default: all of it, up to 1500 nodes) as an HTML page."""
    store = as_store(store)
    view = view or View()
    selection = select_view(build_graph(store, include_reports=view.include_reports), store, view)
    write_page(selection, out_path, with_communities=view.communities)
    return selection
