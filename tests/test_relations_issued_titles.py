"""issued: the short name a gloss gives a document (（以下简称《条例》）) is no second document its author issued,
and a policy explanation whose title holds the explanation (《…管理办法》解读) is issued by its author. Whole
train documents of the Hebei corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import ingest
from kg.nlp import load_pipeline
from kg.pipeline import extract_document

HEBEI = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "hebei"


def _issued(name: str) -> set[tuple[str, str]]:
    extraction = extract_document(ingest(HEBEI / f"{name}.txt"), load_pipeline(learned=True))
    names = {e.key: e.name for e in extraction.entities}
    return {(names[r.subject], names[r.object]) for r in extraction.relations if r.predicate == "issued"}


@pytest.mark.parametrize("name, author", [
    ("rst_485bf2_0385", "河北省人力资源和社会保障厅"),  # 本报告根据《…条例》（以下简称《条例》）要求编制
    ("jyt_599a3b_1087", "河北省教育厅"),
])
def test_a_documents_short_name_in_its_gloss_is_not_issued(name: str, author: str) -> None:
    assert (author, "条例") not in _issued(name)


def test_an_explanation_is_issued_by_its_author() -> None:
    """kjt_4777ce_0834: 《河北省企业重点实验室建设与运行管理办法》解读, by 河北省科学技术厅."""
    issued = _issued("kjt_4777ce_0834")
    assert ("河北省科学技术厅", "河北省企业重点实验室建设与运行管理办法解读") in issued
