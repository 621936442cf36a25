"""Structural relations read from names: a body whose name opens with another body's name it is part of, central
bodies of three characters too (国务院办公厅 -> 国务院, 教育部办公厅 -> 教育部)."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import ingest
from kg.nlp import load_pipeline
from kg.pipeline import extract_document

HEBEI = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "hebei"


def test_a_central_office_is_part_of_its_body() -> None:
    """gxt_351a44_1078 (the industry department's 2023 disclosure report) names 国务院 and 国务院办公厅."""
    extraction = extract_document(ingest(HEBEI / "gxt_351a44_1078.txt"), load_pipeline(learned=True))
    names = {e.key: e.name for e in extraction.entities}
    parts = {(names[r.subject], names[r.object]) for r in extraction.relations if r.predicate == "subOrganizationOf"}
    assert ("国务院办公厅", "国务院") in parts
    assert ("国务院", "国务院办公厅") not in parts
