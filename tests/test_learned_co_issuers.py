"""A document issued jointly by a few bodies: what its author implements, each co-issuer its title names does
(learned_cues.yaml ``co_issuer_predicates``); not the issuer of a document the title only carries, nor the few
named of a many-body notice. Titles of train records kjt_d2fd49_0670, szf_c1d213_0609 and rst_a5b128_0015."""

from __future__ import annotations

from kg.model import Evidence, Mention, Relation, Report
from kg.relations.clauses import Ref
from kg.relations.learned import co_issuers_act, joint_issuers

JOINT = "科技部 财政部关于印发《企业技术创新能力提升行动方案（2022—2023年）》的通知"
CARRYING = ("河北省人民政府办公厅关于认真贯彻落实《国务院关于河北省继续开展张家口赛区冬奥会建设项目投资审批改革"
            "试点的批复》的通知")
MANY = "人力资源社会保障部国家发展改革委等十五部门关于做好当前农民工就业创业工作的意见"


def titles(text: str) -> list[Ref]:
    """The own title and the titles inside it, as own_documents gives them."""
    own = Ref(Mention(0, len(text), "PolicyDocument", text, text, "test"), "PolicyDocument/own")
    carried = []
    if "《" in text:
        start, end = text.index("《") + 1, text.index("》")
        carried.append(Ref(Mention(start, end, "PolicyDocument", text[start:end], text[start:end], "test"),
                           "PolicyDocument/carried"))
    return [own, *carried]


def issued(subject: str, document: str) -> Relation:
    return Relation(f"Agency/{subject}", "issued", document)


def test_co_issuer_implements_what_the_author_implements() -> None:
    """科技部 财政部关于印发《…行动方案》的通知: 财政部 implements the plan's programmes with 科学技术部 (gold: 15
    of 15) and cites what it cites (decisions §51)."""
    report = Report(author="Agency/科学技术部")
    rules = [issued("科学技术部", "PolicyDocument/own"), issued("财政部", "PolicyDocument/own")]
    co = joint_issuers(titles(JOINT), rules, report)
    assert co == ["Agency/财政部"]
    evidence = [Evidence(3, 100, 120, "model.relation", 0.4)]
    decided = [Relation("Agency/科学技术部", "implements", "Reform/揭榜挂帅", evidence),
               Relation("Agency/科学技术部", "cites", "PolicyDocument/x", evidence)]
    added = co_issuers_act(decided, co, report)
    assert [(r.subject, r.predicate, r.object) for r in added] == [("Agency/财政部", "implements", "Reform/揭榜挂帅"),
                                                                   ("Agency/财政部", "cites", "PolicyDocument/x")]
    assert added[0].evidence[0].start == 100


def test_issuer_of_a_carried_document_is_no_co_issuer() -> None:
    """贯彻落实《国务院关于…的批复》的通知: the State Council issued the reply, not the notice."""
    report = Report(author="Agency/河北省人民政府办公厅")
    rules = [issued("河北省人民政府办公厅", "PolicyDocument/own"), issued("国务院", "PolicyDocument/carried")]
    assert joint_issuers(titles(CARRYING), rules, report) == []


def test_many_body_notice_has_no_co_issuers() -> None:
    """…国家发展改革委等十五部门关于…: the two named of fifteen do not each implement the author's reforms."""
    report = Report(author="Agency/人力资源和社会保障部")
    rules = [issued("人力资源和社会保障部", "PolicyDocument/own"), issued("国家发展和改革委员会", "PolicyDocument/own")]
    assert joint_issuers(titles(MANY), rules, report) == []
