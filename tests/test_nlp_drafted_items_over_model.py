"""A legislative plan's items (a title and who drafts it: 2.河北省气象信息服务办法（省气象局起草）) stand over the
entity model's reading (crf_features.yaml rules_over_model and titles_over_model: title.drafted). Out of fold a
jackknife CRF read these items of Hebei szf_b1bf39_0593 (train, 河北省人民政府2024年立法工作计划) as
PolicyDocuments with the same bounds, which the verifier then dropped; the shipped CRF saw that page, so the fold's
reading is given here."""

from __future__ import annotations

from kg.nlp.components import SPAN_KEY
from kg.nlp.crf import _set_annotations
from kg.nlp.pipeline import load_pipeline

ITEMS = ("一类项目：年内制定或修改的项目（6件）。1.河北省军事设施保护管理规定（省国防动员办公室起草）"
         "2.河北省气象信息服务办法（省气象局起草）3.河北省排污许可管理办法（省生态环境厅起草）")


def _span(text: str, name: str, label: str) -> tuple[int, int, str]:
    start = text.index(name)
    return start, start + len(name), label


def test_a_drafted_item_stands_over_the_models_title_of_the_same_bounds() -> None:
    doc = load_pipeline(learned=False)(ITEMS)
    rules = list(doc.spans[SPAN_KEY])
    model = [_span(ITEMS, "河北省气象信息服务办法", "PolicyDocument"),
             _span(ITEMS, "河北省排污许可管理办法", "PolicyDocument")]
    _set_annotations(doc, ITEMS, rules, model)
    spans = {(s.text, s.label_, s.id_) for s in doc.spans[SPAN_KEY]}
    assert ("河北省气象信息服务办法", "Law", "title.drafted") in spans
    assert ("河北省排污许可管理办法", "Law", "title.drafted") in spans
    assert not {(t, lab) for t, lab, _ in spans} & {("河北省气象信息服务办法", "PolicyDocument")}
