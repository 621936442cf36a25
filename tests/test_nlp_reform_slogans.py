"""Reforms of the work reports' quoted slogans (decisions §38): a counting slogan keeps the head that names its
practice (“三北”工程 -> 三北工程), and a rule span holding a quote whole with a word outside it stands over the entity
model's span of the quote alone (行政执法“三项制度”)."""

from __future__ import annotations

from kg.nlp.rules.lexicon import load_lexicons
from tests.report_text import quoted_reforms

# Real sentences of train records 08_shaanxi_gwr_2026, jyt_bea734_1252, 06_beijing_gwr_2026 and 05_guangdong_gwr_2014.
COUNTED = (
    "持续开展荒漠化综合防治，打好黄河“几字弯”攻坚战，“三北”工程造林种草100万亩。\n"
    "以教师、教材、教法“三教”改革为重点，推进职业教育提质培优。\n"
    "提高“四个服务”水平，深化“五子”联动服务和融入新发展格局。\n"
    "城乡一体化建设取得新成果，“三旧”改造等扎实推进。\n"
)
# Train 06_beijing_gwr_2026 and 002_51acc513f15262cb: quotes that are no count keep their bare name.
BARE = "推动“新两翼”联动发展。服务保障雄安新区建设。\n全面深化“放管服”改革，继续压减行政许可事项。\n"


def test_a_counting_slogan_keeps_the_head_of_its_practice() -> None:
    names = quoted_reforms(COUNTED)
    assert names.get("三北工程") == "三北工程" and "三北" not in names
    assert names.get("三教改革") == "三教改革"
    assert names.get("五子联动") == "五子联动"
    assert names.get("三旧改造") == "三旧改造"
    assert "几字弯" in names  # 攻坚战 is no head of a count's practice


def test_other_quotes_keep_their_bare_name() -> None:
    names = quoted_reforms(BARE)
    assert "新两翼" in names and "新两翼联动" not in names
    assert names.get("放管服") == "放管服"


def test_a_quote_with_its_lexicon_prefix_stands_over_the_model(tmp_path) -> None:
    """Dev 02_shenzhen_guangming_fazhi_2021: the model read 三项制度 alone inside 行政执法“三项制度”."""
    from tests.report_text import extract_text

    text = ("深圳市光明区2021年法治政府建设年度报告\n"
            "全面推广行政执法“双系统”应用，每季度开展案卷评查，抽查行政执法案件254宗，有效落实行政执法“三项制度”。\n")
    reforms = {e.name for e in extract_text(tmp_path, text, learned=True).entities if e.type == "Reform"}
    assert "行政执法三项制度" in reforms and "三项制度" not in reforms


# Real sentences of dev 07_jilin_gwr_2026 and 04_guowuyuan_dudu_dianxing_jingyan_2018, train 05_guangdong_gwr_2014 and
# 06_beijing_gwr_2026: a target reached, a way of working, counted gains, a satellite, a body counted, a sector, a
# problem, a formula of duty; and a work of art that wins a prize.
NOT_REFORMS = (
    "加强残疾人服务保障，对残疾儿童康复救助实现“应救尽救”。\n"
    "湖北省宜昌市“三措并举”推进化工产业转型升级。\n"
    "外贸实现规模、增速、质量“三提升”，外贸进出口总额增长。\n"
    "“吉林一号”组网卫星增至117颗。\n"
    "“天河二号”落户国家超算（广州）中心。\n"
    "完成新一轮村“两委”换届，夯实乡村治理基础。\n"
    "开发“谷子经济”“票根经济”，创新“互联网+社会服务”消费模式。\n"
    "坚决惩治群众身边“微腐败”。\n"
    "把握“国之大者”，不折不扣贯彻落实党中央决策部署。\n"
    "曲艺作品“冰湖腾鱼”荣获第20届群星奖。\n"
)


def test_values_targets_and_things_quoted_are_no_reform() -> None:
    from kg.nlp.rules.reforms import is_generic_reform

    names = quoted_reforms(NOT_REFORMS)
    assert set(names) == {"互联网+社会服务"}
    assert is_generic_reform("应纳尽纳") and is_generic_reform("加减并重") and is_generic_reform("五个必须")
    assert not is_generic_reform("一网通办") and not is_generic_reform("三北工程")


# Real sentences of train 06_beijing_gwr_2026, 002_51acc513f15262cb (监利市) and gxt_ab823e_1072, gxt_d0e927_1064, and
# dev 07_jilin_gwr_2026.
BRANDS = (
    "2021年法治政府工作情况报告\n监利市人民政府。扎实推进“法治监利”建设,法治政府建设取得新成效。\n"
    "参加首都义务植树活动，对美丽北京建设作出重要指示。\n"
    "构建多元化解矛盾纠纷工作机制，建设更高水平平安吉林。\n"
    "完善省级农业农村大数据中心，构建数字资源体系，大力发展智慧农业。开展智慧公路、智慧港口、智慧民航等新型基础设施建设试点。\n"
)


def test_a_places_brand_slogan_is_a_reform() -> None:
    from kg.nlp.rules.reforms import find_unquoted_reforms

    found = {BRANDS[c.start : c.end] for c in find_unquoted_reforms(BRANDS, load_lexicons())
             if c.rule == "reform.brand"}
    assert found == {"法治监利", "美丽北京", "平安吉林"}  # 资源 and 港口 name counties of other provinces


# Real sentences of train records 08_shaanxi_gwr_2026, jyt_42d2c4_1104 and 06_beijing_gwr_2026 (decisions §46): a
# quote before 企业 / 教师 labels a kind of firm or teacher, it names no practice.
LABELS = (
    "“五上”企业总数增长9％。\n"
    "以及提升职业学校关键办学能力、加强“双师型”教师队伍建设、建设开放型区域产教融合实践中心。\n"
    "每万人口高价值发明专利拥有量、国家级专精特新“小巨人”企业数量较2020年实现翻番。\n"
)


def test_a_quote_labelling_firms_or_teachers_is_no_reform() -> None:
    assert not set(quoted_reforms(LABELS)) & {"五上", "双师型", "小巨人"}
