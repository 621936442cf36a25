"""`kg export` hands out the build's own graph.ttl / graph.trig while the manifest proves the store unchanged since
they were written, and reads the store whenever anything wrote to it after the build (kg.export._copy_built)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.export import export
from kg.query import query
from kg.rdf import DEFAULT_BASE, Minter
from tests.seed_store import SEEDS, built_seeds

FORMATS = [("turtle", "graph.ttl", ox.RdfFormat.TURTLE), ("trig", "graph.trig", ox.RdfFormat.TRIG)]
GRAPH = Minter(DEFAULT_BASE).graph(sorted(SEEDS.glob("*.txt"))[0].stem)
ADDED = ox.Quad(ox.NamedNode("https://example.org/curated"), ox.NamedNode("http://www.w3.org/2004/02/skos/core#note"),
                ox.Literal("added after the build"), ox.NamedNode(GRAPH))


@pytest.fixture
def out(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    """A copy of the seeds' build (copytree keeps the files' times, so the store's fingerprint is unchanged)."""
    copy = tmp_path / "out"
    shutil.copytree(built_seeds(tmp_path_factory), copy)
    return copy


def parsed(path: Path, fmt: ox.RdfFormat) -> set[ox.Quad]:
    return set(ox.parse(path=str(path), format=fmt))


def dumped(store: Path, fmt: str, target: Path) -> tuple[int, set[ox.Quad]]:
    """What the store itself exports: an open store is always read back."""
    count = export(ox.Store.read_only(str(store)), fmt, target)
    return count, parsed(target, dict((f, rdf) for f, _, rdf in FORMATS)[fmt])


@pytest.mark.parametrize(("fmt", "name", "rdf_format"), FORMATS)
def test_export_hands_out_the_builds_file_of_an_unchanged_store(out: Path, tmp_path: Path, fmt: str, name: str,
                                                                rdf_format: ox.RdfFormat) -> None:
    reader = ox.Store.read_only(str(out / "store"))  # reading does not change the store
    assert len(list(reader.query("SELECT * { GRAPH ?g { ?s ?p ?o } } LIMIT 5"))) == 5
    del reader
    count = export(out / "store", fmt, tmp_path / f"export.{fmt}")
    assert (tmp_path / f"export.{fmt}").read_bytes() == (out / name).read_bytes()
    expected_count, expected = dumped(out / "store", fmt, tmp_path / f"dump.{fmt}")
    assert (tmp_path / f"dump.{fmt}").read_bytes() != (out / name).read_bytes()  # the dump is in the store's order
    assert count == expected_count
    assert parsed(tmp_path / f"export.{fmt}", rdf_format) == expected


@pytest.mark.parametrize("change", ["insert", "delete"])
def test_export_reads_a_store_written_after_the_build(out: Path, tmp_path: Path, change: str) -> None:
    store = out / "store"
    if change == "insert":
        query(store, f"INSERT DATA {{ GRAPH <{GRAPH}> {{ {ADDED.triple} }} }}", allow_update=True)
    else:
        gone = next(iter(ox.Store.read_only(str(store)).quads_for_pattern(None, None, None, ox.NamedNode(GRAPH))))
        query(store, f"DELETE DATA {{ GRAPH <{GRAPH}> {{ {gone.triple} }} }}", allow_update=True)
    for fmt, name, rdf_format in FORMATS:
        count = export(store, fmt, tmp_path / f"export.{fmt}")
        expected_count, expected = dumped(store, fmt, tmp_path / f"dump.{fmt}")
        assert (count, parsed(tmp_path / f"export.{fmt}", rdf_format)) == (expected_count, expected)
        assert parsed(tmp_path / f"export.{fmt}", rdf_format) != parsed(out / name, rdf_format)
    assert (ADDED in parsed(tmp_path / "export.trig", ox.RdfFormat.TRIG)) == (change == "insert")


def test_export_reads_the_store_once_it_was_opened_for_writing(out: Path, tmp_path: Path) -> None:
    """A read-write open that writes nothing still counts as a change: RocksDB starts a new log and MANIFEST."""
    writer = ox.Store(str(out / "store"))
    del writer
    export(out / "store", "turtle", tmp_path / "export.ttl")
    assert (tmp_path / "export.ttl").read_bytes() != (out / "graph.ttl").read_bytes()
    assert parsed(tmp_path / "export.ttl", ox.RdfFormat.TURTLE) == parsed(out / "graph.ttl", ox.RdfFormat.TURTLE)


def test_export_reads_the_store_when_the_builds_file_was_changed(out: Path, tmp_path: Path) -> None:
    with (out / "graph.ttl").open("ab") as turtle:
        turtle.write(f"{ADDED.triple} .\n".encode())
    export(out / "store", "turtle", tmp_path / "export.ttl")
    assert ADDED.triple not in {quad.triple for quad in parsed(tmp_path / "export.ttl", ox.RdfFormat.TURTLE)}
    assert not list(tmp_path.glob(".*")), "the discarded copy is removed"


def test_export_reads_a_store_put_in_place_of_the_builds(out: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    build(sorted(SEEDS.glob("*.txt"))[:2], other)
    shutil.rmtree(out / "store")
    shutil.copytree(other / "store", out / "store")
    count = export(out / "store", "trig", tmp_path / "export.trig")
    assert (count, parsed(tmp_path / "export.trig", ox.RdfFormat.TRIG)) == dumped(out / "store", "trig",
                                                                                   tmp_path / "dump.trig")
    assert parsed(tmp_path / "export.trig", ox.RdfFormat.TRIG) == parsed(other / "graph.trig", ox.RdfFormat.TRIG)


def test_export_hands_out_the_files_an_update_rewrote(tmp_path: Path) -> None:
    """An update writes the store, graph.ttl, graph.trig and a manifest with the store's new fingerprint."""
    seeds = sorted(SEEDS.glob("*.txt"))
    out = tmp_path / "out"
    build(seeds[:3], out)
    build(seeds, out, update=True)
    count = export(out / "store", "turtle", tmp_path / "export.ttl")
    assert (tmp_path / "export.ttl").read_bytes() == (out / "graph.ttl").read_bytes()
    expected_count, expected = dumped(out / "store", "turtle", tmp_path / "dump.ttl")
    assert (count, parsed(tmp_path / "export.ttl", ox.RdfFormat.TURTLE)) == (expected_count, expected)
