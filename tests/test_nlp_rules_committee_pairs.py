"""A level's party committee written with its government (省委、省政府) is a body after a verb too; standing bodies
of several departments (部际联席会议, 部际协调小组)
(kg.nlp.rules.agencies, agencies.yaml abbreviation_pair; docs/decisions.md §48)."""

from __future__ import annotations

import pytest

from tests.report_text import rule_spans


def agencies(text: str) -> set[str]:
    return rule_spans(text, "Agency")


@pytest.mark.parametrize(
    "sentence",
    [
        # jyt_a0bfde_1132 (train)
        "《方案》一方面充分体现省委、省政府对城乡规划人才培养的指示要求",
        # jyt_dee7cf_1094 (train)
        "做到积极稳妥，及时准确，公开、公正、便民。结合省委、省政府有关文件要求，严格按照机关标准化",
    ],
)
def test_committee_with_its_government(sentence: str) -> None:
    assert {"省委", "省政府"} <= agencies(sentence)


def test_a_committee_alone_after_a_verb_still_needs_its_edge() -> None:
    assert "省委" not in agencies("体现省委对城乡规划人才培养的指示要求")
    assert not agencies("接受外省委托")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # rst_24cc7f_0273 (train)
        ("做好本地区本部门政务诚信建设工作。充分发挥社会信用体系建设部际联席会议作用，协调解决政务诚信建设中的重大问题",
         "社会信用体系建设部际联席会议"),
        # kjt_d2fd49_0670 (train)
        ("1.加强组织保障。依托国家技术创新工程部际协调小组加强统筹协调，会同有关部门、地方积极落实相关任务",
         "国家技术创新工程部际协调小组"),
    ],
)
def test_standing_bodies_of_several_departments(sentence: str, expected: str) -> None:
    """Joint conferences and coordination groups named by their task (agency_heads.tsv, decisions §48)."""
    assert expected in agencies(sentence)


def test_a_joint_meeting_held_is_no_body() -> None:
    """rst_6bbe13_0318 (train): 召开联席会议 holds a meeting."""
    sentence = "一是建立联席会议制度。通过定期召开联席会议，互通社会保险欺诈案件查处以及行政执法与刑事司法衔接工作情况"
    assert not agencies(sentence)
