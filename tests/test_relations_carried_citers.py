"""Who issues and who cites what a notice hands out or carries out, by conventions of the genre.

A document named inside a title right after a verb of carrying out (rules.yaml title_not_issued_after:
贯彻落实〈…〉的通知, 实施〈…〉若干规定, 关于转发〈…〉的通知) is not issued by the title's issuers, who issue
only what they hand out (印发). What a carried document's body does according to (依据《…》, 按照《…》)
the carried document cites, not the notice's issuer (learned_cues.yaml carried_body_not_author).
Real text of train rst_dbf083_0281 and kjt_33fb4d_0942."""

from __future__ import annotations

from pathlib import Path

from tests.report_text import extract_text, relation_pairs

CARRIED_OUT = (
    "人力资源社会保障部办公厅关于做好企业“五证合一”社会保险登记工作的通知\n"
    "人社厅发〔2016〕130号为贯彻落实《国务院办公厅关于加快推进“五证合一、一照一码”登记制度改革的通知》（国办发〔2016〕"
    "53号）精神和《工商总局等五部门关于贯彻落实〈国务院办公厅关于加快推进“五证合一”登记制度改革的通知〉的通知》"
    "（工商企注字〔2016〕150号）要求，切实做好企业“五证合一”社会保险登记工作，现就有关事项通知如下：\n"
)


def test_a_title_that_carries_out_a_document_did_not_issue_it(tmp_path: Path) -> None:
    """工商总局 issued its 通知, not the 国务院办公厅's 通知 that its title says it carries out."""
    issued = relation_pairs(extract_text(tmp_path, CARRIED_OUT), "issued")
    inner = "国务院办公厅关于加快推进“五证合一”登记制度改革的通知"
    assert ("国家工商行政管理总局", f"工商总局等五部门关于贯彻落实〈{inner}〉的通知") in issued
    assert ("国务院办公厅", inner) in issued
    assert ("国家工商行政管理总局", inner) not in issued

CARRIED_BODY = (
    "关于印发《河北省技术合同认定登记机构确认及绩效评价办法》的通知\n"
    "河北省科学技术厅关于印发《河北省技术合同认定登记机构确认及绩效评价办法》的通知冀科成市〔2015〕6号"
    "各设区市科技局，省直管县（市）科技局：为加强对技术合同认定登记机构的监督指导，促进技术合同认定登记机构规范发展，"
    "我厅根据有关法律法规政策和《河北省技术市场条例》制定了《河北省技术合同认定登记机构确认及绩效评价办法》，"
    "现印发给你们，请遵照执行。河北省科学技术厅 2015年7月30日\n"
    "河北省技术合同认定登记机构确认及绩效评价办法\n"
    "第一条为加强对技术合同认定登记机构的监督指导，促进技术合同认定登记机构规范发展，根据国家有关法律法规政策和"
    "《河北省技术市场条例》，制定本办法。"
    "第十条技术合同认定登记机构经河北省科学技术行政部门确认后，即可依据《中华人民共和国合同法》、《技术合同认定登记"
    "管理办法》（国科发政字[2000]063号）、《技术合同认定规则》（国科发政字[2001]253号）等正式开展技术合同认定登记工作。\n"
)


def test_the_carried_body_cites_in_the_carried_documents_name(tmp_path: Path) -> None:
    """依据《中华人民共和国合同法》 in the 办法's tenth article: the notice's issuer is no citer of it."""
    cites = relation_pairs(extract_text(tmp_path, CARRIED_BODY, learned=True), "cites")
    assert ("河北省科学技术厅", "中华人民共和国合同法") not in cites
    assert ("河北省科学技术厅", "河北省技术市场条例") in cites  # before the forwarding sentence: still the author's
