"""In a report the author carries out what it lists, with verbs a directive's trigger list lacks and with a noun
naming the work right after the reform (rules.yaml implements.report_triggers, report_nouns_after); only in
reports, where the rules decide (elsewhere the learned layer reads the shared trigger list). Real sentences of
the work reports 08_shaanxi_gwr_2026 (train) and 07_jilin_gwr_2026 (dev)."""

from __future__ import annotations

from pathlib import Path

from tests.report_text import extract_text

SENTENCES = ("深度融入共建“一带一路”大格局，提升上合组织农业技术交流培训示范基地建设水平。"
             "学习运用“千万工程”经验，实施新一轮农村公路及村庄道路提升行动。"
             "10万套“保交楼”“保交房”任务如期完成。\n")


def _implemented(tmp_path: Path, text: str) -> set[str]:
    extraction = extract_text(tmp_path, text)
    names = {e.key: e.name for e in extraction.entities}
    return {names[r.object] for r in extraction.relations
            if r.predicate == "implements" and r.subject == extraction.report.author}


def test_a_report_s_author_implements_what_it_joins_uses_and_builds_on(tmp_path: Path) -> None:
    """融入“一带一路”, “千万工程”经验, “保交房”任务: the government acts (the annotators relate all three)."""
    found = _implemented(tmp_path, "2025年陕西省政府工作报告\n" + SENTENCES)
    assert {"一带一路", "千万工程", "保交房"} <= found


def test_the_report_words_do_not_act_outside_reports(tmp_path: Path) -> None:
    """The same sentences in a notice: the rules keep their own trigger list (the learned layer decides there)."""
    found = _implemented(tmp_path, "陕西省人民政府关于推动高质量发展的通知\n" + SENTENCES)
    assert not {"一带一路", "千万工程"} & found
