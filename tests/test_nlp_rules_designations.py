"""Departments named by their function, as laws and rules write them (省人民政府科学技术行政部门, 国家密码管理部门):
found by kg.nlp.rules.agencies (agencies.yaml designation_*), named by the department that holds the function
(designated_departments.tsv), part of the government written in them (rules.yaml written_parent_heads).
docs/decisions.md §48."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.nlp.rules.agencies import standard_agency_name
from tests.report_text import rule_spans


def agencies(text: str) -> set[str]:
    return rule_spans(text, "Agency")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # kjt_33fb4d_0942 (train): the government written in it is its parent, nested
        ("第三条技术合同认定登记机构由省人民政府科学技术行政部门确认并在其官网予以公告。",
         {"省人民政府科学技术行政部门", "省人民政府"}),
        # szf_c3d4a7_0461 (train): a level and a city; 市场监督管理 after the city, not 场监督管理 after 市
        ("第24届冬季奥林匹克运动会举办期间，省市场监督管理部门和张家口市市场监督管理部门应当安排工作人员进驻张家口赛区",
         {"省市场监督管理部门", "张家口市市场监督管理部门"}),
        # kjt_9dfa9c_0820 (train)
        ("三是确定科学技术突出贡献奖的奖金数额由省科学技术行政部门会同省财政部门提出意见，报省人民政府审定。",
         {"省科学技术行政部门", "省财政部门"}),
        # kjt_90f55f_0864 (train): a national designation, any function
        ("第五条\u3000国家密码管理部门负责管理全国的密码工作。", {"国家密码管理部门"}),
    ],
)
def test_designated_departments(sentence: str, expected: set[str]) -> None:
    assert expected <= agencies(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # szf_c3d4a7_0461 (train): every level's department, no one of them
        "县级以上人民政府市场监督管理部门负责本行政区域内的奥林匹克标志保护工作，依法查处侵犯奥林匹克标志专有权的行为。",
        "市、县人民政府财政部门应当",
        # 01_shenzhen_longhua_fazhi_2019 (train): 执法 is held by no one department
        "多次组织区执法部门领导及执法人员参加培训",
        # szf_c3d4a7_0461 (train): 地区 ends a word
        "省人民政府市场监督管理部门应当推进与北京等周边地区市场监督管理部门建立奥林匹克标志保护协作机制",
    ],
)
def test_no_one_department(sentence: str) -> None:
    assert not {a for a in agencies(sentence) if a.endswith("部门") and not a.startswith("省人民政府")}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("河北省人民政府科学技术行政部门", "河北省科学技术厅"),
        ("河北省财政行政主管部门", "河北省财政厅"),
        ("河北省住房城乡建设主管部门", "河北省住房和城乡建设厅"),
        ("张家口市市场监督管理部门", "张家口市市场监督管理局"),
        ("国务院科学技术行政部门", "国务院科学技术行政部门"),  # national: as written
        ("河北省人民政府测绘行政主管部门", "河北省人民政府测绘行政主管部门"),  # no one department's function
    ],
)
def test_designation_named_by_its_department(name: str, expected: str) -> None:
    assert standard_agency_name(name) == expected


def test_a_designation_is_part_of_the_government_written_in_it(tmp_path: Path) -> None:
    """kjt_33fb4d_0942 (train): 省人民政府科学技术行政部门 is 河北省科学技术厅, part of 河北省人民政府."""
    from tests.report_text import extract_text

    text = ("河北省技术合同认定登记机构确认及绩效评价办法\n"
            "第三条技术合同认定登记机构由省人民政府科学技术行政部门确认并在其官网予以公告。\n")
    extraction = extract_text(tmp_path, text, learned=True)
    names = {e.key: e.name for e in extraction.entities}
    parts = {(names[r.subject], names[r.object]) for r in extraction.relations if r.predicate == "subOrganizationOf"}
    assert "河北省科学技术厅" in names.values()
    assert ("河北省科学技术厅", "河北省人民政府") in parts
