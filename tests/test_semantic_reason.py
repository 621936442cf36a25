"""HermiT (the OWL 2 DL reasoner owlready2 ships, on the machine's Java) finds the ontology plus the seeds' graph
consistent, and catches a contradiction: a node typed both gk:Law and gk:Agency, which the ontology declares
disjoint."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from seed_extractions import seed_000
from seed_store import built_seeds
from typer.testing import CliRunner

from kg.cli import app
from kg.export import merged_triples
from kg.rdf import to_quads
from kg.reason import ReasonerError, check_consistency

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
GK = "https://w3id.org/govkg/ontology#"
CONSTITUTION = ox.NamedNode("https://w3id.org/govkg/id/Law/中华人民共和国宪法")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return built_seeds(tmp_path_factory)


@pytest.fixture(scope="module")
def seeds_triples(out: Path) -> list[ox.Triple]:
    return merged_triples(ox.Store.read_only(str(out / "store")))


def test_semantic_reason_seeds_graph_is_consistent_under_hermit(out: Path) -> None:
    result = CliRunner().invoke(app, ["reason", "--store", str(out / "store")])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("consistent under OWL 2 DL (HermiT")


def test_semantic_reason_hermit_catches_a_law_that_is_also_an_agency(seeds_triples: list[ox.Triple]) -> None:
    assert any(t.subject == CONSTITUTION and t.object == ox.NamedNode(GK + "Law") for t in seeds_triples)
    broken = [*seeds_triples, ox.Triple(CONSTITUTION, RDF_TYPE, ox.NamedNode(GK + "Agency"))]
    verdict = check_consistency(broken, explain=False)
    assert not verdict.consistent and verdict.reasoner == "HermiT"


def test_semantic_reason_explains_the_clash(tmp_path: Path) -> None:
    """The explanation (owlrl's clash report) on seed 000's hand-built graph, which closes in a second."""
    triples = [q.triple for q in to_quads(seed_000())]
    broken = [*triples, ox.Triple(CONSTITUTION, RDF_TYPE, ox.NamedNode(GK + "Agency"))]
    verdict = check_consistency(broken)
    assert not verdict.consistent
    (line,) = [line for line in verdict.explanation if "中华人民共和国宪法" in line]
    assert f"{GK}Agency" in line and f"{GK}Law" in line and "Disjoint" in line
    path = tmp_path / "broken.nt"
    path.write_bytes(ox.serialize(broken, format=ox.RdfFormat.N_TRIPLES))
    result = CliRunner().invoke(app, ["reason", "--data", str(path)])
    assert result.exit_code == 1 and result.output.startswith("INCONSISTENT under OWL 2 DL")


def test_semantic_reason_evidence_cannot_be_a_mention(seeds_triples: list[ox.Triple]) -> None:
    mention = next(t.subject for t in seeds_triples if t.predicate == RDF_TYPE and t.object.value == GK + "Mention")
    broken = [*seeds_triples, ox.Triple(mention, RDF_TYPE, ox.NamedNode(GK + "Evidence"))]
    assert not check_consistency(broken, explain=False).consistent


def test_semantic_reason_without_java_is_a_clear_error(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("JAVA_EXE", str(tmp_path / "no-java"))
    with pytest.raises(ReasonerError, match="cannot run HermiT"):
        check_consistency([])
