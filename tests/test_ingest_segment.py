"""Sections (levels, headings, spans, status) and sentences on the seed reports."""

from __future__ import annotations

from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest

from kg.ingest import ingest
from kg.model import Document

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@cache
def seed(stem: str) -> Document:
    return ingest(next(SEEDS.glob(f"{stem}_*.txt")))


TOP_LEVEL = {
    "000": [("一、2021年工作总结", "achieved"), ("二、2022年工作思路", "planned")],
    "001": [
        ("一、2024年度推進法治政府建設的主要舉措和成效", "achieved"),
        ("二、存在的不足和原因", "problem"),
        ("三、2024年度黨政主要負責人履行推進法治建設第一責任人職責,加強法治政府建設的有關情況", "achieved"),
        ("四、2025年度推進法治政府建設的主要安排", "planned"),
    ],
    "002": [
        ("一、法治政府建设基本情况", "achieved"),
        ("二、存在的困难和问题", "problem"),
        ("三、下一步工作打算和建议", "planned"),
    ],
    "003": [
        ("一、法治建設工作主要舉措和成效", "achieved"),
        ("二、存在問題", "problem"),
        ("三、2022年工作計劃", "planned"),
    ],
    "004": [
        ("一、工作举措", "achieved"),
        ("二、工作成效", "achieved"),
        ("三、存在问题和短板", "problem"),
        ("四、下一步工作打算", "planned"),
    ],
}


@pytest.mark.parametrize("stem", sorted(TOP_LEVEL))
def test_ingest_segment_top_level_headings_and_status(stem: str) -> None:
    doc = seed(stem)
    assert [(s.heading, s.status) for s in doc.sections if s.level == 1] == TOP_LEVEL[stem]


@pytest.mark.parametrize("stem", sorted(TOP_LEVEL))
def test_ingest_segment_children_inherit_status(stem: str) -> None:
    doc = seed(stem)
    tops = [s for s in doc.sections if s.level == 1]
    for sec in doc.sections:
        parent = next(t for t in tops if t.start <= sec.start < t.end)
        assert sec.status == parent.status, sec.heading


def test_ingest_segment_second_level_headings_seed_000() -> None:
    doc = seed("000")
    assert [s.heading for s in doc.sections if s.level == 2] == [
        "(一)抓组织领导,细化分解普法责任",
        "(二)抓宣传教育,确保知法、守法、用法",
        "(三)抓行政效能,多方面推进依法行政",
        "(一)进一步做好普法宣传教育",
        "(二)进一步推进“互联网+政务服务”",
        "(三)进一步优化基层政务服务",
        "(四)进一步落实重大行政决策机制",
    ]


def test_ingest_segment_third_level_under_second_seed_001() -> None:
    doc = seed("001")
    first = next(s for s in doc.sections if s.heading == "(一)壓實主體責任,推進法治政府建設工作")
    inside = [s.heading for s in doc.sections if s.level == 3 and first.start < s.start < first.end]
    assert inside == ["1.健全工作領導小組", "2.營造濃厚法治氛圍"]


@pytest.mark.parametrize(
    "heading", ["1全面落实普法常态化", "2、稳步推进法律六进工作", "3大力推动法治文化阵地建设"],
)
def test_ingest_segment_numbers_without_dot_seed_002(heading: str) -> None:
    doc = seed("002")
    assert heading in [s.heading for s in doc.sections if s.level == 3]


def test_ingest_segment_year_at_line_start_is_no_heading() -> None:
    doc = seed("002")
    assert not any(s.heading.startswith("2021年") for s in doc.sections)


def test_ingest_segment_inline_enumeration_seed_000() -> None:
    doc = seed("000")
    parent = next(s for s in doc.sections if s.heading.startswith("(二)抓宣传教育"))
    items = [s for s in doc.sections if s.level == 4 and parent.start < s.start < parent.end]
    assert [s.heading for s in items] == [
        "一是深入基层开展志愿者宣传活动",
        "二是抓住重要时间节点开展集中宣传",
        "三是扎实开展学法考法和培训",
        "四是创新开展法律知识竞赛活动",
        "五是大力开展正反典型宣传活动",
        "六是落实完善监督管理机制",
    ]
    for item, following in pairwise(items):
        assert item.end <= following.start
        assert doc.text[item.start:item.heading_end] == item.heading
    assert items[-1].end == parent.end


def test_ingest_segment_section_spans_nest() -> None:
    doc = seed("004")
    tops = [s for s in doc.sections if s.level == 1]
    for first, second in pairwise(tops):
        assert first.end <= second.start
        assert doc.text[first.end:second.start].strip() == ""
    assert tops[-1].end == len(doc.text.rstrip())
    for sec in doc.sections:
        assert doc.text[sec.start:sec.heading_end] == sec.heading
        assert sec.start < sec.heading_end <= sec.end


@pytest.mark.parametrize("stem", sorted(TOP_LEVEL))
def test_ingest_segment_sentences_are_sorted_offsets_into_text(stem: str) -> None:
    doc = seed(stem)
    assert doc.sentences
    previous_end = 0
    for index, sent in enumerate(doc.sentences):
        surface = doc.text[sent.start:sent.end]
        assert surface and surface == surface.strip()
        assert "\n" not in surface
        assert sent.start >= previous_end
        previous_end = sent.end
        assert doc.sentence_at(sent.start) == index
        assert doc.sentence_at(sent.end - 1) == index


@pytest.mark.parametrize("stem", sorted(TOP_LEVEL))
def test_ingest_segment_sentence_section_is_innermost(stem: str) -> None:
    doc = seed(stem)
    for sent in doc.sentences:
        holding = [i for i, sec in enumerate(doc.sections) if sec.start <= sent.start < sec.end]
        expected = max(holding, key=lambda i: doc.sections[i].level) if holding else None
        assert sent.section == expected
        if sent.section is not None:
            assert sent.end <= doc.sections[sent.section].end


@pytest.mark.parametrize(
    ("stem", "sentence"),
    [
        ("000", "一、2021年工作总结"),
        ("000", "一是深入基层开展志愿者宣传活动。"),
        ("000", "利用局门户网站、微信公众号、电子显示屏、宣传栏等形式,大力弘扬遵纪守法的正面典型;"),
        ("001", "1.健全工作領導小組。"),
        ("003", "市委、市人民政府:"),
        ("004", "学法才能懂法,知法才能守法。"),
    ],
)
def test_ingest_segment_known_sentences(stem: str, sentence: str) -> None:
    doc = seed(stem)
    assert sentence in [doc.text[s.start:s.end] for s in doc.sentences]


def test_ingest_segment_closing_quote_stays_with_sentence(tmp_path: Path) -> None:
    doc = seed("004")
    quoted = "学法才能懂法,知法才能守法。"
    path = tmp_path / "quoted.txt"
    path.write_text(f"街道党工委书记强调:“{quoted}”建设法治社会,法治宣传教育是根本。", encoding="utf-8")
    assert quoted in doc.text
    quoted_doc = ingest(path)
    assert [quoted_doc.text[s.start:s.end] for s in quoted_doc.sentences] == [
        f"街道党工委书记强调:“{quoted}”",
        "建设法治社会,法治宣传教育是根本。",
    ]


@pytest.mark.parametrize(("stem", "line"), [("001", "贛公網安備 36050202000078號"), ("002", "打印|关闭")])
def test_ingest_segment_boilerplate_gives_no_sentence(stem: str, line: str) -> None:
    doc = seed(stem)
    start = doc.text.index(line)
    assert doc.sentence_at(start) is None
    assert all(line not in doc.text[s.start:s.end] for s in doc.sentences)


def test_ingest_segment_status_at_offsets_seed_004() -> None:
    doc = seed("004")
    assert doc.status_at(doc.text.index("学法才能懂法")) == "achieved"
    assert doc.status_at(doc.text.index("法治队伍建设有待进一步提升")) == "problem"
    assert doc.status_at(doc.text.index("坚持党总揽全局")) == "planned"
    assert doc.status_at(0) is None  # the opening paragraph is before any section


def test_ingest_segment_weak_words_and_numbering_in_a_short_report(tmp_path: Path) -> None:
    """Headings and lines of the seeds' kind (sections.yaml): a weak word (成效, 打算) decides a top-level part,
    not a sub-heading under a plan (巩固提升成效 stays planned); a bare number that does not continue the list
    (30分钟 after 1全面落实) starts no section."""
    text = ("2021年法治政府建设工作情况报告\n"
            "一、法治政府建设成效\n"
            "1全面落实普法常态化。\n"
            "30分钟政务服务圈覆盖城乡。\n"
            "2稳步推进法律六进工作。\n"
            "二、下一步打算\n"
            "（一）巩固提升成效。持续深化“放管服”改革。\n")
    (tmp_path / "report.txt").write_text(text, encoding="utf-8")
    doc = ingest(tmp_path / "report.txt")
    assert [(s.heading, s.status) for s in doc.sections if s.level == 1] == [
        ("一、法治政府建设成效", "achieved"), ("二、下一步打算", "planned")]
    assert [s.heading for s in doc.sections if s.level == 3] == ["1全面落实普法常态化", "2稳步推进法律六进工作"]
    assert doc.status_at(text.index("巩固提升成效")) == "planned"
    assert doc.status_at(text.index("持续深化")) == "planned"
