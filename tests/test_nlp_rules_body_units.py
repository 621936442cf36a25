"""A body's unit named after it with a head that also ends other words: a centre or a leading group
(agencies.yaml body_unit_heads / body_unit_named_heads), standing over the entity model's spans that cross it
(crf_features.yaml rules_over_model: agency.body_unit). Decisions §56."""

from __future__ import annotations

import pytest

from kg.nlp.components import SPAN_KEY
from kg.nlp.crf import _set_annotations
from kg.nlp.pipeline import load_pipeline
from tests.report_text import rule_spans


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # rst_c3346a_0106 (train): a national bureau's training centre
        ("表述为“国家档案局档案干部教育中心、省级档案干部培训机构是实施档案专业人员继续教育的主要机构”",
         "国家档案局档案干部教育中心"),
        # gxt_918751_1082 (train): a department's own leading group, 和 inside the department's name
        ("（三）加强组织保障成立由主管厅领导负责的河北省工业和信息化厅信息公开工作领导小组，将政务公开工作列入厅务工作会",
         "河北省工业和信息化厅信息公开工作领导小组"),
    ],
)
def test_a_centre_or_group_named_after_its_body(sentence: str, expected: str) -> None:
    assert expected in rule_spans(sentence, "Agency")


@pytest.mark.parametrize(
    ("sentence", "not_expected"),
    [
        # gxt_918751_1082 (train): 围绕中心 is a verb and its object
        ("2019年省工业和信息化厅新闻发布工作围绕中心、服务大局，", "省工业和信息化厅新闻发布工作围绕中心"),
        # szf_d52e91_0632 (train): the bureau's name is cut (安全 is no left edge)
        ("１１－７０２４２２６、７０２６９３１－２３１１（河北煤矿安全监察局信息中心）；", "监察局信息中心"),
    ],
)
def test_a_verb_or_a_cut_body_is_no_unit(sentence: str, not_expected: str) -> None:
    assert not_expected not in rule_spans(sentence, "Agency")


def test_the_unit_stands_over_the_models_crossing_span() -> None:
    """gxt_918751_1082 (train): the model cut the department's name at 和 and ran it into the group's."""
    text = "成立由主管厅领导负责的河北省工业和信息化厅信息公开工作领导小组，将政务公开工作列入厅务工作会"
    doc = load_pipeline(learned=False)(text)
    rules = list(doc.spans[SPAN_KEY])
    start = text.index("信息化厅信息公开")
    _set_annotations(doc, text, rules, [(start, text.index("领导小组") + 4, "Agency")])
    labels = {(s.text, s.label_) for s in doc.spans[SPAN_KEY]}
    assert ("河北省工业和信息化厅信息公开工作领导小组", "Agency") in labels
