"""One report made of a few real sentences, extracted: for the rules that read a report's frame and clauses."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import ingest
from kg.model import Extraction
from kg.pipeline import extract_document


def extract_text(tmp_path: Path, text: str) -> Extraction:
    """The extraction of a report whose text is ``text`` (seed and corpus sentences, with a title or signature)."""
    (tmp_path / "report.txt").write_text(text, encoding="utf-8")
    return extract_document(ingest(tmp_path / "report.txt"))
