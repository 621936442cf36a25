"""Where a reform read by the rules or the entity model is none, whoever found it (decisions §72): an X改革 inside a
cited document's title is the document's subject, and a span that cuts a quoted list is no name."""

from __future__ import annotations

from pathlib import Path

from kg.nlp.rules.reforms import refused_in_context

# Real sentences of train records kjt_12b8da_0730 and rst_ac3c1e_0388 (a national circular, a disclosure report):
# the reform named in the cited title is the cited document's subject, not recorded in either.
TITLES = (
    "为深入贯彻党的十八大和十八届二中、三中全会精神，落实创新驱动发展战略，促进科技与经济紧密结合，按照《中共中央国务院"
    "关于深化科技体制改革加快国家创新体系建设的意见》（中发〔2012〕6号）的要求，现就改进加强中央财政民口科研项目和资金管理"
    "提出如下意见。\n"
    "落实中办国办《关于分类推进人才评价机制改革的指导意见》，会同省委组织部等6部门制定“1+6”贯彻落实意见。\n"
)
# Train kjt_55e0fe_0675: the same reform in running text is one (recorded there).
RUNNING = "深入实施创新驱动发展战略，深化科技体制改革，坚持正确的科技成果评价导向，创新科技成果评价方式。\n"
# Train 05_guangdong_gwr_2014 and rst_7c5808_0389: the annotators record the lists' items (一岗双责, 一窗口 ...).
LISTS = (
    "落实安全生产“党政同责、一岗双责、齐抓共管”，强化安全生产防控体系建设，严格事故责任追究，坚决遏制重特大事故发生。\n"
    "实现“基本医保+大病保险+医疗救助”三重保障线“一站式、一窗口、一票制”常态化报销。\n"
)


def _span(text: str, name: str) -> tuple[int, int]:
    start = text.index(name)
    return start, start + len(name)


def test_a_reform_in_a_cited_title_is_refused_where_running_text_keeps_it() -> None:
    assert refused_in_context(TITLES, *_span(TITLES, "科技体制改革"))
    assert refused_in_context(TITLES, *_span(TITLES, "人才评价机制改革"))
    assert not refused_in_context(RUNNING, *_span(RUNNING, "科技体制改革"))


def test_a_span_cutting_a_quoted_list_is_refused_its_items_and_the_whole_not() -> None:
    assert refused_in_context(LISTS, *_span(LISTS, "一岗双责、齐抓共管"))
    assert refused_in_context(LISTS, *_span(LISTS, "一窗口、一票制"))
    assert not refused_in_context(LISTS, *_span(LISTS, "一岗双责"))
    assert not refused_in_context(LISTS, *_span(LISTS, "党政同责、一岗双责、齐抓共管"))


def test_the_pipeline_reads_no_reform_from_a_cited_title_or_a_cut_list(tmp_path: Path) -> None:
    from tests.report_text import extract_text

    text = "关于改进加强中央财政科研项目和资金管理的若干意见\n" + TITLES + LISTS + RUNNING
    reforms = {e.name for e in extract_text(tmp_path, text, learned=True).entities if e.type == "Reform"}
    assert "人才评价机制改革" not in reforms
    assert "科技体制改革" in reforms  # named in running text too
    assert not any("、" in name and name.startswith(("一岗双责", "一窗口")) for name in reforms), reforms
    alone = {e.name for e in extract_text(tmp_path, "关于改进加强中央财政科研项目和资金管理的若干意见\n" + TITLES,
                                          learned=True).entities if e.type == "Reform"}
    assert "科技体制改革" not in alone, alone


# Train szf_71a8cb_0401 (a rule), gxt_a1b010_1080 and jyt_a9d07d_1093 (notices), jyt_ab154f_1099 (a plan): a quote
# that names a word, a name used as a label or a part of a website; 全面改薄 (jyt_a9d07d) is a recorded reform.
WORDS = (
    "企业、个体工商户名称和经营范围中包含“金融”“交易所”“交易中心”“理财”“财富管理”“股权众筹”等字样或者内容的，"
    "市场主体登记机关不予登记。\n"
    "在规范性文件或政策文件制定时，同步起草、同步审签、同步发布相关解读材料，在微信公众号增设了“政策解读”版块。\n"
    "将各县建设类项目开工率、完工率等指标进行全省通报，并以“省改薄办”名义抄送市、县人民政府。为进一步规范和加强“全面改薄”"
    "工作，制定本办法。\n"
    "河北教师教育网是唯一的河北省2024年特岗教师招聘报考网站，该网站“特岗教师招聘专栏”将按照招聘工作流程及时公布所有招考信息。\n"
)


def test_a_quoted_word_label_or_site_part_is_no_reform() -> None:
    from tests.report_text import quoted_reforms

    names = quoted_reforms(WORDS)
    for word in ("交易中心", "财富管理", "股权众筹", "政策解读", "省改薄办", "特岗教师招聘专栏"):
        assert word not in names, word
    assert "全面改薄" in names
