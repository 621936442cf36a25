"""A report's home counties by their short names (kg.nlp.rules.places._home_counties) and the regions and waters
of gazetteer/regions.tsv (docs/decisions.md §35)."""

from __future__ import annotations

from kg.nlp.rules import find_entities

# gxt_6c167d_1015 (train), the title and two sentences that name the home province, then the clusters' sentence
HEBEI = (
    "河北省县域特色产业集群数字化转型行动计划（2020-2022）\n"
    "根据《河北省数字经济发展规划（2020-2025）》部署要求，结合我省实际，制定本行动计划。"
    "推动联通河北省分公司、金蝶石家庄等服务机构和集群深度合作，共建“数字化诊所”。"
)
CLUSTERS = "支持泊头铸造、大城绝热节能材料等高能耗产业集群面向生产控制与优化、节能减排，运营高效灵活的适应性系统。"


def places(text: str) -> set[str]:
    return {text[c.start : c.end] for c in find_entities(text) if c.label == "Place"}


def test_home_counties_by_their_short_names() -> None:
    assert {"泊头", "大城"} <= places(HEBEI + CLUSTERS)


def test_no_home_no_short_county_names() -> None:
    """The same sentence with no province named around it: 泊头 and 大城 are counties of Hebei only by context."""
    assert not {"泊头", "大城"} & places(CLUSTERS)


def test_a_home_county_inside_a_word_is_not_one() -> None:
    """06_beijing_gwr_2026 (train): 红庙至平谷段 names 平谷区 after a boundary word; 扩大城乡 holds no 大城."""
    beijing = (
        "深化演艺之都建设，举办更多大型演出活动和市民系列文化活动，提升大戏看北京、北京大视听品牌影响力。"
        "实施北京城市副中心条例，完成市郊铁路副中心线北京西至良乡段整体提升工程。"
        "促进通勤圈一体发展，轨道交通22号线红庙至平谷段基本具备开通条件，做好跨界交通接驳。"
    )
    assert "平谷" in places(beijing)
    assert "大城" not in places(HEBEI + "努力扩大城乡规划专项资金使用范围。")


def test_regions_and_waters_of_the_regions_list() -> None:
    """08_shaanxi_gwr_2026 (train): a province's parts and its rivers (gazetteer/regions.tsv)."""
    sentence = ("加快推进西安都市圈同城化，西咸一体化基础设施“硬联通”和公共服务“软联通”同步提速，"
                "关中、陕北、陕南产业协同态势加快形成。")
    assert {"关中", "陕北", "陕南"} <= places(sentence)
    assert "无定河" in places("保持黄河干流Ⅱ类水质，开展渭河、无定河等环境治理提升。")


def test_a_region_inside_a_word_is_none() -> None:
    """kjt_2beaf9_0739 (train): 相关中央 holds no 关中."""
    sentence = "第十五条　科技部商相关中央级业务主管部门委托相关机构对项目预算进行评估或评审，提出预算安排建议。"
    assert "关中" not in places(sentence)


def test_a_place_opening_a_short_name_is_a_mention_of_its_own() -> None:
    """rst_326d3c_0012 (train): 河北 in the account “河北人社”, recorded as 河北省 (kg.nlp.rules.spans._place_of)."""
    assert "河北" in places("更多信息请关注官方微信“河北人社”")


def test_a_water_before_its_basin_after_any_verb() -> None:
    """07_jilin_gwr_2026 (dev): 巩固 is no boundary word, 流域 makes 辽河 a river's name (places.yaml
    named_followers)."""
    assert "辽河" in places("“一断面一策”治理饮马河流域，巩固辽河流域治理成效，全力推进查干湖治理保护。")


def test_the_national_parks() -> None:
    """07_jilin_gwr_2026 and 04_guowuyuan_dudu_dianxing_jingyan_2018 (dev): the national parks are places."""
    assert "东北虎豹国家公园" in places("Ⅴ类及以下水体保持清零。东北虎豹国家公园成为全国首批5个国家公园之一。")
    assert "三江源国家公园" in places("120.青海省创新生态保护体制机制，大力推进三江源国家公园体制试点。")


def test_a_short_name_across_a_words_parts_is_none() -> None:
    """07_jilin_gwr_2026 (dev): 医保定点 holds 保定 (places.yaml short_not_inside)."""
    sentence = "为1000家左右医保定点社区卫生服务中心、乡镇卫生院配备医保刷脸支付终端，实现基层全覆盖。"
    assert "保定" not in places(sentence)
