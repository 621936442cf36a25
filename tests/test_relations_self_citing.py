"""A document naming itself before the trigger cites in its own name (本报告依据《条例》编制): the report cites the
regulation, not its author (the reading of every annotated 政府信息公开工作年度报告)."""

from __future__ import annotations

from pathlib import Path

from tests.report_text import extract_text

# the opening of kjt_0439fb_0764 (Hebei science and technology department, 2016)
ANNUAL_REPORT = (
    "河北省科技厅2016年政府信息公开工作年度报告\n"
    "本报告依据《中华人民共和国政府信息公开条例》、《河北省实施<中华人民共和国政府信息公开条例>办法》以及"
    "《河北省科技厅政务公开管理办法》编制，由概述、主动公开政府信息情况、依申请公开政府信息情况构成。\n"
    "2016年，省科技厅坚持把政府信息公开工作摆上重要议事日程。按照《河北省科学技术厅关于进一步做好重要政策文件解读"
    "工作的通知》要求，及时解读政策。\n"
)


def _cites(tmp_path: Path) -> set[tuple[str, str]]:
    """The default pipeline's (the entity model reads 本报告 as the report's own title)."""
    extraction = extract_text(tmp_path, ANNUAL_REPORT, learned=True)
    names = {e.key: e.name for e in extraction.entities}
    return {(names[r.subject], names[r.object]) for r in extraction.relations if r.predicate == "cites"}


def test_report_naming_itself_cites_what_it_is_based_on(tmp_path: Path) -> None:
    cites = _cites(tmp_path)
    report = "河北省科技厅2016年政府信息公开工作年度报告"
    assert (report, "中华人民共和国政府信息公开条例") in cites
    assert (report, "河北省科技厅政务公开管理办法") in cites
    assert ("河北省科学技术厅", "中华人民共和国政府信息公开条例") not in cites
    # the next sentence names no document: the author acts
    assert ("河北省科学技术厅", "河北省科学技术厅关于进一步做好重要政策文件解读工作的通知") in cites


def test_a_notice_cites_in_its_own_name(tmp_path: Path) -> None:
    """按照《…的通知》安排 in a notice whose text names no author: the notice itself is the candidate subject the
    learned layer chooses (Hebei rst_07df62_0307, whole file)."""
    from kg.ingest import ingest
    from kg.nlp import load_pipeline
    from kg.pipeline import extract_document

    path = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "hebei" / "rst_07df62_0307.txt"
    extraction = extract_document(ingest(path), load_pipeline(learned=True))
    names = {e.key: e.name for e in extraction.entities}
    cites = {(names[r.subject], names[r.object]) for r in extraction.relations if r.predicate == "cites"}
    assert ("关于组织开展全民参保登记计划扩大试点地区申报工作的通知",
            "人力资源和社会保障部关于实施“全民参保登记计划”的通知") in cites


def test_a_rule_cites_the_basis_its_first_article_names() -> None:
    """Hebei jyt_e3d4a0_1109 re-publishes 校外培训行政处罚暂行办法: 第一条…根据《中华人民共和国行政处罚法》
    《中华人民共和国未成年人保护法》…等有关法律、行政法规，制定本办法 — the rule cites each (not only its author)."""
    from kg.ingest import ingest
    from kg.nlp import load_pipeline
    from kg.pipeline import extract_document

    path = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "hebei" / "jyt_e3d4a0_1109.txt"
    extraction = extract_document(ingest(path), load_pipeline(learned=True))
    names = {e.key: e.name for e in extraction.entities}
    cited = {names[r.object] for r in extraction.relations
             if r.predicate == "cites" and names[r.subject] == "校外培训行政处罚暂行办法"}
    assert {"中华人民共和国行政处罚法", "中华人民共和国未成年人保护法"} <= cited
