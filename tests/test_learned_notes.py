"""Responsibility notes of plans and notices: who the learned relation layer offers as the body implementing a
reform. A note closes an item and names the bodies responsible for it; those bodies implement the reforms of the
item and of the headings enclosing it, and a standing clause (以下均需X落实，不再列出) makes X responsible for every
later item. Real text: a Hebei plan scraped without line breaks (train record kjt_8fde21_0874) and a notice with a
standing clause (dev record szf_12538c_0594)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kg.ingest import ingest
from kg.model import Document, Mention
from kg.relations.clauses import Ref
from kg.relations.learned import note_heads, responsibility_notes

HEBEI = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "hebei"


@cache
def plan() -> Document:
    return ingest(HEBEI / "kjt_8fde21_0874.txt")  # 河北省县域特色产业集群“领跑者”企业培育行动方案


def refs(document: Document, names: list[str], label: str) -> list[Ref]:
    """Every occurrence of each name, as a resolved mention of that name."""
    found = []
    for name in names:
        start = document.norm.find(name)
        while start >= 0:
            mention = Mention(start, start + len(name), label, name, name, "test")
            found.append(Ref(mention, f"{label}/{name}"))
            start = document.norm.find(name, start + 1)
    return sorted(found, key=lambda r: r.start)


def heads(document: Document, agencies: list[str], reform: str) -> dict[str, set[str]]:
    """The kinds of head each body is offered as for the first mention of ``reform``."""
    notes = responsibility_notes(document, refs(document, agencies, "Agency"))
    obj = refs(document, [reform], "Reform")[0]
    offered: dict[str, set[str]] = {}
    for note in notes:
        for _, key, features, _ in note_heads(note, obj):
            offered.setdefault(key.split("/", 1)[1], set()).add(features[0])
    return offered


def test_scraped_plan_has_its_headings() -> None:
    """Paragraphs joined by 　　 start headings: 二、重点措施　　（一）企业上市行动。　　1.锁定培育目标。"""
    headings = [s.heading for s in plan().sections]
    assert "（一）企业上市行动" in headings
    assert "1.锁定培育目标" in headings
    top = next(s for s in plan().sections if s.heading == "二、重点措施")
    assert plan().norm[top.end :].lstrip().startswith("三、工作保障")


def test_note_bodies_implement_the_reform_of_the_heading_above_their_item() -> None:
    """（一）企业上市行动。 … 2.精准培训辅导。 … （省工业和信息化厅、河北证监局、省地方金融监管局负责）: the note's
    bodies implement 企业上市行动 (the note is nested: 各市（含定州、辛集市）政府 in the item before)."""
    offered = heads(plan(), ["省工业和信息化厅", "河北证监局", "省科技厅"], "企业上市行动")
    assert offered["河北证监局"] == {"head=note_heading"}
    assert "省科技厅" not in offered  # its notes are under （二）科技赋能行动


def test_standing_clause_makes_its_bodies_responsible_for_later_items() -> None:
    """（…雄安新区管委会负责。以下均需各市（含定州、辛集市）政府、雄安新区管委会落实，不再列出）: 雄安新区管委会
    implements 科技赋能行动, three items and a heading later."""
    offered = heads(plan(), ["雄安新区管委会", "省科技厅"], "科技赋能行动")
    assert "head=standing" in offered["雄安新区管委会"]
    assert offered["省科技厅"] == {"head=note_heading"}


def test_standing_clause_stops_at_the_end_of_its_part() -> None:
    """The standing clause is about 二、重点措施's items, not 三、工作保障 (省民营经济领导小组统筹…)."""
    document = plan()
    later = document.norm.index("三、工作保障")
    notes = responsibility_notes(document, refs(document, ["雄安新区管委会"], "Agency"))
    standing = [n for n in notes if n.standing]
    assert standing and all(n.standing_end <= later for n in standing)


def test_a_note_pair_is_labelled_by_the_quoted_note() -> None:
    """Train record kjt_8fde21_0874 quotes the note (省工业和信息化厅、河北证监局、…负责, 681..728) as the evidence of
    河北证监局 implements 企业上市行动, which its heading (（一）企业上市行动。, 564..573) names: the pair holds."""
    from kg.relations.learned import Candidate
    from kg.relations.learned_train import quoted

    heading = plan().norm.index("(一)企业上市行动")
    note = plan().norm.index("(省工业和信息化厅、河北证监局")
    evidence = [(681, 728)]
    assert plan().norm[681:728].startswith("省工业和信息化厅、河北证监局")
    pair = Candidate("Agency/河北证监局", "Reform/企业上市行动", "implements", heading, heading + 9,
                     note=(note, note + 90))
    assert quoted(pair, evidence)
    assert not quoted(Candidate(pair.head, pair.tail, pair.predicate, pair.start, pair.end), evidence)


def offered_author(author: str, reform: str) -> dict[str, set[bool]]:
    """Each head the layer offers for ``reform`` in the plan, with whether its candidates are overruled (scored
    but not decided), the document's author being ``author``."""
    from kg.model import Report
    from kg.relations.learned import candidates

    document = plan()
    agencies = refs(document, ["省科技厅", "省工业和信息化厅"], "Agency")
    found = refs(document, [reform], "Reform")
    types = {r.key: r.mention.label for r in agencies + found} | {author: "Agency"}
    pairs = candidates(document, agencies + found, Report(author=author), [], types)
    offered: dict[str, set[bool]] = {}
    for pair in pairs:
        if pair.predicate == "implements":
            offered.setdefault(pair.head.split("/", 1)[1], set()).add(pair.overruled)
    return offered


def test_a_note_overrules_the_author_of_its_item() -> None:
    """3.加快科技成果转化。…开展“科技成果直通车”“百校千企”等产学研对接活动。…（省科技厅、省工业和信息化厅负责）: the
    note's bodies act, not 河北省人民政府办公厅, the office forwarding the plan (train record kjt_8fde21_0874)."""
    offered = offered_author("Agency/河北省人民政府办公厅", "科技成果直通车")
    assert offered["河北省人民政府办公厅"] == {True}
    assert offered["省科技厅"] == offered["省工业和信息化厅"] == {False}


def test_a_note_naming_the_author_leaves_it_acting() -> None:
    """The same item in a plan of 省科技厅's own: the note names the author, whose candidates stand (as the author
    and as the note's body)."""
    offered = offered_author("Agency/省科技厅", "科技成果直通车")
    assert offered["省科技厅"] == {False}


def test_an_overruled_pair_is_not_what_a_threshold_chooses() -> None:
    """The refit's thresholds are chosen on what decide() decides: the office's overruled pair for 科技成果直通车
    (kjt_8fde21_0874, a note names 省科技厅) counts as no false relation, however high it scores."""
    import numpy as np

    from kg.relations.learned import Candidate
    from kg.relations.learned_train import Labelled, relation_f1

    reform = "Reform/科技成果直通车"
    office = Candidate("Agency/河北省人民政府办公厅", reform, "implements", 0, 10, overruled=True)
    note = Candidate("Agency/省科技厅", reform, "implements", 0, 10, note=(20, 40))
    gold = {("河北省科学技术厅", "implements", "科技成果直通车")}
    to_gold = {"Agency/河北省人民政府办公厅": {"河北省人民政府办公厅"}, "Agency/省科技厅": {"河北省科学技术厅"},
               reform: {"科技成果直通车"}}
    doc = Labelled("kjt_8fde21_0874", [office, note], [0, 1], gold, to_gold)
    assert relation_f1([doc], [np.array([0.9, 0.5])], 0.2) == 1.0


def test_a_note_labelled_responsible_department_names_the_bodies() -> None:
    """（一）实施“创业环境优化”计划。…持续推进商事制度改革…（责任部门：省市场监督管理局、省人力资源社会保障厅）:
    责任部门 is 责任单位's label in other plans (unannotated Hebei page rst_1115f1_0297, a plan of 创业行动; four such
    pages of three sites), so its bodies implement the item's reform."""
    document = ingest(HEBEI / "rst_1115f1_0297.txt")
    offered = heads(document, ["省市场监督管理局", "省人力资源社会保障厅"], "商事制度改革")
    assert offered["省市场监督管理局"] == {"head=note"}
    assert offered["省人力资源社会保障厅"] == {"head=note"}


def test_a_note_in_tortoise_shell_brackets_names_the_bodies() -> None:
    """一、鼓励高层次人才到河北创新创业。…省财政给予…科研经费补贴…〔责任单位：省委组织部、省财政厅，各市（含定州、
    辛集市，下同）政府，雄安新区管委会〕: the note written in 〔〕 (unannotated Hebei page kjt_517895_0873, 关于进一步
    吸引京津科技成果在冀转移转化的若干措施), its round parenthesis nested, closes the item as （…） does."""
    document = ingest(HEBEI / "kjt_517895_0873.txt")
    offered = heads(document, ["省委组织部", "省财政厅", "雄安新区管委会"], "科研经费补贴")
    assert offered == {"省委组织部": {"head=note"}, "省财政厅": {"head=note"}, "雄安新区管委会": {"head=note"}}
