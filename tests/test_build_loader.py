"""The build's store loader (kg.build._Loader): batches bulk-loaded on a thread, errors raised in the build."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import _Loader
from kg.errors import StoreError


def _nquads(graph: int, n: int) -> bytes:
    return "".join(f"<https://example.org/s{i}> <https://example.org/p> \"{i}\" <https://example.org/g{graph}> .\n"
                   for i in range(n)).encode()


def test_loader_loads_every_batch_by_the_time_flush_returns(tmp_path: Path) -> None:
    store = ox.Store(str(tmp_path / "store"))
    with _Loader(store, batch_bytes=1_000) as loader:
        for graph in range(20):
            loader.add(_nquads(graph, 30))
        loader.flush()
        assert len(store) == 20 * 30
        assert {q.graph_name.value for q in store} == {f"https://example.org/g{g}" for g in range(20)}


def test_loader_failed_batch_is_a_store_error_and_stops_loading(tmp_path: Path) -> None:
    store = ox.Store(str(tmp_path / "store"))
    with pytest.raises(StoreError, match="cannot add quads to the store"), _Loader(store, batch_bytes=1) as loader:
        loader.add(_nquads(0, 3))
        loader.add(b"<https://example.org/s> <https://example.org/p> \"unterminated <https://example.org/g> .\n")
        loader.add(_nquads(2, 3))  # raises here (the failure is known) or at flush
        loader.flush()
    graphs = {q.graph_name.value for q in store}
    assert "https://example.org/g0" in graphs and "https://example.org/g2" not in graphs


def test_loader_build_error_leaves_the_thread_stopped(tmp_path: Path) -> None:
    store = ox.Store(str(tmp_path / "store"))
    with pytest.raises(KeyError), _Loader(store, batch_bytes=1) as loader:
        loader.add(_nquads(0, 3))
        raise KeyError("a failure in the build")
    assert not loader.thread.is_alive()
