"""Relations on the seed reports: each expected edge is stated by the report's own text (quoted in comments)."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_text import extract_text

from kg.model import Extraction
from kg.nlp.pipeline import load_pipeline
from kg.pipeline import extract_paths

# The rule layer on its own: these tests pin the rules, which the learned layers read as features (the
# default pipeline adds those layers; tests/test_learned_layers.py tests them).
RULES = load_pipeline(learned=False)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seeds() -> dict[str, Extraction]:
    return {ex.document.doc_id[:3]: ex for ex in extract_paths(sorted(SEEDS.glob("*.txt")), RULES)}


def edges(ex: Extraction) -> set[tuple[str, str, str]]:
    names = {e.key: e.name for e in ex.entities}
    return {(names[r.subject], r.predicate, names[r.object]) for r in ex.relations}


@pytest.mark.parametrize(
    ("seed", "edge"),
    [
        # 二是纵深推进“一件事一次办”改革工作
        ("000", ("益阳市行政审批服务局", "implements", "一件事一次办")),
        # 局党组每年专题研究部署法治建设工作,年初制定了《益阳市行政审批服务局2021年法治建设工作要点》
        ("000", ("中共益阳市行政审批服务局党组", "issued", "益阳市行政审批服务局2021年法治建设工作要点")),
        ("000", ("益阳市行政审批服务局", "issued", "益阳市行政审批服务局2021年法治建设工作要点")),
        # 切实开展了《宪法》《民法典》…等法律法规教育
        ("000", ("益阳市行政审批服务局", "promotes", "中华人民共和国民法典")),
        # 聘请湖南银城律师事务所杨志武担当法律顾问
        ("000", ("湖南银城律师事务所", "employs", "杨志武")),
        ("000", ("益阳市行政审批服务局", "employs", "杨志武")),
        ("000", ("中共益阳市委全面依法治市委员会办公室", "subOrganizationOf", "中共益阳市委员会")),
        ("000", ("益阳市行政审批服务局", "locatedIn", "益阳市")),
        # 印發《新余市政務服務管理辦公室關于持續規范治理行政審批中介服務的通知》
        (
            "001",
            ("新余市行政审批局", "issued", "新余市政务服务管理办公室关于持续规范治理行政审批中介服务的通知"),
        ),
        (
            "001",
            (
                "新余市政务服务管理办公室",
                "issued",
                "新余市政务服务管理办公室关于持续规范治理行政审批中介服务的通知",
            ),
        ),
        # 黨組書記、局長章忠華主持召開…
        ("001", ("新余市行政审批局", "employs", "章忠华")),
        ("001", ("新余市人民政府办公室", "subOrganizationOf", "新余市人民政府")),
        # 根据《…》要求,街道党工委、办事处高度重视
        ("004", ("汽车路街道办事处", "cites", "湖南省党政主要负责人履行推进法治建设第一责任人职责")),
        ("004", ("中共汽车路街道工作委员会", "cites", "湖南省党政主要负责人履行推进法治建设第一责任人职责")),
        # 紧紧围绕市委、市政府建设“法治益阳”“平安益阳”总体部署
        ("004", ("中共益阳市委员会", "implements", "法治益阳")),
        ("004", ("益阳市人民政府", "implements", "平安益阳")),
        # 《…益阳市贯彻落实法治政府建设实施纲要(2015-2020年)的实施方案…》
        (
            "004",
            (
                "益阳市贯彻落实法治政府建设实施纲要(2015-2020年)的实施方案",
                "cites",
                "法治政府建设实施纲要(2015-2020年)",
            ),
        ),
    ],
)
def test_relations_on_seed_text(seeds, seed: str, edge: tuple[str, str, str]) -> None:
    assert edge in edges(seeds[seed])


def test_relations_carry_evidence_inside_their_sentence(seeds) -> None:
    """Every piece of evidence is a non-empty span of text inside the sentence it names."""
    for ex in seeds.values():
        for relation in ex.relations:
            for ev in relation.evidence:
                sentence = ex.document.sentences[ev.sentence]
                assert sentence.start <= ev.start < ev.end <= sentence.end, (relation, ev)
                assert ev.rule and 0 < ev.confidence <= 1


def test_relations_status_is_the_first_evidences_with_evidence_in_several_sections(seeds) -> None:
    """新余: 一、2024年度推進法治政府建設的主要舉措和成效 … 扎實推動“高效辦成一件事”改革 (achieved), and again in
    the plan for 2025 … 持續推進“高效辦成一件事” (planned): done this year, the relation is achieved."""
    ex = seeds["001"]
    names = {e.key: e.name for e in ex.entities}
    (reform,) = [r for r in ex.relations if r.predicate == "implements" and names[r.object] == "高效办成一件事"
                 and names[r.subject] == "新余市行政审批局"]
    text = ex.document.text
    by_status = {ev.status: text[ev.start:ev.end] for ev in reversed(reform.evidence)}
    assert by_status.keys() == {"achieved", "planned"}
    assert by_status["achieved"] == "推動“高效辦成一件事" and by_status["planned"] == "持續推進“高效辦成一件事"
    assert reform.evidence[-1].status == "planned"
    assert reform.status == "achieved"


def test_relations_honours_are_not_implemented(seeds) -> None:
    objects = {o for _, p, o in edges(seeds["000"]) if p == "implements"}
    assert not any("单位" in o for o in objects)


def test_relations_planned_section_marks_status(seeds) -> None:
    ex = seeds["000"]
    names = {e.key: e.name for e in ex.entities}
    internet = next(
        r for r in ex.relations if r.predicate == "implements" and names[r.object] == "互联网+政务服务"
    )
    assert internet.status == "planned"  # 二、2022年工作思路 … (二)进一步推进“互联网+政务服务”


def test_relations_a_revised_law_is_not_issued_by_the_reporting_body(seeds) -> None:
    # 将新修订的《宪法》《行政诉讼法》…的学习贯彻情况: 修订的 describes the law
    assert ("益阳市行政审批服务局", "issued", "中华人民共和国宪法") not in edges(seeds["000"])


@pytest.mark.parametrize(
    ("seed", "edge"),
    [
        # 今年来街道党工委、办事处主要从以下几个方面入手…。一是…把学习宣传贯彻习近平法治思想与党史学习教育紧密结合
        ("004", ("中共汽车路街道工作委员会", "implements", "党史学习教育")),
        ("004", ("汽车路街道办事处", "implements", "党史学习教育")),
        # …二是严格落实干部学法制度 (the enumeration carries both bodies)
        ("004", ("中共汽车路街道工作委员会", "implements", "干部学法制度")),
        # 以市政府辦名義公布了《新余市市、縣(區)行政審批中介服務事項清單(2024面版)》
        ("001", ("新余市人民政府办公室", "issued", "新余市市、县(区)行政审批中介服务事项清单(2024面版)")),
        ("001", ("新余市行政审批局", "issued", "新余市市、县(区)行政审批中介服务事项清单(2024面版)")),
        # 建立健全了《法律顾问工作制度》
        ("000", ("益阳市行政审批服务局", "issued", "法律顾问工作制度")),
        # 通过党组理论学习中心组成员专题讲课…切实开展了《宪法》《民法典》…《中华人民共和国长江保护法》等法律法规教育
        ("000", ("益阳市行政审批服务局", "promotes", "中华人民共和国长江保护法")),
        # 采取“黨建+審批服務執法”方式; 進一步加大行政審批制度改革力度
        ("001", ("新余市行政审批局", "implements", "党建+审批服务执法")),
        ("001", ("新余市行政审批局", "implements", "行政审批制度改革")),
        ("000", ("湖南银城律师事务所", "locatedIn", "湖南省")),
        ("000", ("益阳市政务服务中心", "locatedIn", "益阳市")),
        ("000", ("中共益阳市行政审批服务局党组理论学习中心组", "subOrganizationOf", "中共益阳市行政审批服务局党组")),
    ],
)
def test_relations_genre_patterns(seeds, seed: str, edge: tuple[str, str, str]) -> None:
    assert edge in edges(seeds[seed])


@pytest.mark.parametrize(
    ("seed", "edge"),
    [
        # a means phrase: 通过党组理论学习中心组成员专题讲课 — the study group is not who runs the education
        ("000", ("中共益阳市行政审批服务局党组理论学习中心组", "promotes", "中华人民共和国宪法")),
        # a gloss: “四个一”(一个规划:编制2021-2025年新型智慧城市顶层设计方案,一个中心:建设智慧城市运行指挥中心…)
        ("000", ("益阳市智慧城市运行指挥中心", "issued", "2021-2025年新型智慧城市顶层设计方案")),
        # the author's own office and party group are located with it, not stated again
        ("000", ("益阳市行政审批服务局办公室", "locatedIn", "益阳市")),
    ],
)
def test_relations_not_stated(seeds, seed: str, edge: tuple[str, str, str]) -> None:
    assert edge not in edges(seeds[seed])


def test_relations_a_newly_revised_law_is_studied_not_issued(tmp_path: Path) -> None:
    """新修订行政处罚法 (no 的): 新 makes 修订 describe the law; the district studied it, the NPC revised it.
    Data: a line of 深圳市光明区人民政府's 2021 rule-of-law report (../shared/corpus/02, see SOURCES.md there)."""
    line = (
        "领导干部带头尊法学法用法守法成为共识。"
        "在区政府常务会议开展新修订行政处罚法以及《政府投资条例》等学法活动。\n"
    )
    ex = extract_text(tmp_path, "深圳市光明区人民政府\n" + line)
    found = edges(ex)
    assert not {e for e in found if e[1] == "issued"}
    assert {o for _, p, o in found if p == "promotes"} >= {"中华人民共和国行政处罚法", "政府投资条例"}


def test_relations_unnamed_parent_stays_in_the_graph_not_in_the_annotation(seeds) -> None:
    """Seed 001 names 市委全面依法治市委员会 but never 市委: its parent is a fact of the graph, while the
    annotation schema lists what the document names (and the report's author)."""
    from kg.goldjson import to_gold_schema

    ex = seeds["001"]
    parent = ("中共新余市委全面依法治市委员会", "subOrganizationOf", "中共新余市委员会")
    assert parent in edges(ex)
    annotation = to_gold_schema(ex)
    listed = {e["name"] for e in annotation["entities"]}
    assert "中共新余市委员会" not in listed
    assert all(e["mentions"] or e["name"] == annotation["report"]["author"] for e in annotation["entities"])
    assert all({r["s"], r["o"]} <= listed for r in annotation["relations"])


@pytest.mark.parametrize(
    ("sentence", "actor", "not_actor"),
    [
        # a predicate clause of its own: the body opening the next clause did not do it (corpus 01's clauses)
        (
            "深入推进行政执法三项制度，区司法局亦定期召集相关部门召开法治政府建设工作推进会。",
            "深圳市龙华区人民政府",
            "深圳市龙华区司法局",
        ),
        # a basis clause: the later subject's act rests on it, the subject cites it (seed 004's shape)
        (
            "根据《深圳市龙华区法律顾问管理办法》的要求，区司法局全面推行法律顾问制度。",
            "深圳市龙华区司法局",
            "深圳市龙华区人民政府",
        ),
    ],
)
def test_relations_a_later_subject_acts_only_for_the_clauses_that_lead_to_it(
    tmp_path: Path, sentence: str, actor: str, not_actor: str
) -> None:
    title = "深圳市龙华区人民政府关于2019年法治政府建设工作情况的报告\n\n"
    ex = extract_text(tmp_path, title + sentence + "\n")
    first_clause = {(s, o) for s, p, o in edges(ex) if p in ("implements", "cites")}
    objects = {o for _, o in first_clause}
    assert objects and {(actor, o) for o in objects} <= first_clause
    assert not {(not_actor, o) for o in objects} & first_clause


@pytest.mark.parametrize(
    "sentence",
    [
        # seed 000's sentence with the post written between the firm and the lawyer
        "聘请湖南银城律师事务所律师杨志武担当法律顾问",
        "聘請湖南銀城律師事務所律師楊志武擔當法律顧問",
    ],
)
def test_relations_the_firm_employs_its_lawyer_named_with_the_post(tmp_path: Path, sentence: str) -> None:
    found = edges(extract_text(tmp_path, "益阳市行政审批服务局2021年法治建设工作报告\n\n" + sentence + "。\n"))
    assert ("湖南银城律师事务所", "employs", "杨志武") in found
    assert ("益阳市行政审批服务局", "employs", "杨志武") in found


@pytest.mark.parametrize(
    ("sentence", "employer"),
    [
        # the body written before the post employs the person, not the report's author
        ("市法院院长周强同志作专题辅导。", "益阳市人民法院"),
        ("市法院院長周強同志作專題輔導。", "益阳市人民法院"),
        # no body before the post: the author's own post holder (seed 000's 党组书记、局长章忠华)
        ("党组书记、局长周强主持召开法治建设工作专题会议2次。", "益阳市行政审批服务局"),
    ],
)
def test_relations_the_body_before_a_post_employs_its_holder(tmp_path: Path, sentence: str, employer: str) -> None:
    ex = extract_text(tmp_path, "益阳市行政审批服务局2021年法治建设工作报告\n\n" + sentence + "\n")
    employs = {(s, o) for s, p, o in edges(ex) if p == "employs"}
    assert employs == {(employer, "周强")}


def test_relations_places_are_annotated_as_written(seeds) -> None:
    """Seed 001 writes 江西 and 全省, never 江西省: the annotation names the place 江西 (SCHEMA lists 江西 and 深圳 as
    names), the graph keys it by its division (江西省); seed 003 writes 廣西 and 廣西壯族自治區: the fuller, folded."""
    from kg.goldjson import to_gold_schema

    places = {e["name"] for e in to_gold_schema(seeds["001"])["entities"] if e["type"] == "Place"}
    assert "江西" in places and "江西省" not in places
    assert "江西省" in {e.name for e in seeds["001"].entities if e.type == "Place"}
    places = {e["name"] for e in to_gold_schema(seeds["003"])["entities"] if e["type"] == "Place"}
    assert "广西壮族自治区" in places and "广西" not in places


def test_relations_the_authors_party_group_before_the_post_is_the_author(tmp_path: Path) -> None:
    """局党组书记、局长周强 in a 局's report: the bureau's own leadership, so the bureau employs him (as seed 001's
    党组书记、局长章忠华), not its party group."""
    text = "益阳市行政审批服务局2021年法治建设工作报告\n\n局党组书记、局长周强主持召开专题会议。\n"
    ex = extract_text(tmp_path, text)
    assert {(s, o) for s, p, o in edges(ex) if p == "employs"} == {("益阳市行政审批服务局", "周强")}


def test_relations_a_plan_without_a_year_is_for_the_next_year(seeds) -> None:
    """监利's 2021 report: 三、下一步工作打算和建议 … 全面推行证明事项告知承诺制 (named so, decisions §46) — no year
    in the heading, so the plan is for 2022."""
    ex = seeds["002"]
    names = {e.key: e.name for e in ex.entities}
    (relation,) = [r for r in ex.relations if r.predicate == "implements" and names[r.object] == "证明事项告知承诺制"]
    assert ex.report.year == 2021
    assert [(ev.status, ev.year) for ev in relation.evidence] == [("planned", 2022)]
