"""Organisations by the names reports write them with (ner/organizations.tsv, kg.nlp.rules.platforms._listed;
docs/decisions.md §35)."""

from __future__ import annotations

from pathlib import Path

from kg.goldjson import to_gold_schema
from kg.nlp.rules import find_entities
from tests.report_text import extract_text


def organizations(text: str) -> set[str]:
    return {text[c.start : c.end] for c in find_entities(text) if c.label == "Organization"}


def test_firms_by_their_short_names() -> None:
    # gxt_ab823e_1072 and gxt_d0e927_1064 (train); 阿里 (阿里地区) and 浪潮 (a wave) are left out
    assert {"华为", "腾讯"} <= organizations("落实与华为、阿里、腾讯、浪潮等签署的战略合作协议；")
    sentence = ("建设张家口数据中心集群，推动中国电信怀来智慧云基地、中国联通算力高效调度示范、"
                "中国移动京津冀（张家口）数据中心等重点项目建设，形成强大算力规模。")
    assert {"中国电信", "中国联通", "中国移动"} <= organizations(sentence)


def test_a_listed_name_inside_a_word_is_none() -> None:
    assert not organizations("统筹全国能源安全")  # 国能 inside 全国能源


def test_a_peoples_organisation_is_named_in_full(tmp_path: Path) -> None:
    """rst_58e65a_0287 (train): 全国总工会 is recorded as 中华全国总工会."""
    text = ("关于进一步做好解决企业工资拖欠问题工作的通知\n"
            "联席会议成员单位调整为人力资源社会保障部、发展改革委、公安部、司法部、财政部、住房城乡建设部、交通运输部、"
            "水利部、人民银行、国资委、工商总局、全国总工会，形成治理欠薪工作合力。\n")
    gold = to_gold_schema(extract_text(tmp_path, text, learned=False))
    assert "中华全国总工会" in {e["name"] for e in gold["entities"] if e["type"] == "Organization"}


def test_energy_groups_by_the_short_names_of_their_projects() -> None:
    """07_jilin_gwr_2026 (dev): firm + place pairs name a work report's projects."""
    sentence = "国电投大安、上海电气洮南、中能建松原等一批“绿电氢氨醇”标志性项目建成投产，总产能全国领先。"
    assert {"国电投", "上海电气", "中能建"} <= organizations(sentence)


def test_a_long_listed_name_after_any_verb() -> None:
    """07_jilin_gwr_2026 (dev): 获 is no boundary word; a four-character name needs none."""
    assert "联合国教科文组织" in organizations("长白山获联合国教科文组织批准列入世界地质公园网络名录。")
    # gxt_62086f_1046 (train): a three-character one still does (联合 + 国家)
    assert "联合国" not in organizations("组织引导龙头企业联合国家和省级创新平台及知名高校和科研机构")


def test_media_and_state_funds() -> None:
    """rst_b357c4_0384 and kjt_6935da_0714 (train): 央视 is recorded as 中央电视台; a state fund is a body."""
    assert "央视" in organizations("新媒体和网络媒体发稿4.5万余篇。央视22次对社保卡居民服务“一卡通”进行报道")
    sentence = "以技术入股形成的国有股在企业上市时豁免向全国社会保障基金转持的有关政策。"
    assert "全国社会保障基金" in organizations(sentence)


def test_a_hospital_is_no_organisation() -> None:
    """06_beijing_gwr_2026 (train): a hospital is a public institution (Agency, SCHEMA), never a firm."""
    sentence = "优化医疗卫生资源布局，首儿所通州院区基本完工，市疾控中心新址建成投用，加快安定医院选址建设。"
    assert not organizations(sentence)
