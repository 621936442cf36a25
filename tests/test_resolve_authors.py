"""Who wrote a document, read from the openings and signatures of real Hebei pages (annotation corpus, train and
dev records: the annotators' authors are the expected values)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.annotations import load, record_path
from kg.ingest import ingest
from kg.nlp.pipeline import load_pipeline
from kg.pipeline import extract_document


def author_of(tmp_path: Path, doc_id: str, learned: bool = False) -> tuple[str | None, str]:
    """(the author extracted from the record's text, the annotator's author)."""
    record = load(record_path(doc_id))
    path = tmp_path / f"{doc_id}.txt"
    path.write_text(record["text"], encoding="utf-8")
    extraction = extract_document(ingest(path), load_pipeline(learned=learned))
    return extraction.report.author_name, record["report"]["author"]


@pytest.mark.parametrize(
    ("doc_id", "why"),
    [
        ("jyt_ab154f_1099", "河北省教育厅  河北省财政厅关于…: of joint issuers before 关于, the first"),
        ("kjt_1cb7ba_0733", "科学技术部令第15号: the body whose order the rule is"),
        ("gxt_62086f_1046", "…现印发给你们，请结合实际认真贯彻执行。河北省人民政府办公厅　2019年11月25日: signed"),
        ("rst_7c5808_0389", "河北省人力资源和社会保障厅2017年…年度报告: the issuer before the covered year"),
    ],
)
def test_resolve_author_from_the_documents_own_formulas(tmp_path: Path, doc_id: str, why: str) -> None:
    found, expected = author_of(tmp_path, doc_id)
    assert found == expected, why


def test_resolve_author_inside_a_title_the_learned_layer_reads_as_a_document(tmp_path: Path) -> None:
    """The learned entity layer takes the whole first line as the document's own title (as the annotators do); its
    issuer at the title's start is still the author, not the province's government (the fallback)."""
    found, expected = author_of(tmp_path, "rst_7c5808_0389", learned=True)
    assert found == expected == "河北省人力资源和社会保障厅"
