"""A carrying notice named on a line of its own without its own brackets ([issuers]关于印发《Y》的通知): the whole
notice is a document, with its issuers when written with them (titles.yaml notice_line_*). Sentences from train
records (jyt_2a2b1e_1150, kjt_833445_0958, kjt_e27496_0708, kjt_3a0578_0948, kjt_2c0160_0902, jyt_5b3bd0_1183)
and the Hebei corpus."""

from __future__ import annotations

from kg.nlp.rules.lexicon import load_lexicons
from kg.nlp.rules.titles import find_titles


def titles_by(text: str, rule: str) -> list[str]:
    return [text[c.start : c.end] for c in find_titles(text, load_lexicons()) if c.rule == rule]


def notices(text: str) -> list[str]:
    return titles_by(text, "title.notice")


def test_an_attachment_line_names_the_notice_with_its_issuer() -> None:
    text = ("推动师德师风建设常态化长效化发展。\n\n\n"
            "附件、河北省教育厅印发《河北省中小学幼儿园师德师风提升年活动实施方案》的通知\n")
    assert notices(text) == ["河北省教育厅印发《河北省中小学幼儿园师德师风提升年活动实施方案》的通知"]


def test_a_document_number_glued_before_the_notice_is_no_part_of_it() -> None:
    text = ("河北省自然科学基金资助项目验收管理办法\n"
            "冀科办〔2012〕21号河北省科学技术厅关于印发《河北省自然科学基金资助项目验收管理办法》的通知"
            "各设区市科技局，省直有关部门：")
    assert notices(text) == ["河北省科学技术厅关于印发《河北省自然科学基金资助项目验收管理办法》的通知"]


def test_issuers_and_a_wide_gap_inside_the_brackets() -> None:
    notice = ("中共中央办公厅国务院办公厅印发\u3000\u3000《关于实行以增加知识价值为导向分配政策的"
              "\u3000\u3000若干意见》的通知")
    text = f"关于实行以增加知识价值为导向分配政策的若干意见\n{notice}\u3000\u3000厅字﹝2016﹞35号"
    assert notices(text) == [notice]


def test_a_signer_set_apart_by_a_wide_gap_stays_out() -> None:
    text = ("JFS-2015-04001\u3000\u3000河北省科学技术厅\u3000\u3000"
            "关于印发《河北省高新技术企业后备培育重点服务机构建设工作指引（暂行）》的通知\n")
    assert notices(text) == ["关于印发《河北省高新技术企业后备培育重点服务机构建设工作指引（暂行）》的通知"]
    gap = ("中共河北省委办公厅\u3000\u3000河北省人民政府办公厅\u3000\u3000"
           "印发《关于落实以增加知识价值为导向\u3000\u3000分配政策的实施意见》的通知\n")
    assert notices(gap) == []  # a bare 印发《…》 with its issuers set apart names no notice of its own


def test_a_title_cut_short_and_no_notice_in_a_sentence() -> None:
    text = "河北省教育厅关于印发《2021年中小学师德师风建设巩固年活动方案》的通...\n各市（含定州、辛集市）教育局："
    assert notices(text) == ["河北省教育厅关于印发《2021年中小学师德师风建设巩固年活动方案》的通"]
    # ../shared/corpus/hebei/rst_a376bb_0235: a sentence citing the notice right after the page's number
    sentence = ("冀人社函〔2017〕36号根据省人力资源和社会保障厅、省财政厅关于印发《河北省优秀专家出国培训管理办法》"
                "的通知（冀人社发〔2016〕16号）精神，2017年继续开展优秀专家出国培训工作。")
    assert notices(sentence) == []


def own_title(text: str) -> list[str]:
    return titles_by(text, "title.line")


def test_a_page_title_the_site_cut_short_is_the_documents_own_title() -> None:
    """jyt_bea734_1252 and kjt_93a4c0_0759: the line up to the dots, as the annotators record it."""
    notice = ("河北省教育厅关于印发《河北省深化“双师双证”推进职业教育改革创新工作方...\n各市（含定州、辛集市）教育局，"
              "雄安新区公共服务局，省属职业院校：\n")
    assert own_title(notice) == ["河北省教育厅关于印发《河北省深化“双师双证”推进职业教育改革创新工作方"]
    report = "河北省科学技术厅2021年政府信息公开工作年度报...\n根据《中华人民共和国政府信息公开条例》"
    assert own_title(report) == ["河北省科学技术厅2021年政府信息公开工作年度报"]


def test_a_title_cut_before_it_names_anything_or_opening_with_a_bracket_is_none() -> None:
    """jyt_905390_1106 (cut after its issuers' 关) and jyt_0ded88_1131 (a bracketed name the page repeats)."""
    issuers = ("河   北   省   教   育  厅河北省人力资源和社会保障厅河   北   省   财   政  厅关...\n"
               "各市（含定州、辛集市）教育局、人力资源和社会保障局、财政局：\n")
    assert own_title(issuers) == []
    quoted = "《河北省教育系统开展法治宣传教育第八个五年规划（2021—2025年）...\n"
    assert own_title(quoted) == []
