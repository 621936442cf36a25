"""Laws named by their short name (宪法, 保密法, 《民法典》) resolve to one entity under the official title, whether
written with or without brackets, in Simplified or Traditional."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import ingest
from kg.nlp.pipeline import load_pipeline
from kg.nlp.rules.titles import title_type
from kg.pipeline import extract_document


def laws_in(tmp_path: Path, text: str) -> dict[str, set[str]]:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    extraction = extract_document(ingest(path))
    return {
        e.name: {m.text for m in e.mentions} for e in extraction.entities if e.type == "Law"
    }


def rule_documents_in(tmp_path: Path, text: str) -> set[str]:
    """The PolicyDocument names the rules alone find in ``text``."""
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return {e.name for e in extract_document(ingest(path), load_pipeline(learned=False)).entities
            if e.type == "PolicyDocument"}


def test_short_and_bracketed_names_are_one_law(tmp_path: Path) -> None:
    text = "我局组织学习《宪法》。三是加大宪法宣传教育力度。开展保密法学习,严格遵守《保守国家秘密法》。"
    laws = laws_in(tmp_path, text)
    assert laws["中华人民共和国宪法"] == {"宪法"}
    assert laws["中华人民共和国保守国家秘密法"] == {"保密法", "保守国家秘密法"}
    assert set(laws) == {"中华人民共和国宪法", "中华人民共和国保守国家秘密法"}


def test_traditional_short_name_resolves_to_the_simplified_title(tmp_path: Path) -> None:
    laws = laws_in(tmp_path, "我局組織幹部學習新修訂的行政處罰法,加大憲法宣傳力度。")
    assert laws == {"中华人民共和国行政处罚法": {"行政處罰法"}, "中华人民共和国宪法": {"憲法"}}



def test_the_legislation_law_decides_party_regulations_whoever_finds_them(tmp_path: Path) -> None:
    """A sentence of a Hebei science-department page (kjt_1e9068_0667), read by the default pipeline: a Party
    regulation is no Law whatever its ending (the entity model had learned 条例 as a Law's)."""
    text = ("科研失信行为调查处理规则\n被处理人是党员或公职人员的，还应根据《中国共产党纪律处分条例》"
            "《中华人民共和国公职人员政务处分法》等规定，由有管辖权的机构给予处理。\n")
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    types = {e.name: e.type for e in extract_document(ingest(path)).entities}
    assert types["中国共产党纪律处分条例"] == "PolicyDocument"
    assert types["中华人民共和国公职人员政务处分法"] == "Law"


@pytest.mark.parametrize(("title", "expected"), [
    ("国务院关于修改〈国家科学技术奖励条例〉的决定", "Law"),  # kjt_4c4a9e_0859's title
    ("人力资源社会保障部关于修改部分规章的决定", "Law"),  # rst_feddcf_0284
    ("政协河北省委员会提案工作条例", "PolicyDocument"),  # szf_767cdd_0599
    ("国务院关于加快发展人力资源服务业的意见", "PolicyDocument"),
])
def test_a_titles_type_by_the_legislation_law(title: str, expected: str) -> None:
    assert title_type(title)[0] == expected


@pytest.mark.parametrize(("first_lines", "title", "label"), [
    # szf_1fff32_0486, a provincial government rule as its page gives it
    ("河北省机关事业单位工资基金管理规定\n为加强机关、事业单位的工资基金管理，依照国家有关规定，结合本省实际，制定本规定。\n",
     "河北省机关事业单位工资基金管理规定", "Law"),
    # szf_03bc46_0630, a reply of the provincial government's office
    ("河北省人民政府办公厅关于沧州市交通枢纽工程收费项目有关问题的复函\n沧州市人民政府：\n",
     "河北省人民政府办公厅关于沧州市交通枢纽工程收费项目有关问题的复函", "PolicyDocument"),
    # kjt_f05078_0945: the number after the title is no part of it
    ("河北省软科学研究计划项目管理办法（冀科政﹝2013﹞12号)\n河北省科学技术厅关于印发《河北省软科学研究计划项目管理办法》的通知\n",
     "河北省软科学研究计划项目管理办法", None),
])
def test_the_documents_own_title_on_its_first_line(tmp_path: Path, first_lines: str, title: str,
                                                  label: str | None) -> None:
    """A page whose first line is its own title without brackets names that document (SCHEMA: the document's own
    title is a document of its author), by the rules alone."""
    path = tmp_path / "page.txt"
    path.write_text(first_lines, encoding="utf-8")
    extraction = extract_document(ingest(path), load_pipeline(learned=False))
    documents = {e.name: e.type for e in extraction.entities if e.type in ("Law", "PolicyDocument")}
    assert title in documents
    assert label is None or documents[title] == label
    assert not [name for name in documents if name.endswith("号)")]


def test_two_documents_named_in_one_run_after_the_verb(tmp_path: Path) -> None:
    """../shared/corpus 02 (光明区's 2021 report): 制定光明区法治政府建设重点工作方案和法治政府考核评分细则 names two
    documents; seed 000's 下发做好国家工作人员学法和考法工作的通知 names one (学法 is no document's type)."""
    text = ("深圳市光明区2021年法治政府建设年度报告\n区委全面依法治区委员会工作会议等，专题研究制定光明区法治政府建设"
            "重点工作方案和法治政府考核评分细则，明确了责任单位。下发做好国家工作人员学法和考法工作的通知。\n")
    documents = rule_documents_in(tmp_path, text)
    assert {"光明区法治政府建设重点工作方案", "法治政府考核评分细则"} <= documents
    assert "做好国家工作人员学法和考法工作的通知" in documents
    assert not [name for name in documents if name.endswith("学法")]


def test_laws_outside_the_rule_of_law_sector_named_without_brackets(tmp_path: Path) -> None:
    """Sentences of Hebei science-department pages (kjt_1a6c7e_0709, kjt_992bca_0702, kjt_4a078c_0713, not
    annotated): national laws and regulations a plan names without brackets, under the official title, a short
    name (科技成果转化法) included (national_laws.tsv, the additions of decisions §42)."""
    text = (
        "健全绩效评价和奖励机制。深入落实促进科技成果转化法，完善单位内部科技成果转化中对科研人员进行现金和股权、"
        "期权奖励办法。离岗创业期间违反事业单位工作人员管理相关规定的，按照事业单位人事管理条例等相关政策法规处理。"
        "高校科技人员面向企业开展技术开发、技术咨询、技术服务、技术培训等横向合作活动，是高校科技成果转化的重要形式，"
        "其管理应依据合同法和科技成果转化法。"
    )
    laws = laws_in(tmp_path, text)
    assert laws["中华人民共和国促进科技成果转化法"] == {"促进科技成果转化法", "科技成果转化法"}
    assert {"事业单位人事管理条例", "中华人民共和国合同法"} <= set(laws)


def test_a_document_named_without_brackets_after_a_citing_verb(tmp_path: Path) -> None:
    """../shared/corpus 08 (Shaanxi's 2026 work report): 落实好妇女儿童发展十年规划 names a plan the government
    applies; seed 004's title 关于印发<益阳市贯彻落实法治政府建设实施纲要(2015-2020年)的实施方案>的通知 holds the
    same verb inside a bracketed title, where the bracketed names stand (no 法治政府建设实施纲要 cut short)."""
    text = ("陕西省人民政府工作报告\n完善空巢老人、困境儿童、残疾人关爱服务体系，落实好妇女儿童发展十年规划。"
            "《中共益阳市委益阳市人民政府关于印发<益阳市贯彻落实法治政府建设实施纲要(2015-2020年)的实施方案>的通知》\n")
    documents = rule_documents_in(tmp_path, text)
    assert "妇女儿童发展十年规划" in documents
    assert "法治政府建设实施纲要" not in documents
