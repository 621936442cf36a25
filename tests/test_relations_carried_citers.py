"""Who issues and who cites what a notice hands out or carries out, by conventions of the genre.

A document named inside a title right after a verb of carrying out (rules.yaml title_not_issued_after:
贯彻落实〈…〉的通知, 实施〈…〉若干规定, 关于转发〈…〉的通知) is not issued by the title's issuers, who issue
only what they hand out (印发). What a carried document's body does according to (依据《…》, 按照《…》)
the carried document cites, not the notice's issuer (learned_cues.yaml carried_body_not_author).
In a one-issuer directive's body (from 一、 on) the document cites, not its author
(learned_cues.yaml body_not_author_genres). Real text of train rst_dbf083_0281, kjt_33fb4d_0942, jyt_e435c4_1250."""

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


DIRECTIVE_BODY = (
    "河北省教育厅关于做好2021年高职扩招专项招生考试工作的通知\n"
    "各市（含定州、辛集市）教育局、考试院（招办），雄安新区公共服务局，各有关高等学校：\n"
    "为贯彻落实2021年《政府工作报告》关于“完成职业技能提升和高职扩招三年行动目标”的要求，增强职业技术教育适应性，"
    "确保稳定有序、高质量完成高职扩招任务，按照教育部办公厅等六部门《关于2021年高职扩招专项工作的通知》"
    "（教职成厅函〔2021〕9号）要求，现就做好我省2021年高职扩招专项招生考试工作有关事项通知如下：\n"
    "一、总体要求\n"
    "高职扩招是党中央、国务院抓“六保”、促“六稳”的重要举措，对实现教育强国、人才强国、制造强国、质量强国具有重要意义。\n"
    "（三）教学管理\n"
    "1.入学时间。根据招生录取时间安排确定新生入学时间，10月份以前录取的新生，可在2021年秋季入学。\n"
    "2.教学安排。各高职院校可对扩招录取的学生单独编班，要深入贯彻落实教育部办公厅《关于做好扩招后高职教育教学管理工作的"
    "指导意见》（教职成厅函〔2019〕20号）和河北省教育厅《关于高等职业院校招收退役军人等群体人员人才培养方案制订与实施的"
    "指导意见》（冀教职成〔2019〕38号）的精神，科学编制专业人才培养方案。\n"
)


def test_a_directives_body_cites_in_the_directives_name(tmp_path: Path) -> None:
    """learned_cues.yaml body_not_author_genres: after 一、 a one-issuer notice's 贯彻落实《…》 is no act of its
    author (train jyt_e435c4_1250, a sector notice)."""
    cites = relation_pairs(extract_text(tmp_path, DIRECTIVE_BODY, learned=True), "cites")
    guidance = "关于做好扩招后高职教育教学管理工作的指导意见"
    assert ("河北省教育厅", guidance) not in cites
    assert ("河北省教育厅关于做好2021年高职扩招专项招生考试工作的通知", guidance) in cites
    assert ("河北省教育厅", "政府工作报告") in cites  # the preamble before 一、: still the author's (a split)
