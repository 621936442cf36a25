"""Laws named by their short name (宪法, 保密法, 《民法典》) resolve to one entity under the official title, whether
written with or without brackets, in Simplified or Traditional."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import ingest
from kg.pipeline import extract_document


def laws_in(tmp_path: Path, text: str) -> dict[str, set[str]]:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    extraction = extract_document(ingest(path))
    return {
        e.name: {m.text for m in e.mentions} for e in extraction.entities if e.type == "Law"
    }


def test_short_and_bracketed_names_are_one_law(tmp_path: Path) -> None:
    text = "我局组织学习《宪法》。三是加大宪法宣传教育力度。开展保密法学习,严格遵守《保守国家秘密法》。"
    laws = laws_in(tmp_path, text)
    assert laws["中华人民共和国宪法"] == {"宪法"}
    assert laws["中华人民共和国保守国家秘密法"] == {"保密法", "保守国家秘密法"}
    assert set(laws) == {"中华人民共和国宪法", "中华人民共和国保守国家秘密法"}


def test_traditional_short_name_resolves_to_the_simplified_title(tmp_path: Path) -> None:
    laws = laws_in(tmp_path, "我局組織幹部學習新修訂的行政處罰法,加大憲法宣傳力度。")
    assert laws == {"中华人民共和国行政处罚法": {"行政處罰法"}, "中华人民共和国宪法": {"憲法"}}
