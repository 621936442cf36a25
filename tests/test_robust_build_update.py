"""Builds are deterministic, and `kg build --update` gives the graph a full build gives, extracting only what
changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.build import build
from kg.manifest import read_manifest
from kg.store import report_ids

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
RELATED = rdflib.SKOS.related  # links between reports' reforms: restated over the whole store by every build
ALL = sorted(SEEDS.glob("00*.txt"))


def graphs(out: Path) -> dict[str, rdflib.Graph]:
    """The named graphs of OUT/graph.trig, by graph IRI."""
    dataset = rdflib.Dataset().parse(out / "graph.trig", format="trig")
    return {str(g.identifier): g for g in dataset.graphs() if len(g)}


def iris(out: Path) -> set[str]:
    store = ox.Store.read_only(str(out / "store"))
    found = {term.value for quad in store for term in (quad.subject, quad.predicate, quad.object, quad.graph_name)
             if isinstance(term, ox.NamedNode)}
    del store
    return found


def own_triples(graph: rdflib.Graph) -> rdflib.Graph:
    """What a report's extraction put in its graph, without the cross-report links."""
    own = rdflib.Graph()
    for triple in graph:
        if triple[1] != RELATED:
            own.add(triple)
    return own


def same_graphs(a: Path, b: Path) -> None:
    first, second = graphs(a), graphs(b)
    assert sorted(first) == sorted(second)
    for name, graph in first.items():
        assert isomorphic(graph, second[name]), name
    assert iris(a) == iris(b)


@pytest.mark.slow
def test_robust_build_is_deterministic(tmp_path: Path) -> None:
    build(ALL, tmp_path / "one")
    build(list(reversed(ALL)), tmp_path / "two")  # the order the files are given in does not matter either

    same_graphs(tmp_path / "one", tmp_path / "two")
    assert (tmp_path / "one" / "graph.trig").read_bytes() == (tmp_path / "two" / "graph.trig").read_bytes()
    assert (tmp_path / "one" / "manifest.json").read_bytes() == (tmp_path / "two" / "manifest.json").read_bytes()


@pytest.mark.slow
def test_robust_build_update_extracts_only_what_changed(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    kept, changed, removed, added = (inputs / path.name for path in ALL[:4])
    for path in ALL[:3]:
        shutil.copy(path, inputs)
    out = tmp_path / "out"
    build([inputs], out)
    kept_graph = own_triples(graphs(out)[next(g for g in graphs(out) if kept.stem in g)])

    text = changed.read_text(encoding="utf-8")
    assert "新余市" in text
    changed.write_text(text.replace("新余市", "萍乡市"), encoding="utf-8")
    removed.unlink()
    shutil.copy(ALL[3], added)
    extracted: list[str] = []

    summary = build([inputs], out, update=True, on_document=lambda path, i, n: extracted.append(path.name))

    assert extracted == [changed.name, added.name]
    assert (summary.documents, summary.unchanged, summary.removed) == (2, 1, [removed.stem])
    assert summary.written
    store = ox.Store.read_only(str(out / "store"))
    assert report_ids(store) == sorted(p.stem for p in (kept, changed, added))
    del store
    assert isomorphic(own_triples(graphs(out)[next(g for g in graphs(out) if kept.stem in g)]), kept_graph)
    assert any("萍乡市" in str(o) for g in graphs(out).values() for o in g.objects())
    build([inputs], tmp_path / "full")
    same_graphs(out, tmp_path / "full")  # the links between reports too: the update wrote only their difference
    assert (out / "manifest.json").read_bytes() == (tmp_path / "full" / "manifest.json").read_bytes()
    manifest, _ = read_manifest(out)  # what the next update computes the links from survives the round trip
    assert manifest.to_json() == (out / "manifest.json").read_text(encoding="utf-8")
    assert "一件事一次办" in manifest.reports[kept.stem].reforms  # seed 000, 益阳


@pytest.mark.slow
def test_robust_build_update_when_nothing_changed_or_the_base_changed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(ALL[:2], out)
    before = (out / "manifest.json").read_bytes()

    unchanged = build(ALL[:2], out, update=True)
    assert (unchanged.documents, unchanged.unchanged, unchanged.written) == (0, 2, False)
    assert any("up to date" in note for note in unchanged.notes)
    assert (out / "manifest.json").read_bytes() == before

    rebased = build(ALL[:2], out, base="https://example.org/kg/", update=True)
    assert (rebased.documents, rebased.unchanged) == (2, 0)
    assert any("base https://w3id.org/govkg/" in note for note in rebased.notes)
    minted = ("id/", "report/", "rule/")
    assert any(iri.startswith("https://example.org/kg/report/") for iri in iris(out))
    assert not any(iri.startswith(tuple(f"https://w3id.org/govkg/{m}" for m in minted)) for iri in iris(out))


def test_robust_build_update_reextracts_a_report_moved_elsewhere(tmp_path: Path) -> None:
    """Same bytes at another path: the graph must name the new path (gk:sourcePath), so the report is rebuilt.
    Not slow: one seed, two builds."""
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        folder.mkdir()
        shutil.copy(ALL[0], folder)
    out = tmp_path / "out"
    build([first], out)
    summary = build([second], out, update=True)
    assert (summary.documents, summary.unchanged) == (1, 0)
    store = ox.Store.read_only(str(out / "store"))
    paths = {quad.object.value for quad in store.quads_for_pattern(
        None, ox.NamedNode("https://w3id.org/govkg/ontology#sourcePath"), None, None)}
    del store
    assert paths == {str(second / ALL[0].name)}
