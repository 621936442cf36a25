"""Structural relations read from names: a body whose name opens with another body's name it is part of, central
bodies of three characters too (国务院办公厅 -> 国务院, 教育部办公厅 -> 教育部)."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import ingest
from kg.nlp import load_pipeline
from kg.pipeline import extract_document

HEBEI = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "hebei"


def test_a_central_office_is_part_of_its_body() -> None:
    """gxt_351a44_1078 (the industry department's 2023 disclosure report) names 国务院 and 国务院办公厅."""
    extraction = extract_document(ingest(HEBEI / "gxt_351a44_1078.txt"), load_pipeline(learned=True))
    names = {e.key: e.name for e in extraction.entities}
    parts = {(names[r.subject], names[r.object]) for r in extraction.relations if r.predicate == "subOrganizationOf"}
    assert ("国务院办公厅", "国务院") in parts
    assert ("国务院", "国务院办公厅") not in parts


def test_a_cited_title_names_the_ministries_offices_that_issued_it(tmp_path: Path) -> None:
    """Hebei jyt_9e7deb_1097: 根据《教育部办公厅财政部办公厅关于做好2024年银龄讲学计划有关实施工作的通知》 — the
    two general offices issued it (not the ministries), and each is part of its ministry's name."""
    from tests.report_text import extract_text

    text = ("河北省教育厅  河北省财政厅关于做好2024年银龄讲学计划有关实施工作的通知\n"
            "为贯彻落实乡村振兴战略，根据《教育部办公厅财政部办公厅关于做好2024年银龄讲学计划有关实施工作的通知》"
            "要求，现就有关事项通知如下。\n")
    extraction = extract_text(tmp_path, text, learned=True)
    names = {e.key: e.name for e in extraction.entities}
    issued = {(names[r.subject], names[r.object]) for r in extraction.relations if r.predicate == "issued"}
    cited = "教育部办公厅财政部办公厅关于做好2024年银龄讲学计划有关实施工作的通知"
    assert {("教育部办公厅", cited), ("财政部办公厅", cited)} <= issued
    assert ("教育部", cited) not in issued


def test_an_organisation_named_with_a_level_word_is_in_the_reports_place() -> None:
    """Hebei rst_a98cdd_0141 (河北省's plan): （省老龄办、省民政厅、省委组织部、省委宣传部、省总工会、团省委、
    省妇联等部门，各市政府负责） — 省总工会, named in full from the report's place as the annotators name it
    (河北省总工会, organization_abbreviations.tsv, decisions §56), is in 河北省 as the province's bodies are."""
    extraction = extract_document(ingest(HEBEI / "rst_a98cdd_0141.txt"), load_pipeline(learned=True))
    names = {e.key: e.name for e in extraction.entities}
    located = {(names[r.subject], names[r.object]) for r in extraction.relations if r.predicate == "locatedIn"}
    assert ("河北省总工会", "河北省") in located


def test_a_national_bodys_local_branch_is_in_the_place_its_name_holds() -> None:
    """Hebei gxt_67ca15_1022: （责任单位：国家税务总局河北省税务局、省财政厅） — the branch is in 河北省, written
    inside its name after the national body's; national bodies themselves get no locatedIn 中国 (SCHEMA)."""
    extraction = extract_document(ingest(HEBEI / "gxt_67ca15_1022.txt"), load_pipeline(learned=True))
    names = {e.key: e.name for e in extraction.entities}
    located = {(names[r.subject], names[r.object]) for r in extraction.relations if r.predicate == "locatedIn"}
    assert ("国家税务总局河北省税务局", "河北省") in located
    assert not {s for s, o in located if o == "中国"}


def test_an_office_named_from_its_bodys_short_spelling_is_part_of_it() -> None:
    """Hebei kjt_3bb47f_0762 (河北省科学技术厅's 2018 disclosure report): 请与河北省科技厅办公室联系 — the office is
    named from 河北省科技厅, the report's spelling of 河北省科学技术厅, and is part of it."""
    extraction = extract_document(ingest(HEBEI / "kjt_3bb47f_0762.txt"), load_pipeline(learned=True))
    names = {e.key: e.name for e in extraction.entities}
    parts = {(names[r.subject], names[r.object]) for r in extraction.relations if r.predicate == "subOrganizationOf"}
    assert ("河北省科技厅办公室", "河北省科学技术厅") in parts


def test_a_body_set_up_by_another_is_part_of_it(tmp_path: Path) -> None:
    """Hebei szf_f21fb5_0637 and kjt_36f0a7_0751: 省政府成立河北省环保专项整治行动领导小组; 科学技术部成立科研诚信建设
    办公室 — the founding verb alone between the two names (rules.yaml founding)."""
    from tests.report_text import extract_text

    text = ("河北省人民政府办公厅关于印发河北省环保专项整治行动方案的通知\n"
            "（一）切实加强组织领导，制定行动方案。省政府成立河北省环保专项整治行动领导小组，柳宝全副省长任组长。\n"
            "科学技术部负责查处影响重大的科研不端行为。科学技术部成立科研诚信建设办公室（以下称办公室），"
            "负责科研诚信建设的日常工作。\n")
    extraction = extract_text(tmp_path, text, learned=True)
    names = {e.key: e.name for e in extraction.entities}
    parts = {(names[r.subject], names[r.object]) for r in extraction.relations if r.predicate == "subOrganizationOf"}
    assert ("河北省环保专项整治行动领导小组", "河北省人民政府") in parts
    assert ("科研诚信建设办公室", "科学技术部") in parts


def test_a_part_named_from_its_bodys_other_full_spelling() -> None:
    """Hebei rst_6bbe13_0318: 人力资源社会保障部基金监督司, named from 人力资源社会保障部, the report's spelling of
    人力资源和社会保障部 (a full name, not a place's), is part of it."""
    extraction = extract_document(ingest(HEBEI / "rst_6bbe13_0318.txt"), load_pipeline(learned=True))
    names = {e.key: e.name for e in extraction.entities}
    parts = {(names[r.subject], names[r.object]) for r in extraction.relations if r.predicate == "subOrganizationOf"}
    assert ("人力资源社会保障部基金监督司", "人力资源和社会保障部") in parts
