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
