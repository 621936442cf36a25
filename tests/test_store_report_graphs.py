"""The on-disk store: one named graph per report, replaced cleanly, with clear errors."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from seed_extractions import seed_000, seed_001

from kg.errors import StoreError
from kg.rdf import graph_name, to_quads
from kg.store import (
    ONTOLOGY_GRAPH,
    add_ontology,
    add_report,
    count_quads,
    finish,
    open_store,
    remove_report,
    replace_report,
    report_graphs,
    report_ids,
)

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A store on disk with the two seed reports, closed again."""
    path = tmp_path / "store"
    store = open_store(path)
    for extraction in (seed_000(), seed_001()):
        add_report(store, to_quads(extraction))
    finish(store)
    del store
    gc.collect()
    return path


def test_store_lists_one_graph_per_report_and_counts_quads(built: Path) -> None:
    store = open_store(built, read_only=True)
    x0, x1 = seed_000(), seed_001()
    assert report_graphs(store) == sorted([graph_name(x0).value, graph_name(x1).value])
    assert report_ids(store) == ["000_305e9a0e456975a1", "001_c41a6bf51d27d1a9"]
    assert count_quads(store, graph_name(x0)) == len(to_quads(x0))
    assert count_quads(store) == len(to_quads(x0)) + len(to_quads(x1))


def test_store_replace_report_swaps_one_graph_and_leaves_the_other(built: Path) -> None:
    store = open_store(built)
    x0, x1 = seed_000(), seed_001()
    before_other = count_quads(store, graph_name(x1))
    x0.relations = [r for r in x0.relations if r.object != "Reform/放管服"]
    x0.entities = [e for e in x0.entities if e.key != "Reform/放管服"]
    written = replace_report(store, graph_name(x0), to_quads(x0))
    assert written == len(to_quads(x0)) == count_quads(store, graph_name(x0))
    assert count_quads(store, graph_name(x1)) == before_other
    leftovers = store.query("ASK { ?s ?p <https://w3id.org/govkg/id/Reform/放管服> }",
                            use_default_graph_as_union=True)
    assert not bool(leftovers)


def test_store_replace_refuses_quads_of_another_graph(built: Path) -> None:
    store = open_store(built)
    with pytest.raises(StoreError, match="is not in graph"):
        replace_report(store, graph_name(seed_000()), to_quads(seed_001()))


def test_store_remove_report(built: Path) -> None:
    store = open_store(built)
    remove_report(store, graph_name(seed_000()))
    assert report_ids(store) == ["001_c41a6bf51d27d1a9"]


def test_store_ontology_graph_is_not_a_report(built: Path) -> None:
    store = open_store(built)
    assert add_ontology(store) > 400
    assert ONTOLOGY_GRAPH not in report_graphs(store)
    assert add_ontology(store) == count_quads(store, ONTOLOGY_GRAPH)  # reloading replaces, does not double


def test_store_read_only_cannot_write(built: Path) -> None:
    store = open_store(built, read_only=True)
    with pytest.raises(StoreError):
        add_report(store, to_quads(seed_000()))


def test_store_missing_path_is_reported(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store here"):
        open_store(tmp_path / "nowhere", read_only=True)
    with pytest.raises(StoreError, match="no store here"):
        open_store(tmp_path / "nowhere", create=False)


def test_store_directory_that_is_not_a_store_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not rocksdb", encoding="utf-8")
    with pytest.raises(StoreError, match="not an RDF store"):
        open_store(tmp_path)
    with pytest.raises(StoreError, match="not an RDF store"):
        open_store(tmp_path, read_only=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    with pytest.raises(StoreError, match="not a directory"):
        open_store(tmp_path / "notes.txt")


def test_store_locked_by_another_process(built: Path) -> None:
    store = open_store(built)
    probe = ("import sys\nfrom kg.store import open_store\nfrom kg.errors import StoreError\n"
             "try:\n    open_store(sys.argv[1])\nexcept StoreError as e:\n    print(e); sys.exit(3)\n")
    result = subprocess.run([sys.executable, "-c", probe, str(built)], capture_output=True, text=True,
                            cwd=REPO, timeout=60)
    assert result.returncode == 3, result.stderr
    assert "locked by another process" in result.stdout
    assert isinstance(store, ox.Store)  # still ours and usable
    assert count_quads(store) > 0
