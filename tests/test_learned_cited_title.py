"""A reform named inside a document title the text names (《加快发展“大智移云”的指导意见》解读新闻发布会) is the cited
document's, not carried out by the body naming it: in directives, explanations, disclosure reports and rules the
learned relation layer scores its implements candidates but does not decide them (learned_cues.yaml ``cited_title``,
``cited_title_genres``); in a report the author carries out what it names by a title. Real text: a disclosure report
(train record gxt_11ea51_1084), a State Council opinion (train record kjt_12b8da_0730), a rule-of-law report (seed
003_800e7386b3b145c4, a train record)."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import ingest
from kg.model import Report
from kg.relations.learned import candidates, in_cited_title
from tests.report_text import named_ref

SHARED = Path(__file__).resolve().parents[2] / "shared"
HEBEI = SHARED / "corpus" / "hebei"


def test_a_reform_in_a_cited_title() -> None:
    """与省政府新闻办公室联合举办的《加快发展“大智移云”的指导意见》解读新闻发布会."""
    text = ingest(HEBEI / "gxt_11ea51_1084.txt").norm
    assert in_cited_title(text, named_ref(text, "大智移云", "Reform", "联合举办的"))


def test_a_reform_outside_a_title_is_read_as_before() -> None:
    """按照《中共中央国务院关于深化科技体制改革…的意见》 names it in a title; 经国家科技体制改革和创新体系建设领导
    小组审议 does not."""
    text = ingest(HEBEI / "kjt_12b8da_0730.txt").norm
    assert in_cited_title(text, named_ref(text, "科技体制改革", "Reform", "按照"))
    assert not in_cited_title(text, named_ref(text, "科技体制改革", "Reform", "经国家"))


def _author_pairs(path: Path, name: str, after: str, author: str) -> list:
    document = ingest(path)
    obj = named_ref(document.norm, name, "Reform", after)
    pairs = candidates(document, [obj], Report(author=author), [], {obj.key: "Reform", author: "Agency"})
    return [c for c in pairs if c.predicate == "implements"]


def test_cited_title_reform_is_overruled_in_a_disclosure_report() -> None:
    implements = _author_pairs(HEBEI / "gxt_11ea51_1084.txt", "大智移云", "联合举办的", "Agency/河北省工业和信息化厅")
    assert implements and all(c.overruled for c in implements)


def test_a_report_author_carries_out_what_its_title_names() -> None:
    """制定了《防城港市大数据和行政审批局行政执法公示制度》: the report's author does it (annotated)."""
    implements = _author_pairs(SHARED / "seeds" / "003_800e7386b3b145c4.txt", "行政执法公示", "制定了",
                               "Agency/防城港市大数据和行政审批局")
    assert implements and not any(c.overruled for c in implements)
