"""A body named as a part of a cited document's name, inside its title or written right before it as its issuer, is
not the subject of the clause around the title: the learned relation layer scores its implements candidates for a
reform outside that title but does not decide them (learned_cues.yaml ``issuer_then_title``, decisions §62). Real
text: a ministry's press answer (train record rst_aa3254_0105), a department's notice (train record
jyt_89c54a_1201), a ministry office's notice (train record rst_dbf083_0281), a policy explanation (train record
rst_e7312b_0130)."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import ingest
from kg.model import Report
from kg.relations.learned import candidates, named_with_title
from tests.report_text import named_ref

HEBEI = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "hebei"


def test_a_body_inside_a_cited_title_does_not_act_outside_it() -> None:
    """《国务院关于推行终身职业技能培训制度的意见》明确要求深入实施农民工职业技能提升计划: the opinion asks for it."""
    text = ingest(HEBEI / "rst_aa3254_0105.txt").norm
    council = named_ref(text, "国务院", "Agency", "《国务院关于推行终身")
    plan = named_ref(text, "农民工职业技能提升计划", "Reform", "明确要求深入实施")
    assert named_with_title(text, council, plan)


def test_an_issuer_written_before_a_title_names_it() -> None:
    """省委办公厅、省政府办公厅《关于…坚持厉行节约反对餐饮浪费的通知》和《教育部办公厅关于印发〈教育系统“制止餐饮浪费
    培养节约习惯”行动方案〉的通知》: the provincial office issued the first notice, the campaign is the ministry's."""
    text = ingest(HEBEI / "jyt_89c54a_1201.txt").norm
    office = named_ref(text, "省政府办公厅", "Agency", "省委办公厅、")
    campaign = named_ref(text, "制止餐饮浪费培养节约习惯", "Reform", "〈教育系统")
    assert named_with_title(text, office, campaign)


def test_the_issuer_keeps_the_reform_its_own_title_names() -> None:
    """《国务院办公厅关于加快推进“五证合一、一照一码”登记制度改革的通知》: the reform is inside the same title."""
    text = ingest(HEBEI / "rst_dbf083_0281.txt").norm
    office = named_ref(text, "国务院办公厅", "Agency", "为贯彻落实《")
    reform = named_ref(text, "五证合一", "Reform", "为贯彻落实《国务院办公厅关于加快推进")
    assert not named_with_title(text, office, reform)


def test_a_body_that_issues_a_title_by_a_verb_is_the_subject() -> None:
    """国务院印发了《关于优化科研管理提升科研绩效若干措施的通知》…，就推进科技领域“放管服”改革作出重要部署: the
    State Council acts (annotated)."""
    text = ingest(HEBEI / "rst_e7312b_0130.txt").norm
    council = named_ref(text, "国务院", "Agency", "2018年7月27日,")
    reform = named_ref(text, "放管服", "Reform", "就推进科技领域")
    assert not named_with_title(text, council, reform)


def test_the_title_named_body_candidate_is_scored_but_not_decided() -> None:
    document = ingest(HEBEI / "rst_aa3254_0105.txt")
    text = document.norm
    council = named_ref(text, "国务院", "Agency", "《国务院关于推行终身")
    plan = named_ref(text, "农民工职业技能提升计划", "Reform", "明确要求深入实施")
    author = "Agency/人力资源和社会保障部职业能力建设司"
    found = candidates(document, [council, plan], Report(author=author), [],
                       {plan.key: "Reform", council.key: "Agency", author: "Agency"})
    implements = {c.head: c for c in found if c.predicate == "implements"}
    assert implements[council.key].overruled
    assert not implements[author].overruled
