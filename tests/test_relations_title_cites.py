"""A title that names the document it implements or forwards cites it (rules.yaml title_citing_verbs): 关于转发
《…关于…的意见》的通知, 实施《…法》若干规定; not the document a notice hands out (关于印发《…》的通知), which its
issuer issued. Real text of train rst_71cdb7_0320."""

from __future__ import annotations

from pathlib import Path

from tests.report_text import extract_text, relation_pairs

FORWARDED = (
    "关于转发《人力资源和社会保障部、国家发展改革委、财政部关于加快发展人力资源服务业的意见》的通知\n"
    "关于转发《人力资源和社会保障部、国家发展改革委、财政部关于加快发展人力资源服务业的意见》的通知2014年12月31日，"
    "人力资源和社会保障部、国家发展和改革委员会、财政部印发了《关于加快发展人力资源服务业的意见》"
    "（人社部发【2014】104号，以下简称《意见》）。现将《意见》转发你们，请结合实际，深入学习领会，认真抓好贯彻落实。\n"
)
def test_a_title_cites_the_document_it_forwards(tmp_path: Path) -> None:
    cites = relation_pairs(extract_text(tmp_path, FORWARDED, learned=True), "cites")
    assert ("关于转发《人力资源和社会保障部、国家发展改革委、财政部关于加快发展人力资源服务业的意见》的通知",
            "人力资源和社会保障部、国家发展改革委、财政部关于加快发展人力资源服务业的意见") in cites
