"""The issuer a page's own document number names (发文字号: 冀科政〔2015〕20号 -> 河北省科学技术厅), read from real
Hebei pages (annotation corpus, train records: the annotators' authors are the expected values)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.annotations import load, record_path
from kg.resolve.document_number import issuer_of_prefix, number_issuer
from tests.test_resolve_authors import author_of


def text_of(doc_id: str) -> str:
    return load(record_path(doc_id))["text"]


@pytest.mark.parametrize(
    ("doc_id", "issuer"),
    [
        ("kjt_bc1308_0928", "河北省科学技术厅"),  # …的通知\u3000\u3000冀科政〔2015〕20号: a division's letters
        ("gxt_44ef91_1026", "河北省工业和信息化厅"),  # …的通知\n冀工信装〔2023〕77号各市…
        ("kjt_2beaf9_0739", "财政部"),  # 财教〔2012〕429号
        ("rst_dbf083_0281", "人力资源和社会保障部办公厅"),  # 人社厅发〔2016〕130号
        ("kjt_e27496_0708", "中共中央办公厅"),  # 厅字﹝2016﹞35号: 中办 and 国办, 中办 first
        ("kjt_1e9068_0667", "科学技术部"),  # …的通知国科发监〔2022〕221号各有关单位: run on after the title
        ("kjt_3a0578_0948", "中共河北省委办公厅"),  # 中共河北省委办公厅\u3000\u3000冀办字〔2017〕26号
    ],
)
def test_the_own_number_names_its_issuer(doc_id: str, issuer: str) -> None:
    assert number_issuer(text_of(doc_id)) == issuer


@pytest.mark.parametrize(
    "doc_id",
    [
        "gxt_ca7220_1052",  # …，落实省政府《…》（冀政发〔2018〕8号）: a cited document's number
        "jyt_0eea9a_1142",  # 依据：《关于做好征集大学生入伍工作的通知》参动〔2013〕69号
        "rst_fac67d_0246",  # 解读\n近日，河北省人民政府印发《…》（冀政发【2015】33号）: the explained document's
    ],
)
def test_a_cited_documents_number_is_not_the_pages_own(doc_id: str) -> None:
    assert number_issuer(text_of(doc_id)) is None


def test_a_province_abbreviation_composes_with_a_department_code() -> None:
    """The tables compose: any province's abbreviation with a department's code, a municipality's departments by
    their own head word, the Party committee by its bare code."""
    assert issuer_of_prefix("冀政办字") == "河北省人民政府办公厅"
    assert issuer_of_prefix("冀发") == "中共河北省委员会"
    assert issuer_of_prefix("粤府") == "广东省人民政府"
    assert issuer_of_prefix("津人社局函") == "天津市人力资源和社会保障局"
    assert issuer_of_prefix("石政发") is None  # a city's (石家庄): not in the tables


def test_resolve_author_from_the_number_where_the_title_drops_the_party_prefix(tmp_path: Path) -> None:
    """…的通知\n中共河北省委办公厅\u3000\u3000冀办字〔2017〕26号: the title line's body is read 河北省委办公厅,
    the number names the office in full, as the annotators write it."""
    found, expected = author_of(tmp_path, "kjt_3a0578_0948")
    assert found == expected == "中共河北省委办公厅"
