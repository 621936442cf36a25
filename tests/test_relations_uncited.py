"""Who cites what a document names, and what nobody cites (kg/relations/learned.py, learned_cues.yaml): a notice
that carries a document speaks in its own name only up to its forwarding sentence; a disclosure report cites in
its own name only after 本报告; forms, attachments and repealed documents are named, not cited. Real sentences of
train documents of the Hebei corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.model import Mention
from kg.relations.clauses import Ref
from kg.relations.learned import carrying_notice_end, not_cited, with_carried_body

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "hebei"


def ref(text: str, name: str, label: str = "PolicyDocument", after: int = 0) -> Ref:
    start = text.index(name, after)
    return Ref(Mention(start, start + len(name), label, name, name, "test"), f"{label}/{name}")


# szf_8ed22c_0578 (河北省农村宅基地管理办法), its closing article
REPEAL = ("本办法自2002年7月1日起施行。1992年7月8日省人民政府发布的《河北省农村宅基地管理规定》和1998年1月1日省人民"
          "政府发布的《河北省农村宅基地管理规定修正案》同时废止。")
# jyt_d3f787_1263 (河北省教育厅关于申报2018年度人文社会科学研究重大课题攻关项目的通知)
FORMS = ("（三）选题参见《2018年度河北省教育厅人文社会科学研究重大课题攻关项目选题指南》（附件3）。"
         "（四）请高校于2018年3月26日前将《河北省教育厅人文社会科学重大课题攻关项目申报书》（附件1）一式5份")
# kjt_2beaf9_0739: the notice's own text, then the carried rule's first article
CARRYING = ("关于印发《科技惠民计划专项经费管理办法》的通知\n财教〔2012〕429号有关省（自治区、直辖市）"
            "财政厅（局）、科技厅（委、局）：为规范和加强科技惠民计划专项经费的管理，提高资金使用效益，"
            "按照国家有关财务管理制度，财政部、科技部制定了《科技惠民计划专项经费管理办法》。"
            "现印发给你们，请遵照执行。附件：科技惠民计划专项经费管理办法第一章　总　　则　　"
            "第一条　为贯彻落实《国家中长期科学和技术发展规划纲要（2006-2020年）》，"
            "规范和加强科技惠民计划专项经费的管理")


@pytest.mark.parametrize("name", ["河北省农村宅基地管理规定", "河北省农村宅基地管理规定修正案"])
def test_a_repealed_rule_is_not_cited(name: str) -> None:
    assert not_cited(REPEAL, ref(REPEAL, f"《{name}》"))


@pytest.mark.parametrize("name", ["2018年度河北省教育厅人文社会科学研究重大课题攻关项目选题指南",
                                  "河北省教育厅人文社会科学重大课题攻关项目申报书"])
def test_forms_and_attachments_are_not_cited(name: str) -> None:
    assert not_cited(FORMS, ref(FORMS, name))


def test_a_basis_is_cited() -> None:
    text = "第一条　为贯彻落实《国家中长期科学和技术发展规划纲要（2006-2020年）》，规范和加强科技惠民计划专项经费的管理"
    assert not not_cited(text, ref(text, "国家中长期科学和技术发展规划纲要（2006-2020年）"))


def test_a_carrying_notice_speaks_up_to_its_forwarding_sentence() -> None:
    title = ref(CARRYING, "关于印发《科技惠民计划专项经费管理办法》的通知")
    carried = ref(CARRYING, "科技惠民计划专项经费管理办法")
    end = carrying_notice_end(CARRYING, [title, carried])
    assert CARRYING[:end].endswith("现印发给你们，请遵照执行。")
    assert CARRYING.index("国家中长期科学和技术发展规划纲要") > end
    assert carrying_notice_end(CARRYING, [title]) == len(CARRYING)  # no carried document named: no end


# gxt_bbf35e_1006 and gxt_e9a7e9_1063: the title names the carried document without a mention of its own inside
OWN_NAME = ("河北省人民政府办公厅印发关于促进民营经济发展壮大若干措施的通知\n冀政办发〔2023〕7号各市（含定州、辛集市）"
            "人民政府，雄安新区管委会，省政府各部门：《关于促进民营经济发展壮大的若干措施》已经省政府同意，现印发给你们，"
            "请结合实际认真贯彻落实。河北省人民政府办公厅　2023年11月10日　关于促进民营经济发展壮大的若干措施　"
            "为进一步优化民营经济发展环境，促进民营经济持续做大做优做强，根据《中共中央国务院关于促进民营经济发展"
            "壮大的意见》（中发〔2023〕15号），结合我省实际，提出如下措施。")
UNBRACKETED = ("河北省人民政府办公厅关于印发河北省企业上市行动方案的通知\n各市（含定州、辛集市）人民政府："
               "《河北省企业上市行动方案》已经省政府同意，现印发给你们，请结合实际认真贯彻执行。")


@pytest.mark.parametrize(("text", "carried"), [(OWN_NAME, "关于促进民营经济发展壮大的若干措施"),
                                               (UNBRACKETED, "河北省企业上市行动方案")])
def test_a_carried_document_named_below_its_notice_is_carried(text: str, carried: str) -> None:
    title = ref(text, text.split("\n")[0])
    below = ref(text, carried, after=title.end)
    refs = [title, below]
    assert with_carried_body([title], refs) == [title, below]
    end = carrying_notice_end(text, with_carried_body([title], refs))
    assert text[:end].endswith("现印发给你们，请结合实际认真贯彻" + ("落实。" if text is OWN_NAME else "执行。"))


def test_a_notice_without_a_carrying_word_carries_nothing() -> None:
    text = "河北省教育厅关于做好2024年普通中小学招生入学工作的通知\n根据《河北省普通高中学生学籍管理办法实施细则》"
    title = ref(text, text.split("\n")[0])
    other = ref(text, "河北省普通高中学生学籍管理办法实施细则")
    assert with_carried_body([title], [title, other]) == [title]


def test_a_disclosure_report_without_itself_does_not_cite() -> None:
    """根据《条例》…等规定，发布本年度报告: the department cites (gxt_351a44_1078, whole file), not its report."""
    from kg.ingest import ingest
    from kg.nlp import load_pipeline
    from kg.pipeline import extract_document

    extraction = extract_document(ingest(CORPUS / "gxt_351a44_1078.txt"), load_pipeline(learned=True))
    names = {e.key: e.name for e in extraction.entities}
    cites = {(names[r.subject], names[r.object]) for r in extraction.relations if r.predicate == "cites"}
    assert ("河北省工业和信息化厅", "中华人民共和国政府信息公开条例") in cites
    assert not any(s.endswith("工作报告") for s, _ in cites)


def test_a_rule_naming_itself_after_its_basis_cites_it_not_its_author() -> None:
    """第一条为落实…，根据《中华人民共和国行政处罚法》…，制定本办法: the rule cites (jyt_e3d4a0_1109, whole file: a
    news page 教育部颁布《校外培训行政处罚暂行办法》 setting out the rule), not 教育部."""
    from kg.ingest import ingest
    from kg.nlp import load_pipeline
    from kg.pipeline import extract_document

    extraction = extract_document(ingest(CORPUS / "jyt_e3d4a0_1109.txt"), load_pipeline(learned=True))
    names = {e.key: e.name for e in extraction.entities}
    cites = {(names[r.subject], names[r.object]) for r in extraction.relations if r.predicate == "cites"}
    assert ("校外培训行政处罚暂行办法", "中华人民共和国行政处罚法") in cites
    assert not any(s == "教育部" for s, _ in cites)


def test_a_plans_preamble_is_no_item_of_its_first_responsibility_note() -> None:
    """为贯彻落实《国务院办公厅关于推进电子商务与快递物流协同发展的意见》…，提出如下实施意见。一、总体要求: the
    opinion cites its basis, not the bodies of the first （…负责） note below (rst_8b5bd5_0139, whole file, where no
    section is parsed)."""
    from kg.ingest import ingest
    from kg.nlp import load_pipeline
    from kg.pipeline import extract_document

    extraction = extract_document(ingest(CORPUS / "rst_8b5bd5_0139.txt"), load_pipeline(learned=True))
    names = {e.key: e.name for e in extraction.entities}
    basis = "国务院办公厅关于推进电子商务与快递物流协同发展的意见"
    citers = {names[r.subject] for r in extraction.relations if r.predicate == "cites" and names[r.object] == basis}
    assert any(c.startswith("河北省人民政府办公厅关于") for c in citers)
    assert not any(c.endswith(("厅", "局")) and "关于" not in c for c in citers - {"河北省人民政府办公厅"}), citers


# szf_b1bf39_0593 (河北省人民政府办公厅关于印发2024年立法工作计划的通知): the plan's items, each a title and its drafter
DRAFTED = ("一类项目：省人大常委会确定需要年内提请审议的项目（9件）。1.京津冀居民服务“一卡通”相关立法"
           "（省人力资源社会保障厅起草）2.河北省民用机场管理条例（省交通运输厅起草）3.河北省测绘地理信息条例"
           "（省自然资源厅起草）")


def test_a_legislative_plans_drafted_item_is_not_cited() -> None:
    """The rule layer reads the item as title.drafted (learned_cues.yaml uncited_sources): what the plan has drafted,
    not what it acts according to; the same title in a basis clause is cited."""
    from kg.nlp.components import SPAN_KEY
    from kg.nlp.pipeline import load_pipeline

    doc = load_pipeline(learned=False)(DRAFTED)
    spans = {s.text: s for s in doc.spans[SPAN_KEY]}
    item = spans["河北省民用机场管理条例"]
    assert item.id_ == "title.drafted"
    drafted = Ref(Mention(item.start_char, item.end_char, item.label_, item.text, item.text, item.id_),
                  f"{item.label_}/{item.text}")
    assert not_cited(DRAFTED, drafted)
    basis = "根据《河北省民用机场管理条例》，制定本办法。"
    assert not not_cited(basis, ref(basis, "《河北省民用机场管理条例》", "Law"))
