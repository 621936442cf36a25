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
