"""One way from files to extractions (kg.pipeline.extract_many, decisions.md 70): ``kg extract`` and a build's
workers both take it; each file gives its Extraction or a Failed naming it, whatever the batch."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.goldjson import to_gold_schema
from kg.ingest import ingest
from kg.nlp import load_pipeline
from kg.pipeline import Failed, extract_document, extract_many, extract_paths
from tests.seed_store import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def test_each_file_gives_its_extraction_or_a_line_naming_it(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    paths = [SEED_FILES[0], broken, *SEED_FILES[1:]]
    nlp = load_pipeline()
    alone = [to_gold_schema(extract_document(ingest(path), nlp)) for path in SEED_FILES]
    for batch in (1, 2, 16):
        got = list(extract_many(paths, nlp, batch=batch))
        assert isinstance(got[1], Failed) and got[1].path == str(broken)
        assert str(got[1]).startswith(f"{broken}: ") and "\n" not in str(got[1])
        assert [to_gold_schema(x) for x in (got[0], *got[2:])] == alone
    extracted = extract_paths(paths, nlp)
    assert to_gold_schema(next(extracted)) == alone[0]
    with pytest.raises(InputError, match=r"broken\.pdf"):
        next(extracted)
