"""Entity resolution and report metadata on the seed reports.

Expected values are read off the reports by hand: who wrote each one, about which year, where; what 我局 / 市委
refer to there.
"""

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


def entity_named(ex: Extraction, type_: str, name: str):
    return next((e for e in ex.entities if e.type == type_ and e.name == name), None)


@pytest.mark.parametrize(
    ("seed", "author", "year", "place"),
    [
        ("000", "益阳市行政审批服务局", 2021, "益阳市"),
        ("001", "新余市行政审批局", 2024, "新余市"),
        ("002", "监利市人民政府", 2021, "监利市"),
        ("003", "防城港市大数据和行政审批局", 2021, "防城港市"),
        ("004", "汽车路街道办事处", 2021, "益阳市"),
    ],
)
def test_resolve_report_metadata(seeds, seed: str, author: str, year: int, place: str) -> None:
    report = seeds[seed].report
    assert (report.author_name, report.year, report.place_name) == (author, year, place)


@pytest.mark.parametrize(
    ("seed", "type_", "name", "surface"),
    [
        ("000", "Agency", "益阳市行政审批服务局", "我局"),
        ("000", "Agency", "中共益阳市委员会", "市委"),
        ("000", "Agency", "益阳市人民政府", "市政府"),
        ("000", "Agency", "中共益阳市委全面依法治市委员会办公室", "市委法治办"),
        ("000", "Agency", "中共益阳市行政审批服务局党组", "局党组"),
        ("000", "Law", "中华人民共和国民法典", "民法典"),
        ("000", "Law", "中华人民共和国宪法", "宪法"),
        ("000", "Place", "益阳市", "全市"),
        ("001", "Agency", "新余市行政审批局", "市行政審批局"),
        ("001", "Agency", "新余市人民政府办公室", "市政府辦"),
        ("001", "Place", "江西省", "全省"),
        ("003", "Agency", "防城港市大数据和行政审批局", "我局"),
        ("004", "Agency", "中共汽车路街道工作委员会", "街道党工委"),
        ("004", "Agency", "汽车路街道办事处", "办事处"),
    ],
)
def test_resolve_short_and_deictic_forms(seeds, seed: str, type_: str, name: str, surface: str) -> None:
    entity = entity_named(seeds[seed], type_, name)
    assert entity is not None, f"{name} not among the entities of seed {seed}"
    assert surface in {m.text for m in entity.mentions}
    # a form that means the entity only inside its report (全市, 我局, 市行政審批局) is a mention there, never a
    # global alias; a short form that names it anywhere (民法典) is an alias
    assert (surface in entity.aliases) == (surface in {"民法典", "宪法"})


def test_resolve_keys_are_global_for_national_bodies_and_local_for_city_bodies(seeds) -> None:
    central = {e.key for ex in seeds.values() for e in ex.entities if e.name == "中共中央"}
    assert central == {"Agency/中共中央"}
    city_committees = {
        e.key
        for ex in seeds.values()
        for e in ex.entities
        if e.type == "Agency" and "市委" in {m.norm for m in e.mentions}
    }
    assert {"Agency/中共益阳市委员会", "Agency/中共防城港市委员会"} <= city_committees


def test_resolve_unprefixed_local_bodies_are_scoped_to_their_report(seeds) -> None:
    # 街道党工委、办事处向人大主席团报告…: which 人大主席团 the street report does not say
    presidium = entity_named(seeds["004"], "Agency", "人大主席团")
    assert presidium is not None and presidium.key.endswith("@004_c1d22c4bd29ea185")
    # 要紧紧围绕区委区政府中心工作: the district is never named in the report
    assert entity_named(seeds["004"], "Agency", "区委").key.endswith("@004_c1d22c4bd29ea185")


def test_resolve_a_city_bodys_service_centre_is_its_citys(seeds) -> None:
    # 益阳市行政审批服务局: 充分利用政务服务中心办事群众来往人员多的优势
    centre = entity_named(seeds["000"], "Agency", "益阳市政务服务中心")
    assert centre is not None and "政务服务中心" in {m.text for m in centre.mentions}
    assert "政务服务中心" not in centre.aliases  # 益阳's centre in this report only: no global alias
    assert ("政务服务中心", "report-place") in centre.merges


@pytest.mark.parametrize(
    ("seed", "name", "surface", "rule"),
    [
        # 通过党组理论学习中心组成员专题讲课: the author's party group's study group
        ("000", "中共益阳市行政审批服务局党组理论学习中心组", "党组理论学习中心组", "author-body"),
        # 我局及时调整法治建设工作领导小组成员: the author's own leading group
        ("000", "益阳市行政审批服务局法治建设工作领导小组", "法治建设工作领导小组", "author-body"),
        # a street office's group takes the street's name
        ("004", "汽车路街道法治政府建设工作领导小组", "法治政府建设工作领导小组", "author-body"),
        # 成立全市基層審批服務執法示范點創建工作指導組
        (
            "001",
            "新余市基层审批服务执法示范点创建工作指导组",
            "全市基層審批服務執法示范點創建工作指導組",
            "level-prefix",
        ),
        # 《益阳市委全面依法治市委员会关于印发…》: 益阳市委 is 中共益阳市委
        ("004", "中共益阳市委全面依法治市委员会", "益阳市委全面依法治市委员会", "party-committee"),
        # 优化试点…等高频套餐事项“一次办”, after 纵深推进“一件事一次办”改革工作
        ("000", "一件事一次办", "一次办", "short-form"),
    ],
)
def test_resolve_forms_that_name_a_longer_entity(seeds, seed: str, name: str, surface: str, rule: str) -> None:
    entity = next((e for e in seeds[seed].entities if e.name == name), None)
    assert entity is not None, f"{name} not among the entities of seed {seed}"
    assert (surface, rule) in entity.merges


def test_resolve_county_level_city_speaks_of_itself_as_shi(seeds) -> None:
    # 监利市 (a county-level city under 荆州市): its 市委 is 中共监利市委员会, not 荆州's
    names = {e.name for e in seeds["002"].entities if "市委" in {m.text for m in e.mentions}}
    assert names == {"中共监利市委员会"}


def test_resolve_places_keep_their_division_code(seeds) -> None:
    town = entity_named(seeds["001"], "Place", "双林镇")
    assert town is not None and town.attributes["divisionCode"] == "360521103"  # the one in 分宜县, 江西
    assert entity_named(seeds["000"], "Place", "益阳市").attributes["divisionCode"] == "4309"


def test_resolve_merges_are_recorded(seeds) -> None:
    author = entity_named(seeds["000"], "Agency", "益阳市行政审批服务局")
    assert ("我局", "deictic-author") in author.merges


def test_resolve_district_report_speaks_for_its_district() -> None:
    """A district report (我区) names its city more often than itself, and 龙华区 exists in 深圳 and in 海口.

    Data: lines of 深圳市龙华区人民政府's 2019 rule-of-law report (../shared/corpus/01, see SOURCES.md there).
    """
    from kg.ingest import ingest
    from kg.pipeline import extract_document

    ex = extract_document(ingest(Path(__file__).parent / "data" / "longhua_2019_excerpt.txt"), RULES)
    assert (ex.report.place_name, ex.report.year) == ("龙华区", 2019)
    assert ex.report.author_name.endswith("龙华区人民政府")
    district = next(e for e in ex.entities if e.type == "Place" and e.name == "龙华区")
    assert district.attributes["divisionCode"] == "440309"  # Shenzhen's, not Haikou's 460106


def test_resolve_a_reform_named_with_and_without_its_head_word_is_one(tmp_path: Path) -> None:
    """A report that quotes a slogan (“信用监管”) and later names it with 改革 (推进信用监管改革, a line of
    ../shared/corpus/01) speaks of one reform; 改革 after a domain (农村改革) stays a reform of its own."""
    text = "全面推行“信用监管”。\n推进信用监管改革，完善公平竞争审查和公正监管制度。\n深入推进农村改革发展。\n"
    ex = extract_text(tmp_path, text)
    reforms = {e.name: sorted(m.text for m in e.mentions) for e in ex.entities if e.type == "Reform"}
    assert reforms["信用监管"] == ["信用监管", "信用监管改革"]
    assert "信用监管改革" not in reforms
    assert reforms["农村改革"] == ["农村改革"]


SHARED_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="../shared/corpus is not beside this checkout")
@pytest.mark.parametrize(
    ("file", "author", "place"),
    [
        # the title opens with the issuer: 国务院办公厅关于…的指导意见 (a national body: no place)
        ("03_guowuyuan_xingzheng_zhifa_sanxiang_2018.txt", "国务院办公厅", None),
        ("04_guowuyuan_dudu_dianxing_jingyan_2018.txt", "国务院办公厅", None),
        # a provincial government work report speaks of 我省, not of its capital
        ("05_guangdong_gwr_2014.txt", "广东省人民政府", "广东省"),
        ("08_shaanxi_gwr_2026.txt", "陕西省人民政府", "陕西省"),
        # and a district's report still speaks for its district, named officially with its city (district names
        # repeat: 龙华区 is in 深圳 and in 海口), as the annotation corpus names it
        ("02_shenzhen_guangming_fazhi_2021.txt", "深圳市光明区人民政府", "光明区"),
    ],
)
def test_resolve_issuers_and_provincial_authors(file: str, author: str, place: str | None) -> None:
    """Authors and places of real documents (../shared/corpus, SOURCES.md there names each one's issuer)."""
    from kg.ingest import ingest
    from kg.pipeline import extract_document

    report = extract_document(ingest(SHARED_CORPUS / file), RULES).report
    assert (report.author_name, report.place_name) == (author, place)


STREET_SENTENCE = (  # seed 004: a street office's report speaks of its street
    "近年来,汽车路街道在法治政府建设方面,虽然取得了一定的成绩,但离上级的要求还有一定的差距,主要存在以下问题:"
    "法治队伍建设有待进一步提升;依法行政工作体系有待进一步完善;依法行政的宣传力度还有待于加强。\n"
)


@pytest.mark.parametrize(
    ("framed", "author"),
    [
        # the title opens with the writer after its city's name (永州市冷水滩区人民政府关于…): 深圳市 光明区人民政府,
        # named officially with the city
        ("深圳市光明区人民政府关于2021年法治政府建设工作情况的报告\n\n" + STREET_SENTENCE, "深圳市光明区人民政府"),
        # a bureau's title: its name, then the covered year
        ("益阳市行政审批服务局2021年法治政府建设工作报告\n\n" + STREET_SENTENCE, "益阳市行政审批服务局"),
        # no title: the body signing above the closing date (corpus 02's signature lines)
        (STREET_SENTENCE + "\n深圳市光明区人民政府\n2022年1月5日\n", "深圳市光明区人民政府"),
        # a report that speaks as 我区 names its streets; it is not written by one (corpus 01, line 15)
        (
            "按照《深圳市龙华区法律顾问管理办法》的要求，全面推行法律顾问制度。区委、区政府共聘请法律顾问12家，"
            "区直各单位、各街道、区属企业等单位共聘请法律顾问34家，实现法律顾问在我区各部门的全覆盖。\n"
            + STREET_SENTENCE,
            "深圳市龙华区人民政府",
        ),
        # and the street office's own report stays its own
        (STREET_SENTENCE, "汽车路街道办事处"),
    ],
)
def test_resolve_author_from_the_frame(tmp_path, framed: str, author: str) -> None:
    assert extract_text(tmp_path, framed).report.author_name == author


@pytest.mark.parametrize(
    "sentence",
    [
        # seed 000's sentence with the 同志 reports often add: the post before the name is kept, not 同志
        "党组书记、局长章忠华同志主持召开法治建设工作专题会议2次",
        "黨組書記、局長章忠華同志主持召開法治建設工作專題會議2次",
    ],
)
def test_resolve_person_keeps_the_post_before_the_name(tmp_path, sentence: str) -> None:
    people = [e for e in extract_text(tmp_path, sentence + "\n").entities if e.type == "Person"]
    assert [(p.name, p.attributes.get("post")) for p in people] == [("章忠华", "局长")]


def test_resolve_place_of_an_author_whose_district_name_repeats(tmp_path) -> None:
    """龙华区 is a district of 深圳 and of 海口: the report that names 深圳 is 深圳's (corpus 01's sentence)."""
    text = (
        "深圳市龙华区人民政府关于2019年法治政府建设工作情况的报告\n\n"
        "按照《深圳市龙华区法律顾问管理办法》的要求，全面推行法律顾问制度。\n"
    )
    report = extract_text(tmp_path, text).report
    assert (report.author_name, report.place_name) == ("深圳市龙华区人民政府", "龙华区")


def test_resolve_a_town_report_is_placed_in_its_county(tmp_path) -> None:
    """A town's report belongs to the county above it (as 汽车路街道's belongs to 益阳市), even when the text names
    the town itself (seed 001's sentence about 双林镇, signed by the town)."""
    text = (
        "分宜縣雙林鎮獲全省首批基層審批服務執法示范點榮譽稱號。鎮司法所、縣司法局聯合開展法治宣傳。"
        "\n\n分宜县双林镇人民政府\n2022年12月20日\n"
    )
    ex = extract_text(tmp_path, text)
    assert (ex.report.author_name, ex.report.place_name) == ("双林镇人民政府", "分宜县")
    # and its 镇 bodies are the town's, its 县 bodies the county's
    assert {"双林镇司法所", "分宜县司法局"} <= {e.name for e in ex.entities if e.type == "Agency"}


@pytest.mark.parametrize("party_group", ["厅党组", "廳黨組"])
def test_resolve_a_department_party_group_is_the_authors(tmp_path, party_group: str) -> None:
    """厅党组 in a 厅's report, as 局党组 in seed 000's 局 report: the author's party group."""
    text = f"江西省自然资源厅2023年度法治政府建设情况报告\n\n{party_group}每年专题研究部署法治建设工作。\n"
    agencies = {e.name for e in extract_text(tmp_path, text).entities if e.type == "Agency"}
    assert "中共江西省自然资源厅党组" in agencies


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("局法规科负责对规范性文件进行合法性审核。", "益阳市行政审批服务局法规科"),
        ("局政策法規股具體負責行政執法監督工作。", "益阳市行政审批服务局政策法规股"),
    ],
)
def test_resolve_the_authors_own_units(tmp_path, sentence: str, unit: str) -> None:
    """局法规科 in a 局's report (seed 000's author): a unit of the author, and part of it."""
    text = f"益阳市行政审批服务局2021年法治建设工作报告\n\n{sentence}\n"
    ex = extract_text(tmp_path, text)
    names = {e.key: e.name for e in ex.entities}
    assert unit in names.values()
    parts = {(names[r.subject], names[r.object]) for r in ex.relations if r.predicate == "subOrganizationOf"}
    assert (unit, "益阳市行政审批服务局") in parts


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="../shared/corpus is not beside this checkout")
def test_resolve_a_municipalitys_bodies() -> None:
    """In 北京市's work report (corpus 06) 市人大, 市委, 市政协 are 北京市's: a municipality is a province-level 市."""
    from kg.ingest import ingest
    from kg.pipeline import extract_document

    ex = extract_document(ingest(SHARED_CORPUS / "06_beijing_gwr_2026.txt"), RULES)
    agencies = {e.name for e in ex.entities if e.type == "Agency"}
    assert {"北京市人民代表大会", "中共北京市委员会", "中国人民政治协商会议北京市委员会"} <= agencies
    assert not {"市人大", "市委", "市政协"} & agencies


def test_resolve_the_most_specific_place_of_the_authors_name(tmp_path) -> None:
    """武汉市江岸区人民法院 is in 江岸区, not only in 武汉市: its 区委 is 江岸区's (seed 000's 市委 sentence shape),
    named officially with its city."""
    text = "武汉市江岸区人民法院2022年度法治政府建设工作报告\n\n在区委的坚强领导下，我院扎实推进法治建设。\n"
    ex = extract_text(tmp_path, text)
    assert ex.report.place_name == "江岸区"
    assert "中共武汉市江岸区委员会" in {e.name for e in ex.entities}


def test_resolve_a_departments_short_form_is_its_full_name(seeds) -> None:
    """Seed 003 writes 市場監管局: 防城港市市场监督管理局, the department's full name (one body across reports)."""
    agencies = {e.name: e for e in seeds["003"].entities if e.type == "Agency"}
    assert "防城港市市场监督管理局" in agencies
    assert "市場監管局" in {m.text for m in agencies["防城港市市场监督管理局"].mentions}
    assert "防城港市市场监管局" not in agencies


def test_resolve_a_street_office_by_its_street_alone(tmp_path) -> None:
    """Seed 004's street office signing with its city and district (益阳市赫山区汽车路街道办事处) is the same body as
    汽车路街道 in its text, and 街道…领导小组 in its report is the street's group, part of the office."""
    text = (
        STREET_SENTENCE
        + "调整了街道法治政府建设工作领导小组,由街道党工委书记任组长。\n\n益阳市赫山区汽车路街道办事处\n2022年1月6日\n"
    )
    ex = extract_text(tmp_path, text)
    names = {e.key: e.name for e in ex.entities}
    agencies = {e.name for e in ex.entities if e.type == "Agency"}
    assert ex.report.author_name == "汽车路街道办事处"
    assert {"汽车路街道办事处", "汽车路街道法治政府建设工作领导小组"} <= agencies
    assert not {a for a in agencies if a.endswith("街道办事处") and a != "汽车路街道办事处"}
    parts = {(names[r.subject], names[r.object]) for r in ex.relations if r.predicate == "subOrganizationOf"}
    assert ("汽车路街道法治政府建设工作领导小组", "汽车路街道办事处") in parts


@pytest.mark.parametrize("group", ["局党组理论学习中心组", "局黨組理論學習中心組"])
def test_resolve_the_party_groups_study_group_named_with_the_head(tmp_path, group: str) -> None:
    """Seed 000 writes 党组理论学习中心组; other reports write 局党组理论学习中心组: the same body of the author."""
    text = f"益阳市行政审批服务局2021年法治建设工作报告\n\n{group}专题学习《民法典》。\n"
    agencies = {e.name for e in extract_text(tmp_path, text).entities if e.type == "Agency"}
    assert "中共益阳市行政审批服务局党组理论学习中心组" in agencies


def test_resolve_a_countys_city_bodies_are_its_prefectures(tmp_path) -> None:
    """桃江县 is a county of 益阳市: in its report, seed 004's 市委、市政府 are 益阳's even where 益阳 is not named."""
    text = (
        "桃江县人民政府关于2021年度法治政府建设工作情况的报告\n\n"
        "县委、县政府高度重视,紧紧围绕市委、市政府建设“法治益阳”“平安益阳”总体部署。县卫健局推进普法。\n"
    )
    agencies = {e.name for e in extract_text(tmp_path, text).entities if e.type == "Agency"}
    assert {"中共益阳市委员会", "益阳市人民政府", "中共桃江县委员会", "桃江县卫生健康局"} <= agencies


def test_resolve_the_autonomous_regions_bodies(seeds) -> None:
    """Seed 003 (防城港, in 广西) writes 自治區數據共享交換平臺 and 自治區黨委依法治區辦: 自治区 is its region."""
    names = {e.name for e in seeds["003"].entities if e.type in ("Agency", "Platform")}
    assert {"广西壮族自治区数据共享交换平台", "中共广西壮族自治区党委依法治区办"} <= names
    assert not {n for n in names if n.startswith("自治区")}  # (document titles keep their words as written)


@pytest.mark.parametrize("short", ["经开区管委会", "經開區管委會"])
def test_resolve_a_zone_committee_by_its_short_name_is_the_author(tmp_path, short: str) -> None:
    """A development zone's committee calls itself 经开区管委会 (seed 004's sentence, with the zone as its subject)."""
    text = (
        "长沙经济技术开发区管理委员会2022年法治政府建设情况报告\n\n"
        f"{short}高度重视,紧紧围绕市委、市政府建设“法治长沙”总体部署。\n"
    )
    agencies = {e.name: e for e in extract_text(tmp_path, text).entities if e.type == "Agency"}
    assert short in {m.text for m in agencies["长沙经济技术开发区管理委员会"].mentions}
