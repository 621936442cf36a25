"""Documents that list places and their practices (a State Council circular praising 130 local practices, corpus
04): the place opening an item acts through its government, not the circular's issuer (SCHEMA's grey areas)."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_store import built_corpus, needs_corpus, select

from kg.nlp.rules.lexicon import load_gazetteer
from tests.report_text import extract_text

CIRCULAR = (
    "国务院办公厅关于对国务院第五次大督查发现的典型经验做法给予表扬的通报\n"
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：现予以通报表扬。\n国务院办公厅\n2018年11月19日\n"
    "附件\n国务院第五次大督查发现的典型经验做法（共130项）\n"
    "39.上海市浦东新区以“四个突出”全面推进“证照分离”试点，打造“放管服”改革浦东样本。\n"
    "47.浙江省衢州市深化“放管服”改革，打造“最多跑一次”示范市。\n"
    "3.北京市朝阳区推行“接诉即办”。\n"
)


def test_list_item_place_acts_through_its_government(tmp_path: Path) -> None:
    extraction = extract_text(tmp_path, CIRCULAR)
    names = {e.key: e.name for e in extraction.entities}
    acts = {(names[r.subject], names[r.object]) for r in extraction.relations if r.predicate == "implements"}
    assert ("衢州市人民政府", "放管服") in acts
    assert ("上海市浦东新区人民政府", "证照分离") in acts
    assert ("北京市朝阳区人民政府", "接诉即办") in acts  # not 长春's 朝阳区, not 朝阳市
    agencies = {e.name for e in extraction.entities if e.type == "Agency"}
    assert "浙江省人民政府" not in agencies  # the province only locates the city


def test_list_item_places_in_a_list_are_no_actor(tmp_path: Path) -> None:
    extraction = extract_text(tmp_path, CIRCULAR + "5.石家庄市、唐山市等地开展“证照分离”试点。\n")
    agencies = {e.name for e in extraction.entities if e.type == "Agency"}
    assert not {"石家庄市人民政府", "唐山市人民政府"} & agencies



def test_a_place_acting_alone_is_no_place_elsewhere(tmp_path: Path) -> None:
    """04_guowuyuan_dudu_dianxing_jingyan_2018 (dev): where 上海市 acts alone (35.), its written form is the
    government's; 上海市长宁区 then names no 上海市 and is located nowhere (one written form, one entity), while
    浙江省 of 47.浙江省衢州市, which never acts alone, stays a place."""
    items = ("35.上海市多措并举提高外国人才来华工作便利度。\n"
             "36.上海市长宁区探索“验放分离、零等待”，大幅提升贸易便利化水平。\n")
    extraction = extract_text(tmp_path, CIRCULAR + items)
    names = {e.key: e.name for e in extraction.entities}
    places = {e.name for e in extraction.entities if e.type == "Place"}
    assert "上海市" not in places
    assert "浙江省" in places
    located = {(names[r.subject], names[r.object]) for r in extraction.relations if r.predicate == "locatedIn"}
    assert not {s for s, o in located if o == "上海市"}
    assert "上海市人民政府" in names.values()

# A provincial plan's headings (Hebei train document gxt_bafe2a_1048) and a provincial notice's list of forms
# (kjt_2c0160_0902), as written there: items that open with a place and name a thing, not an actor.
PLAN_HEADINGS = (
    "河北省人民政府办公厅关于印发加快河北省战略性新兴产业融合集群发展行动方案（2023-2027年）的通知\n"
    "（一）重点支持的产业集群。\n1.石家庄生物医药产业集群。以石家庄高新区为核心承载区，辐射石家庄经济开发区、栾城区。\n"
    "4.秦皇岛高端装备制造产业集群。以秦皇岛经济技术开发区为核心承载区。\n"
    "（二）申报材料\n1.市科技局或国家级高新区出具的推荐函；\n2.河北省高新技术企业后备培育重点服务机构申请表（见附件1）；\n"
    "3.河北省高新技术企业后备培育重点服务机构申报书（编写提纲见附件2）。\n"
)


def test_list_items_naming_things_after_a_place_are_no_actor(tmp_path: Path) -> None:
    """Short or repeated places heading items of a plan or a notice are places, not governments that act."""
    extraction = extract_text(tmp_path, PLAN_HEADINGS, learned=True)
    agencies = {e.name for e in extraction.entities if e.type == "Agency"}
    assert not {"石家庄市人民政府", "秦皇岛市人民政府", "河北省人民政府"} & agencies
    assert "河北省人民政府办公厅" in agencies


def test_gazetteer_municipality_districts_sit_under_their_municipality() -> None:
    gazetteer = load_gazetteer()
    chaoyang = next(d for d in gazetteer.lookup("朝阳区") if d.code.startswith("11"))
    assert [d.name for d in gazetteer.ancestors(chaoyang.code)] == ["朝阳区", "北京市"]
    assert gazetteer.body_prefix(chaoyang) == "北京市朝阳区"


def test_list_item_naming_its_actor_is_not_the_circulars_act(tmp_path: Path) -> None:
    """The default pipeline (learned layers): the circular's issuer does not implement what the places did."""
    extraction = extract_text(tmp_path, CIRCULAR, learned=True)
    names = {e.key: e.name for e in extraction.entities}
    acts = {(names[r.subject], names[r.object]) for r in extraction.relations if r.predicate == "implements"}
    assert ("衢州市人民政府", "放管服") in acts
    assert not {a for a in acts if a[0] == "国务院办公厅"}


def test_list_item_actor_place_is_the_governments_mention(tmp_path: Path) -> None:
    """浙江省衢州市 is 衢州市人民政府 written short: 衢州市 (and 衢州 inside it) is no place of its own, 浙江省 is, and
    the government sits in it (as the annotators of the circular read it)."""
    extraction = extract_text(tmp_path, CIRCULAR)
    names = {e.key: e.name for e in extraction.entities}
    places = {e.name for e in extraction.entities if e.type == "Place"}
    assert "浙江省" in places
    assert not {"衢州市", "衢州", "浦东新区"} & places
    located = {(names[r.subject], names[r.object]) for r in extraction.relations if r.predicate == "locatedIn"}
    assert ("衢州市人民政府", "浙江省") in located
    assert ("上海市浦东新区人民政府", "上海市") in located

# ../shared/corpus/04 (国办发〔2018〕108号), items of its list as written there, read by hand: the place opening each
# item, through its government, does the practice; the circular's issuer does none of them.
CREDITED = {
    ("上海市浦东新区人民政府", "证照分离"),  # 39.上海市浦东新区以“四个突出”全面推进“证照分离”试点
    ("衢州市人民政府", "放管服"),  # 47.浙江省衢州市深化“放管服”改革，打造“最多跑一次”示范市
    ("衢州市人民政府", "最多跑一次"),
    ("西宁市人民政府", "放管服"),  # 121.青海省西宁市持续深化“放管服”改革
    ("忠县人民政府", "公立医院改革"),  # 99.重庆市忠县坚持“保基本、强基层、建机制”，推进公立医院改革
    ("大竹县人民政府", "双靠近三融合"),  # 103.四川省大竹县创新“双靠近三融合”模式
    ("浙江省人民政府", "千村示范万村整治"),  # 45.浙江省深化“千村示范万村整治”工程: a province alone acts too
    ("河南省人民政府", "四水同治"),  # 69.河南省实施“四水同治”
}
CIRCULAR_GRAPH = "<https://w3id.org/govkg/report/04_guowuyuan_dudu_dianxing_jingyan_2018/graph>"


@pytest.fixture(scope="module")
def corpus_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_corpus(tmp_path_factory)


@needs_corpus
def test_real_circular_credits_the_listed_places(corpus_graph: Path) -> None:
    """On the graph of seeds + ../shared/corpus, the circular's report graph states the places' acts, each with
    evidence in the item that names the place."""
    rows = select(corpus_graph, f"""
        SELECT ?body ?reform ?sentence WHERE {{
          GRAPH {CIRCULAR_GRAPH} {{
            ?a gk:implements ?r ; skos:prefLabel ?body . ?r skos:prefLabel ?reform .
            ?assertion rdf:subject ?a ; rdf:object ?r ; gk:hasEvidence/gk:inSentence/rdf:value ?sentence .
          }}
        }}""")
    found = {(row["body"], row["reform"]) for row in rows}
    assert found >= CREDITED
    for body, reform in CREDITED:
        place = body.removesuffix("人民政府")
        assert any(place in row["sentence"] and reform in row["sentence"] for row in rows
                   if (row["body"], row["reform"]) == (body, reform))


@needs_corpus
def test_real_circular_issuer_does_not_take_the_places_practices(corpus_graph: Path) -> None:
    rows = select(corpus_graph, f"""
        SELECT ?reform WHERE {{
          GRAPH {CIRCULAR_GRAPH} {{
            ?a gk:implements ?r ; skos:prefLabel "国务院办公厅"@zh-Hans . ?r skos:prefLabel ?reform
          }}
        }}""")
    issuer = {row["reform"] for row in rows}
    assert not issuer & {"证照分离", "最多跑一次", "公立医院改革", "双靠近三融合", "千村示范万村整治", "四水同治",
                         "棚户区改造", "承诺预办、先建后验"}


def test_every_body_of_a_joint_signature_block_issued_the_document() -> None:
    """Hebei jyt_105614_1101 closes 河北省教育厅河北省发展和改革委员会 / 河北省财政厅河北省市场监督管理局 /
    2024年1月12日: the four issued the notice (its title names only the first: 河北省教育厅等四部门关于…)."""
    from kg.ingest import ingest
    from kg.nlp import load_pipeline
    from kg.pipeline import extract_document

    path = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "hebei" / "jyt_105614_1101.txt"
    extraction = extract_document(ingest(path), load_pipeline(learned=True))
    names = {e.key: e.name for e in extraction.entities}
    notice = "河北省教育厅等四部门关于进一步规范义务教育课后服务有关工作的通知"
    issuers = {names[r.subject] for r in extraction.relations if r.predicate == "issued" and names[r.object] == notice}
    assert issuers == {"河北省教育厅", "河北省发展和改革委员会", "河北省财政厅", "河北省市场监督管理局"}


def test_every_co_signer_cites_what_the_joint_notice_cites() -> None:
    """Hebei jyt_105614_1101, signed by four departments: 为深入贯彻《中共中央办公厅国务院办公厅关于进一步减轻义务教育
    阶段学生作业负担和校外培训负担的意见》精神 — each co-signer cites it, as the author does."""
    from kg.ingest import ingest
    from kg.nlp import load_pipeline
    from kg.pipeline import extract_document

    path = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "hebei" / "jyt_105614_1101.txt"
    extraction = extract_document(ingest(path), load_pipeline(learned=True))
    names = {e.key: e.name for e in extraction.entities}
    cited = "中共中央办公厅国务院办公厅关于进一步减轻义务教育阶段学生作业负担和校外培训负担的意见"
    citers = {names[r.subject] for r in extraction.relations if r.predicate == "cites" and names[r.object] == cited}
    assert {"河北省发展和改革委员会", "河北省财政厅", "河北省市场监督管理局"} <= citers


def test_a_signature_block_run_into_one_line_issued_the_document() -> None:
    """Hebei kjt_1e9068_0667, scraped into one line: …现将修订后的《科研失信行为调查处理规则》印发给你们，请遵照实施。
    科技部中央宣传部最高人民法院…中央军委科学技术委员会2022年8月25日 — every body of the run issued the notice and the
    rules it carries (its title names only 科技部等二十二部门); they take no cites of the author's."""
    from kg.ingest import ingest
    from kg.nlp import load_pipeline
    from kg.pipeline import extract_document

    path = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "hebei" / "kjt_1e9068_0667.txt"
    extraction = extract_document(ingest(path), load_pipeline(learned=True))
    names = {e.key: e.name for e in extraction.entities}
    issuers = {names[r.subject] for r in extraction.relations
               if r.predicate == "issued" and names[r.object] == "科研失信行为调查处理规则"}
    assert {"科学技术部", "中央宣传部", "最高人民法院", "教育部", "公安部", "财政部", "农业农村部"} <= issuers
    rules = {e.rule for r in extraction.relations for e in r.evidence if names[r.subject] == "公安部"}
    assert "issued.signature-inline" in rules and "co-signer" not in rules


def test_an_attachment_named_before_a_run_on_signature_is_no_part_of_it(tmp_path: Path) -> None:
    """Hebei kjt_2beaf9_0739 up to its date: …现印发给你们，请遵照执行。　　附件：科技惠民计划专项经费管理办法　…财政部
    科技部　…2012年11月30日 — the attachment's name stood in the stretch before the date, so the two signers covered
    too little of it; the block opens after the last title there and both issued the notice it closes."""
    path = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "hebei" / "kjt_2beaf9_0739.txt"
    text = path.read_text(encoding="utf-8")
    extraction = extract_text(tmp_path, text[: text.index("2012年11月30日") + len("2012年11月30日")], learned=True)
    names = {e.key: e.name for e in extraction.entities}
    notice = "关于印发《科技惠民计划专项经费管理办法》的通知"
    rules = {(names[r.subject], e.rule) for r in extraction.relations if r.predicate == "issued"
             and names[r.object] == notice for e in r.evidence}
    assert {("财政部", "issued.signature-inline"), ("科学技术部", "issued.signature-inline")} <= rules


def test_a_legislative_plan_item_is_issued_by_its_drafter() -> None:
    """Hebei szf_b1bf39_0593, 河北省人民政府2024年立法工作计划: 7.河北省动物防疫条例（修订）（省农业农村厅起草） —
    the item is a document though written without brackets, and the body in the note drafted (issued) it."""
    from kg.ingest import ingest
    from kg.nlp import load_pipeline
    from kg.pipeline import extract_document

    path = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "hebei" / "szf_b1bf39_0593.txt"
    extraction = extract_document(ingest(path), load_pipeline(learned=True))
    names = {e.key: e.name for e in extraction.entities}
    issued = {(names[r.subject], names[r.object]) for r in extraction.relations if r.predicate == "issued"}
    assert ("河北省农业农村厅", "河北省动物防疫条例") in issued
    assert ("河北省自然资源厅", "河北省耕地保护条例") in issued
    assert ("河北省公安厅", "河北省公共安全技术防范管理规定") in issued
    assert "北京大兴国际机场临空经济区管理相关立法" not in names.values()


def test_a_notices_attachments_are_issued_by_its_issuers() -> None:
    """Hebei jyt_ab154f_1099 (河北省教育厅 and 河北省财政厅 sign): 详见《河北省2024年中央“特岗计划”各县招聘岗位表》
    （附件1） and 附件：1.… at its end — both signers issued the attachment."""
    from kg.ingest import ingest
    from kg.nlp import load_pipeline
    from kg.pipeline import extract_document

    path = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "hebei" / "jyt_ab154f_1099.txt"
    extraction = extract_document(ingest(path), load_pipeline(learned=True))
    names = {e.key: e.name for e in extraction.entities}
    table = "河北省2024年中央特岗计划各县招聘岗位表"
    issuers = {names[r.subject] for r in extraction.relations
               if r.predicate == "issued" and names[r.object].replace("“", "").replace("”", "") == table}
    assert {"河北省教育厅", "河北省财政厅"} <= issuers


def test_a_reports_own_title_naming_no_issuer_is_its_authors(tmp_path: Path) -> None:
    """../shared/corpus 06 opens with its title, which names no issuer (SCHEMA: the document's own title is a
    document of its author); seed 000 opens with a sentence, whose first words are no title of anyone's."""
    text = ("2026年北京市政府工作报告\n——2026年1月25日在北京市第十六届人民代表大会第四次会议上\n北京市市长 殷勇\n"
            "各位代表：\n现在，我代表北京市人民政府，向大会报告政府工作，请予审议，并请市政协委员提出意见。\n")
    extraction = extract_text(tmp_path, text, learned=True)
    names = {e.key: e.name for e in extraction.entities}
    issued = {(names[r.subject], names[r.object]) for r in extraction.relations if r.predicate == "issued"}
    assert ("北京市人民政府", "2026年北京市政府工作报告") in issued
    opening = ("2021年是实施“十四五”规划、开启全面建设社会主义现代化国家新征程的第一年,一年来,我局在市委市政府的"
               "坚强领导下,深入学习宣传贯彻习近平法治思想。\n益阳市行政审批服务局\n2022年1月10日\n")
    extraction = extract_text(tmp_path, opening, learned=True)
    rules = {e.rule for r in extraction.relations for e in r.evidence}
    assert "issued.own-title" not in rules
