"""One report made of a few real sentences, extracted: for the rules that read a report's frame and clauses."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import ingest
from kg.model import Extraction
from kg.nlp.pipeline import load_pipeline
from kg.pipeline import extract_document


def extract_text(tmp_path: Path, text: str, learned: bool = False) -> Extraction:
    """The extraction of a report whose text is ``text`` (seed and corpus sentences, with a title or signature),
    by the rule layer unless ``learned``: the rule tests pin the rules, which the learned layers read."""
    (tmp_path / "report.txt").write_text(text, encoding="utf-8")
    return extract_document(ingest(tmp_path / "report.txt"), load_pipeline(learned=learned))
