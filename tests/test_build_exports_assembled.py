"""graph.trig and graph.ttl are the store's dataset and union graph, whichever way a build wrote them.

A fresh build assembles them from the blocks its workers serialised (kg.report_exports); an update reads the
store back into the same bytes; a build where a report gave no blocks exports the store with kg.export. Each is
parsed with pyoxigraph and compared with the store it was written beside, quad for quad and triple for triple.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build, build_report
from kg.manifest import read_manifest
from kg.rdf import DEFAULT_BASE
from kg.rdf.iri import export_prefixes
from tests.seed_store import SEEDS, built_seeds

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def parsed_trig(out: Path) -> set[ox.Quad]:
    return set(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))


def parsed_turtle(out: Path) -> list[ox.Triple]:
    return [quad.triple for quad in ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)]


def assert_exports_are_the_store(out: Path) -> None:
    store = ox.Store.read_only(str(out / "store"))
    dataset = set(store)
    assert not any(isinstance(term, ox.BlankNode) for quad in dataset for term in quad)  # sets compare content
    assert parsed_trig(out) == dataset
    turtle = parsed_turtle(out)
    assert set(turtle) == {quad.triple for quad in dataset}
    assert len(turtle) == len(set(turtle)), "graph.ttl states each triple once"
    manifest, _ = read_manifest(out)
    for name, digest in manifest.exports.items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest, name
    assert manifest.statements == {"graph.trig": len(dataset), "graph.ttl": len(turtle)}  # what kg export returns
    assert not [path.name for path in out.iterdir() if path.name.startswith(".")], "no temporary file is left"


def test_build_fresh_exports_are_the_store(tmp_path_factory: pytest.TempPathFactory) -> None:
    out = built_seeds(tmp_path_factory)
    assert_exports_are_the_store(out)


def test_build_update_reads_back_what_a_fresh_build_assembles(tmp_path_factory: pytest.TempPathFactory,
                                                              tmp_path: Path) -> None:
    """An update has not every report's quads in hand: it reads the store back, into the same bytes."""
    fresh = built_seeds(tmp_path_factory)
    out = tmp_path / "out"
    build(SEED_FILES[:3], out)
    build(SEED_FILES, out, update=True)
    assert_exports_are_the_store(out)
    for name in ("graph.trig", "graph.ttl"):
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name


def test_build_reads_back_when_a_report_gives_no_blocks(tmp_path: Path) -> None:
    """A "_:" in a report's text could be a blank node's label: that report sends no blocks, the build reads the
    store back, and the outputs are still the store."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for path in SEED_FILES[:2]:
        shutil.copy(path, inputs)
    odd = inputs / SEED_FILES[0].name
    odd.write_text(odd.read_text(encoding="utf-8").replace("。", "(编号_:07)。", 1), encoding="utf-8")
    report = build_report(odd, blocks=True)
    assert b"_:" in report.nquads and report.blocks is None
    build([inputs], tmp_path / "out")
    assert_exports_are_the_store(tmp_path / "out")


def test_build_report_blocks_keep_every_quad() -> None:
    """One report's blocks: its TriG block is its graph; its Turtle and its shared lines are its triples, split
    by subject (the report's own nodes; shared ones such as entities and rules)."""
    report = build_report(SEED_FILES[1], blocks=True)
    quads = set(ox.parse(report.nquads, format=ox.RdfFormat.N_QUADS))
    header = "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in export_prefixes(DEFAULT_BASE).items())
    trig = set(ox.parse(header.encode() + report.blocks.trig, format=ox.RdfFormat.TRIG))
    assert trig == quads
    own = {quad.triple for quad in ox.parse(header.encode() + report.blocks.turtle, format=ox.RdfFormat.TURTLE)}
    shared = {quad.triple for quad in ox.parse(report.blocks.shared, format=ox.RdfFormat.N_TRIPLES)}
    assert own | shared == {quad.triple for quad in quads} and not own & shared
    assert own and all(t.subject.value.startswith(f"{DEFAULT_BASE}report/") for t in own)
    assert shared and not any(t.subject.value.startswith(f"{DEFAULT_BASE}report/") for t in shared)
