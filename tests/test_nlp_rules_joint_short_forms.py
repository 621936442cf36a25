"""National bodies by the short forms joint documents list them by (发展改革委, 国资委, 工商总局, 国务院扶贫办,
银保监会, 外汇局), not a city's commission in a notice's addressees (kg.nlp.rules.agencies; central_bodies.tsv and
national_bodies.tsv aliases, agencies.yaml central_not_followed_by; docs/decisions.md §48)."""

from __future__ import annotations

import pytest

from kg.nlp.rules import find_entities


def central(text: str) -> dict[str, str]:
    return {text[c.start : c.end]: c.kb_id for c in find_entities(text) if c.rule == "agency.central"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # rst_58e65a_0287 (train)
        ("单位调整为人力资源社会保障部、发展改革委、公安部、司法部、财政部、住房城乡建设部、交通运输部、水利部、人民银行、"
         "国资委、工商总局、全国总工会，形成治理欠薪工作合力。",
         {"发展改革委": "国家发展和改革委员会", "国资委": "国务院国有资产监督管理委员会",
          "工商总局": "国家工商行政管理总局"}),
        # rst_a5b128_0015 (train)
        ("（人力资源社会保障部、农业农村部、国务院扶贫办等按职责分工负责）",
         {"国务院扶贫办": "国务院扶贫开发领导小组办公室"}),
        # jyt_254d33_1173 (train)
        ("按《中国人民银行财政部银保监会证监会外汇局关于进一步强化金融支持防控新型冠状病毒感染肺炎疫情的通知》",
         {"银保监会": "中国银行保险监督管理委员会", "外汇局": "国家外汇管理局"}),
    ],
)
def test_joint_documents_short_forms(sentence: str, expected: dict[str, str]) -> None:
    found = central(sentence)
    assert {k: found.get(k) for k in expected} == expected


def test_a_notices_addressees_are_every_citys_commission() -> None:
    """jyt_105614_1101 (train): 发展改革委（局） among the cities' departments is none of the State Council's."""
    assert "发展改革委" not in central("各市（含定州、辛集市）教育局、发展改革委（局）、财政局、市场监管局")
