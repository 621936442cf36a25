"""Exports round-trip through rdflib and pyoxigraph with the same counts; writes are atomic and stable."""

from __future__ import annotations

import gc
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic
from seed_extractions import seed_000, seed_001

from kg.errors import StoreError
from kg.export import export, write_atomic
from kg.paths import ontology_path
from kg.rdf import to_quads
from kg.store import ONTOLOGY_GRAPH, add_ontology, add_report, open_store


@pytest.fixture(scope="module")
def quads() -> list[ox.Quad]:
    return to_quads(seed_000()) + to_quads(seed_001())


@pytest.fixture
def store(quads) -> ox.Store:
    store = ox.Store()
    store.extend(quads)
    add_ontology(store)  # loaded in the store, but exported only when asked
    return store


def _merged(quads: list[ox.Quad]) -> set[ox.Triple]:
    return {q.triple for q in quads}


def test_export_turtle_is_the_merged_graph_in_rdflib_and_pyoxigraph(store, quads, tmp_path: Path) -> None:
    out = tmp_path / "kg.ttl"
    written = export(store, "turtle", out)
    expected = _merged(quads)
    assert written == len(expected) < len(quads)  # entities named by both reports are stated once
    by_rdflib = rdflib.Graph().parse(out, format="turtle")
    assert len(by_rdflib) == len(expected)
    assert len(list(ox.parse(path=str(out), format=ox.RdfFormat.TURTLE))) == len(expected)
    reference = rdflib.Graph().parse(
        data=ox.serialize(sorted(expected, key=str), format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    assert isomorphic(by_rdflib, reference)


def test_export_trig_keeps_one_graph_per_report(store, quads, tmp_path: Path) -> None:
    out = tmp_path / "kg.trig"
    assert export(store, "trig", out) == len(quads)
    dataset = rdflib.Dataset().parse(out, format="trig")
    assert len(list(dataset.quads())) == len(quads)
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert names == {q.graph_name.value for q in quads}
    assert len(list(ox.parse(path=str(out), format=ox.RdfFormat.TRIG))) == len(quads)


@pytest.mark.parametrize(("fmt", "rdflib_format", "dataset"), [
    ("ntriples", "nt", False), ("rdfxml", "xml", False),
    ("nquads", "nquads", True), ("jsonld", "json-ld", True),
])
def test_export_other_formats_round_trip(store, quads, tmp_path: Path, fmt, rdflib_format, dataset) -> None:
    out = tmp_path / f"kg.{fmt}"
    written = export(store, fmt, out)
    expected = len(quads) if dataset else len(_merged(quads))
    assert written == expected
    parsed = rdflib.Dataset() if dataset else rdflib.Graph()
    parsed.parse(out, format=rdflib_format)
    assert (len(list(parsed.quads())) if dataset else len(parsed)) == expected


def test_export_with_ontology(store, quads, tmp_path: Path) -> None:
    ontology = rdflib.Graph().parse(ontology_path(), format="turtle")
    written = export(store, "turtle", tmp_path / "a.ttl", with_ontology=True)
    assert written == len(_merged(quads)) + len(ontology)
    export(store, "trig", tmp_path / "a.trig", with_ontology=True)
    dataset = rdflib.Dataset().parse(tmp_path / "a.trig", format="trig")
    assert len(dataset.graph(rdflib.URIRef(ONTOLOGY_GRAPH))) == len(ontology)


def test_export_is_byte_stable(store, tmp_path: Path) -> None:
    for fmt in ("turtle", "trig", "jsonld"):
        export(store, fmt, tmp_path / f"1.{fmt}")
        export(store, fmt, tmp_path / f"2.{fmt}")
        assert (tmp_path / f"1.{fmt}").read_bytes() == (tmp_path / f"2.{fmt}").read_bytes(), fmt


def test_export_from_a_store_path_replaces_the_target(quads, tmp_path: Path) -> None:
    disk = open_store(tmp_path / "store")
    add_report(disk, quads)
    disk.flush()
    del disk
    gc.collect()
    out = tmp_path / "out" / "kg.nq"
    out.parent.mkdir()
    out.write_text("old", encoding="utf-8")
    assert export(tmp_path / "store", "nq", out) == len(quads)
    assert out.read_text(encoding="utf-8").count("\n") == len(quads)
    assert sorted(p.name for p in out.parent.iterdir()) == ["kg.nq"]


def test_export_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "kg.ttl"
    out.write_text("previous export", encoding="utf-8")

    def half_then_fail(fh) -> None:
        fh.write(b"@prefix half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomic(out, half_then_fail)
    assert out.read_text(encoding="utf-8") == "previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["kg.ttl"]


def test_export_unknown_format(store, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="unknown export format"):
        export(store, "csv", tmp_path / "x.csv")
