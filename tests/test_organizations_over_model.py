"""A school's head word stands where the entity model reads the same span as another type (crf_features.yaml
heads_over_model). Out of fold, a jackknife CRF read a table of vocational schools in a provincial notice (Hebei
jyt_905390, train) as agencies (张家口市职业技术教育中心) and documents (河北经济管理学校); the shipped CRF saw that
table, so the model's reading is given here as the fold's CRF gave it."""

from __future__ import annotations

from kg.nlp.components import SPAN_KEY
from kg.nlp.crf import _set_annotations
from kg.nlp.pipeline import load_pipeline

ROWS = "2\n河北城乡建设学校\n\n\n3\n河北经济管理学校\n\n\n4\n张家口市职业技术教育中心\n\n\n5\n唐山劳动技师学院\n"


def _span(text: str, name: str, label: str) -> tuple[int, int, str]:
    start = text.index(name)
    return start, start + len(name), label


def test_a_schools_head_word_stands_over_the_models_other_type() -> None:
    doc = load_pipeline(learned=False)(ROWS)
    rules = list(doc.spans[SPAN_KEY])
    model = [_span(ROWS, "河北经济管理学校", "PolicyDocument"), _span(ROWS, "张家口市职业技术教育中心", "Agency"),
             _span(ROWS, "唐山劳动技师学院", "Organization")]
    _set_annotations(doc, ROWS, rules, model)
    labels = {(s.text, s.label_) for s in doc.spans[SPAN_KEY]}
    assert {("河北经济管理学校", "Organization"), ("张家口市职业技术教育中心", "Organization"),
            ("唐山劳动技师学院", "Organization")} <= labels
    assert ("张家口市职业技术教育中心", "Agency") not in labels
    assert ("河北经济管理学校", "PolicyDocument") not in labels


def test_a_listed_firm_stands_over_the_models_longer_span() -> None:
    """07_jilin_gwr_2026 (dev): the model ran a firm into the place of its project (上海电气洮南); the listed name
    stands (crf_features.yaml rules_over_model: organization.listed)."""
    text = "国电投大安、上海电气洮南、中能建松原等一批“绿电氢氨醇”标志性项目建成投产。"
    doc = load_pipeline(learned=False)(text)
    rules = list(doc.spans[SPAN_KEY])
    _set_annotations(doc, text, rules, [_span(text, "上海电气洮南", "Organization")])
    labels = {(s.text, s.label_) for s in doc.spans[SPAN_KEY]}
    assert ("上海电气", "Organization") in labels
    assert ("上海电气洮南", "Organization") not in labels


def test_a_listed_firm_inside_the_models_title_nests() -> None:
    """kjt_d7a06b_0883 (train): 中国科协 inside a title the model read whole; the title stands, the name nests."""
    text = ("河北省人民政府办公厅关于贯彻落实习近平总书记在两院院士大会中国科协第十次全国代表大会上重要讲话精神"
            "进一步做好科技创新工作的意见\n")
    title = text.strip()
    doc = load_pipeline(learned=False)(text)
    rules = list(doc.spans[SPAN_KEY])
    _set_annotations(doc, text, rules, [_span(text, title, "PolicyDocument")])
    labels = {(s.text, s.label_) for s in doc.spans[SPAN_KEY]}
    assert (title, "PolicyDocument") in labels
