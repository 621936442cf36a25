"""Property tests: random Unicode, random bytes and random splices of the seeds' text go through ingestion,
extraction and RDF conversion without a crash; every offset lies inside the text, and every surface form is
the text at its offsets."""

from __future__ import annotations

import html
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.ingest import ingest
from kg.ingest.encoding import decode
from kg.model import Document, Extraction
from kg.pipeline import extract_document
from kg.rdf import to_quads

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SEED_TEXTS = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


@st.composite
def splices(draw: st.DrawFn) -> str:
    """Pieces of the seeds (cut anywhere, even inside a heading or a title) with random Unicode between."""
    pieces = []
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            text = draw(st.sampled_from(SEED_TEXTS))
            start = draw(st.integers(0, len(text)))
            pieces.append(text[start:draw(st.integers(start, min(len(text), start + 600)))])
        else:
            pieces.append(draw(st.text(max_size=20)))
    return "".join(pieces)


def check_document(doc: Document) -> None:
    n = len(doc.text)
    assert len(doc.norm) == n
    for start, end in doc.boilerplate:
        assert 0 <= start <= end <= n
    for section in doc.sections:
        assert 0 <= section.start <= section.heading_end <= section.end <= n
    for sentence in doc.sentences:
        assert 0 <= sentence.start < sentence.end <= n
        assert sentence.section is None or 0 <= sentence.section < len(doc.sections)


def check_extraction(extraction: Extraction) -> None:
    text = extraction.document.text
    mentions = [m for entity in extraction.entities for m in entity.mentions]
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert mention.text == text[mention.start:mention.end]
        assert mention.norm == extraction.document.norm[mention.start:mention.end]
    keys = {entity.key for entity in extraction.entities}
    for relation in extraction.relations:
        assert relation.subject in keys and relation.object in keys
        for evidence in relation.evidence:
            assert 0 <= evidence.start < evidence.end <= len(text)
            assert evidence.sentence is None or 0 <= evidence.sentence < len(extraction.document.sentences)
    assert to_quads(extraction)


def ingest_and_extract(path: Path) -> None:
    try:
        doc = ingest(path)
    except InputError as error:
        assert error.path == str(path) and error.problem
        event("refused with an InputError")
        return
    check_document(doc)
    extraction = extract_document(doc)
    check_extraction(extraction)
    event("extracted" + (" with mentions" if extraction.entities else ""))


@SETTINGS
@given(text=st.text(max_size=400))
def test_robust_property_random_unicode(folder: Path, text: str) -> None:
    path = folder / "random.txt"
    path.write_text(text, encoding="utf-8", newline="")
    ingest_and_extract(path)


@SETTINGS
@given(text=splices(), as_html=st.booleans())
def test_robust_property_splices_of_seed_text(folder: Path, text: str, as_html: bool) -> None:
    path = folder / ("splice.html" if as_html else "splice.txt")
    if as_html:
        paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
        path.write_text(f"<html><body><div class='article'>{paragraphs}</div></body></html>", encoding="utf-8")
    else:
        path.write_text(text, encoding="utf-8", newline="")
    ingest_and_extract(path)


@SETTINGS
@given(text=splices(), codec=st.sampled_from(["gb18030", "big5", "utf-16"]))
def test_robust_property_splices_in_other_encodings(folder: Path, text: str, codec: str) -> None:
    path = folder / "encoded.txt"
    path.write_bytes(text.encode(codec, errors="replace"))
    ingest_and_extract(path)


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=2000))
def test_robust_property_random_bytes_decode_exactly_or_fail_clearly(data: bytes) -> None:
    try:
        text, codec = decode(data, "bytes.txt")
    except InputError as error:
        assert error.path == "bytes.txt" and error.problem
        return
    assert text == data.decode(codec)
