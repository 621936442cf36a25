"""In a report the author implements every reform the report names (rules.yaml report_author_objects), also one
listed without a verb before it; a notice does not credit its author so."""

from __future__ import annotations

from pathlib import Path

from kg.relations import REPORT_AUTHOR_RULE
from tests.report_text import extract_text

# A real sentence of train record 01_shenzhen_longhua_fazhi_2019 (更新 is no verb that carries a reform out).
SENTENCE = ("依据省、市要求，组织、指导各行政执法单位更新本单位行政执法公示制度、重大行政执法决定法制审核制度、"
            "行政执法全过程记录制度，编制重大行政执法决定目录清单、行政执法全过程记录清单。\n")


def _author_implements(tmp_path: Path, title: str) -> set[str]:
    extraction = extract_text(tmp_path, title + SENTENCE)
    names = {e.key: e.name for e in extraction.entities}
    return {names[r.object] for r in extraction.relations
            if r.predicate == "implements" and r.subject == extraction.report.author
            and any(e.rule == REPORT_AUTHOR_RULE for e in r.evidence)}


def test_report_author_implements_the_reforms_it_names(tmp_path: Path) -> None:
    implemented = _author_implements(tmp_path, "深圳市龙华区人民政府2019年法治政府建设工作报告\n")
    assert "行政执法公示" in implemented or "行政执法公示制度" in implemented


def test_a_notice_does_not_credit_its_author_so(tmp_path: Path) -> None:
    assert not _author_implements(tmp_path, "深圳市龙华区人民政府关于加强行政执法监督工作的通知\n")
