"""A rule a notice carries (关于印发《…管理办法》的通知) is a normative document, a PolicyDocument, wherever the text
names it: under the Legislation Law rules and regulations are promulgated by an order (令), never 印发ed by a notice
(titles.yaml carried_rule_verbs), and so is one the text numbers as a normative document ((冀财预〔2011〕68号), no
order: numbered_as_document; decisions §63). Real text of train gxt_5239de_1014, rst_c3346a_0106 and rst_af9c13_0251."""

from __future__ import annotations

from kg.nlp.rules.lexicon import load_lexicons
from kg.nlp.rules.titles import find_titles

FUND = ("河北省中小企业发展专项资金管理办法\n"
        "河北省财政厅河北省工业和信息化厅关于印发《河北省中小企业发展专项资金管理办法》的通知"
        "各市（含定州、辛集市）财政局、工业和信息化局，省财政直管县财政局、工业和信息化局，雄安新区改革发展局：")
PARTY = ("根据《中华人民共和国档案法》《干部教育培训工作条例》《专业技术人员继续教育规定》相关要求。"
         "2015年，中共中央印发《干部教育培训工作条例》，对干部教育培训制度进行了较大幅度的改进、完善。")

BASIS = ("根据河北省人民政府《关于深化推进预算绩效管理的意见》(冀政〔2010〕138号)和《河北省财政支出绩效评价管理办法》"
         "(冀财预〔2011〕68号)，结合我省实际，制定本方案。")


def _types(text: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for c in find_titles(text, load_lexicons()):
        found.setdefault(text[c.start : c.end], set()).add(c.label)
    return found


def test_a_rule_a_notice_carries_is_a_policy_document() -> None:
    assert _types(FUND)["河北省中小企业发展专项资金管理办法"] == {"PolicyDocument"}  # the title line and the notice's
    types = _types(PARTY)
    assert types["干部教育培训工作条例"] == {"PolicyDocument"}  # the Party's 条例 中共中央 印发s, named before as well
    assert types["中华人民共和国档案法"] == {"Law"}  # a statute, and a rule no notice carries, stay Laws
    assert types["专业技术人员继续教育规定"] == {"Law"}


def test_a_rule_numbered_as_a_normative_document_is_a_policy_document() -> None:
    assert _types(BASIS)["河北省财政支出绩效评价管理办法"] == {"PolicyDocument"}
    order = "依据《河北省自然科学基金管理办法》（省政府令【2009】第5号）制定本办法。"  # train kjt_833445_0958: an order
    assert _types(order)["河北省自然科学基金管理办法"] == {"Law"}


def test_the_entity_model_s_law_gives_way_on_the_page_s_title_line() -> None:
    from kg.nlp.crf import _document_type

    end = FUND.index("\n")
    assert _document_type(FUND, 0, end, "Law") == "PolicyDocument"
    start = PARTY.index("《中华人民共和国档案法》") + 1
    assert _document_type(PARTY, start, start + len("中华人民共和国档案法"), "Law") == "Law"
