"""A title that names its issuers before 关于, 印发 or 转发 was issued by them: the relation model's guess that another
body near it issued it is overruled unless a rule found that body issuing it (learned_cues.yaml title_issuer_words;
decisions §54). Real pages of the Hebei corpus (not annotated)."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import ingest
from kg.nlp import load_pipeline
from kg.pipeline import extract_document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "hebei"


def _issuers(name: str, document: str) -> set[str]:
    extraction = extract_document(ingest(CORPUS / name), load_pipeline(learned=True))
    names = {e.key: e.name for e in extraction.entities}
    return {names[r.subject] for r in extraction.relations if r.predicate == "issued" and names[r.object] == document}


def test_the_bodies_a_cited_title_names_issued_it_not_the_ones_beside_it() -> None:
    """kjt_d03472_0927: 为深入落实《中共中央国务院关于深化体制机制改革…的实施意见》（中发〔2015〕8号）和《中共河北省委
    河北省人民政府关于深化科技体制改革加快推进创新发展的实施意见》（冀发〔2015〕14号）: the second is the province's."""
    opinion = "中共河北省委河北省人民政府关于深化科技体制改革加快推进创新发展的实施意见"
    issuers = _issuers("kjt_d03472_0927.txt", opinion)
    assert not issuers & {"中共中央", "国务院"}


def test_a_forwarding_page_s_author_did_not_issue_the_forwarded_notice() -> None:
    """rst_c34f2f_0315, 河北省人力资源和社会保障厅 forwarding: 现将《人力资源社会保障部关于进一步完善就业失业登记
    管理办法的通知》（人社部发〔2014〕97号）转发给你们 — the ministry issued it, the forwarding department did not."""
    issuers = _issuers("rst_c34f2f_0315.txt", "人力资源社会保障部关于进一步完善就业失业登记管理办法的通知")
    assert "河北省人力资源和社会保障厅" not in issuers


def test_a_title_counting_more_issuers_than_it_names_names_not_all() -> None:
    from kg.relations.learned import _names_its_issuers

    assert _names_its_issuers("河北省教育厅关于做好高等学校财务信息公开工作的通知")
    assert not _names_its_issuers("科技部等六部门印发《关于促进文化和科技深度融合的指导意见》的通知")
    assert not _names_its_issuers("河北省人民政府2024年立法工作计划")
