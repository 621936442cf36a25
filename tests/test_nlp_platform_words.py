"""A platform's name does not begin inside a word, a verb that governs a platform ends the text before it, and a
longer head names a system even after 全国 (docs/decisions.md §53). Sentences from the train records."""

from __future__ import annotations

import pytest

from kg.ingest.fold import fold
from kg.nlp.rules import find_entities


def platforms(sentence: str) -> set[str]:
    norm = fold(sentence)
    return {sentence[c.start : c.end] for c in find_entities(norm) if c.label == "Platform"}


@pytest.mark.parametrize(
    ("sentence", "platform", "cut"),
    [
        # 用 of 用工, 考 of 考试院, 学 of 学生, 经 of 经营 open words: no name edge after them (rst_52373a_0209,
        # jyt_e435c4_1250, jyt_7b24aa_1153, rst_8b5bd5_0139)
        ("集体协商指导员等各方力量，依托劳动用工备案系统、劳动保障监察举报投诉", "劳动用工备案系统", "工备案系统"),
        ("考生须持从河北省教育考试院网站(http://www.hebeea.edu.cn)打印的", "河北省教育考试院网站", "试院网站"),
        ("如需要了解更多资助政策，请关注河北省学生资助微信公众号。", "河北省学生资助微信公众号", "生资助微信公众号"),
        ("加快快递业务经营许可管理信息系统应用", "快递业务经营许可管理信息系统", "营许可管理信息系统"),
        # a long platform head after 全国 names a system, not the line of bodies across the country (jyt_d3325b_1100)
        (
            "各级教育行政部门要充分利用全国中小学生学籍信息管理系统加强日常监管",
            "全国中小学生学籍信息管理系统",
            "籍信息管理系统",
        ),
    ],
)
def test_a_platform_name_begins_at_a_word(sentence: str, platform: str, cut: str) -> None:
    found = platforms(sentence)
    assert platform in found
    assert cut not in found


@pytest.mark.parametrize(
    ("sentence", "platform"),
    [
        ("各级环保部门要畅通12369环保热线电话，加大举报奖励", "12369环保热线"),  # szf_f21fb5_0637
        ("基本药物制度巩固完善，建成药品第三方交易平台，38个县", "药品第三方交易平台"),  # 05_guangdong_gwr_2014
        ("参照中国政府网和省政府网“政府信息公开专栏”", "中国政府网"),  # rst_5470c7_0386
        ("将入库企业名单全部导入省金融服务平台，应用大数据", "省金融服务平台"),  # gxt_e9a7e9_1063
    ],
)
def test_a_verb_that_governs_a_platform_ends_the_text_before_it(sentence: str, platform: str) -> None:
    found = platforms(sentence)
    assert platform in found
    assert not {name for name in found if name != platform and name.endswith(platform)}


@pytest.mark.parametrize(
    "sentence",
    [
        # 和 joins two things though 和服 is a word (06_beijing_gwr_2026)
        "占全部企业超两成，为服务包企业和服务热线拨打企业提供服务",
        # a range of levels names a class of systems (jyt_ee5fa1_1114)
        "对教育领域国家部委未制定的、省以下教育系统的行政裁量权进行了全面梳理",
    ],
)
def test_a_list_or_a_range_of_levels_names_no_platform(sentence: str) -> None:
    assert not {name for name in platforms(sentence) if len(name) > 6}


@pytest.mark.parametrize(
    ("sentence", "site"),
    [
        ("电子版相关材料请在河北德育网下载。", "河北德育网"),  # jyt_bbc895_1206
        ("应征报名的高校学生登录全国征兵网，按要求申请学费补偿", "全国征兵网"),  # jyt_7b24aa_1153
        ("在河北公共招聘网强化银发经济行业企业", "河北公共招聘网"),  # rst_9c2422_0020
    ],
)
def test_a_site_named_after_its_place(sentence: str, site: str) -> None:
    assert site in platforms(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "在河北新闻网、长城网等知名媒体开",  # a news site is a medium (rst_ac3c1e_0388)
        "推动我省工业互联网创新发展",  # a network (gxt_991bba_1019)
        "应当按照《河北省城市地下管网条例》的规定",  # szf_cf3947_0478
        "河北雄安新区智能网联汽车管理条例",  # 网联 is a word (szf_b1bf39_0593)
    ],
)
def test_a_network_or_a_news_site_is_no_place_site(sentence: str) -> None:
    assert not {name for name in platforms(sentence) if name.endswith("网")}


@pytest.mark.parametrize(
    ("sentence", "platform", "reform"),
    [
        # a quoted brand, words of what it does and a platform's head are one platform; the quoted practice stays a
        # reform (kjt_aefad8_0900, 08_shaanxi_gwr_2026, jyt_2cd748_1258, gxt_93a4c0_1081)
        ("加快建设全省“两法衔接”信息共享平台，与行政执法部门", "“两法衔接”信息共享平台", "两法衔接"),
        ("建成全省“一张网”公共资源交易平台，上线运行", "“一张网”公共资源交易平台", "一张网"),
        ("从省教育考试院门户网站下载安装“掌上考试院”手机APP或注册登录", "“掌上考试院”手机APP", None),
        ("“河北工信”政务微博发布信息600余条", "“河北工信”政务微博", None),
    ],
)
def test_a_quoted_brand_with_a_platform_head_after_it(sentence: str, platform: str, reform: str | None) -> None:
    spans = {(sentence[c.start : c.end], c.label) for c in find_entities(fold(sentence))}
    assert (platform, "Platform") in spans
    if reform:
        assert (reform, "Reform") in spans


@pytest.mark.parametrize(
    "sentence",
    [
        "以及“万村千乡”“美丽乡村”等平台开展快递",  # 等 ends a list of quoted things (rst_8b5bd5_0139)
        "推动“领跑者”企业上云上平台，提升数",  # 上 is a verb (kjt_8fde21_0874)
    ],
)
def test_a_list_or_a_verb_after_a_quote_makes_no_branded_platform(sentence: str) -> None:
    assert not {name for name in platforms(sentence) if "”等" in name or "”企业" in name}


def test_a_name_edge_does_not_split_a_noun_the_boundary_ends() -> None:
    # 商用 is a noun: its 用 opens no name (kjt_90f55f_0864); 交到 is a verb: its 到 still does (kjt_06cee2_0868)
    assert "商用密码监督管理信息平台" in platforms("，建立统一的商用密码监督管理信息平台，推进事中事后监")
    found = platforms("并将科技成果和相关知识产权信息汇交到科技成果信息系统。")
    assert not {name for name in found if "交到" in name}


def test_a_government_cloud_named_after_its_level_or_place() -> None:
    # gxt_d0e927_1064 and 003_800e7386b3b145c4 (Traditional); levels counted together name no one cloud
    assert "省政务云" in platforms("备规模效应的部门数据中心逐步向省政务云迁移。")
    assert "防城港政務云" in platforms("并優于等級保護3級建設標準建成防城港政務云,資源池")
    assert not {name for name in platforms("力提升工程。建设完善省、市两级政务云平台，按") if "两级" in name}



def test_a_store_of_records_is_a_platform_when_named_for_the_nation() -> None:
    """Decisions §74: 国家/全国/中央…库 is recorded every time in train; a province's or a body's never."""
    # kjt_12b8da_0730, kjt_f780d0_0727
    assert "中央财政科研项目数据库" in platforms("在2014年底前基本建成中央财政科研项目数据库；2015年底前基本")
    assert "国家科技项目评审专家库" in platforms("项目评审专家应当从国家科技项目评审专家库中选取。")
    # a kind of resource a plan asks for (gxt_e9a7e9_1063, kjt_95533d_0935)
    for sentence in ("完善省级上市后备企业资源库入库标准，适时组织各",
                     "第二十条省科技厅建立项目库，立项项目从项目库中"):
        assert not {p for p in platforms(sentence) if p.endswith("库")}


def test_a_platform_a_task_builds_is_named_before_its_building() -> None:
    """Decisions §74: <推进/推动/加快/启动/加强> <name> 建设 names the system a government builds; a policy that
    supports firms' building (支持…平台建设) names a kind."""
    # gxt_bbf35e_1006, gxt_ab823e_1072
    assert "市场准入效能评估信息化平台" in platforms("开展市场准入效能评估；推进市场准入效能评估信息化平台建设，建立市")
    assert "省社会保障大数据平台" in platforms("“大数据+”社会保障。推动省社会保障大数据平台建设，建立业")
    # gxt_ca7220_1052
    assert not platforms("（一）支持企业级工业互联网平台建设。")
