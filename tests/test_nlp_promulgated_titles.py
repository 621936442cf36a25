"""A title followed by the order that promulgated it (（教育部令第29号）, （国务院令第３０３号）) is a Law: only
rules and regulations are promulgated by a 令 (titles.yaml promulgation_order; decisions §50). Real sentences of
train jyt_a9d07d_1093 and szf_c13bdb_0581."""

from __future__ import annotations

from kg.nlp.rules.lexicon import load_lexicons
from kg.nlp.rules.titles import find_titles

DISCLOSURE = ("一是根据《中华人民共和国政府信息公开条例》（国务院令第492号）、"
              "《高等学校信息公开办法》（教育部令第29号）和《教育部关于做好高等学校财务信息公开工作的通知》（教财〔2012〕4号）等文件要求，"
              "为规范省内高校财务信息公开工作，"
              "省教育厅相继印发了《河北省教育厅关于做好高等学校财务信息公开工作的通知》（冀教财〔2013〕7号）等文件。")
BASIS = ("为了建立和完善全国统一、公平竞争、规范有序的市场体系，根据《中华人民共和国反不正当竞争法》和"
         "《国务院关于禁止在市场经济活动中实行地区封锁的规定》（国务院令第３０３号），结合本省实际，制定本规定。")


def _types(text: str) -> dict[str, str]:
    return {text[c.start : c.end]: c.label for c in find_titles(text, load_lexicons()) if c.rule == "title.book"}


def test_a_title_promulgated_by_an_order_is_a_law() -> None:
    assert _types(DISCLOSURE)["高等学校信息公开办法"] == "Law"
    assert _types(BASIS)["国务院关于禁止在市场经济活动中实行地区封锁的规定"] == "Law"


def test_a_document_number_is_no_order() -> None:
    types = _types(DISCLOSURE)
    assert types["教育部关于做好高等学校财务信息公开工作的通知"] == "PolicyDocument"
    assert types["河北省教育厅关于做好高等学校财务信息公开工作的通知"] == "PolicyDocument"



def test_the_entity_model_s_document_type_gives_way_to_the_order() -> None:
    from kg.nlp.crf import _document_type

    start = DISCLOSURE.index("高等学校信息公开办法")
    end = start + len("高等学校信息公开办法")
    assert _document_type(DISCLOSURE, start, end, "PolicyDocument") == "Law"
    notice = DISCLOSURE.index("教育部关于做好")
    assert _document_type(DISCLOSURE, notice, DISCLOSURE.index("》", notice), "PolicyDocument") == "PolicyDocument"


# The order written before the title, a rule called so, and a title the corpus shows with its order (decisions §54):
# train kjt_2f043c_0749, rst_c3346a_0106 and kjt_2beaf9_0739.
REPEALED = "　　国家知识产权局令第二十三号公布的《设立专利代理机构审批办法（暂行）》同日废止"
RULE = ("《规定》出台之前，我国档案专业人员继续教育执行的是1997年国家档案局发布的"
        "部门规章《档案专业技术人员继续教育暂行规定》和2002年国家档案局发布的《关于加强档案业务人员培训工作的通知》。")
ASSETS = "企业使用专项经费形成的固定资产，按照《企业财务通则》等相关规章制度执行。"


def test_an_order_before_the_title_or_the_word_rule_makes_it_a_law() -> None:
    assert _types(REPEALED)["设立专利代理机构审批办法（暂行）"] == "Law"
    types = _types(RULE)
    assert types["档案专业技术人员继续教育暂行规定"] == "Law"
    assert types["关于加强档案业务人员培训工作的通知"] == "PolicyDocument"


def test_a_title_the_corpus_shows_with_its_order_is_a_law_without_it() -> None:
    assert _types(ASSETS)["企业财务通则"] == "Law"
    from kg.nlp.crf import _document_type

    start = ASSETS.index("企业财务通则")
    assert _document_type(ASSETS, start, start + len("企业财务通则"), "PolicyDocument") == "Law"
