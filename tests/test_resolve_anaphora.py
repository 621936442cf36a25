"""A generic 领导小组办公室 resolves to the office of the leading group the report named before it, and to nothing
when no such group was named (a generic office alone identifies no body)."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import ingest
from kg.pipeline import extract_document

SEED_000 = Path(__file__).resolve().parents[1] / "seeds" / "000_305e9a0e456975a1.txt"


def agencies(path: Path) -> dict[str, set[str]]:
    extraction = extract_document(ingest(path))
    return {e.name: {m.text for m in e.mentions} for e in extraction.entities if e.type == "Agency"}


def test_generic_office_resolves_to_the_named_group_of_seed_000() -> None:
    found = agencies(SEED_000)
    assert found["益阳市行政审批服务局法治建设工作领导小组办公室"] == {"领导小组办公室"}
    assert "领导小组办公室" not in found


def test_generic_office_without_antecedent_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    text = "益阳市行政审批服务局2021年法治政府建设工作报告\n我局将领导小组办公室设在局办公室。\n"
    path.write_text(text, encoding="utf-8")
    assert not any("领导小组" in name for name in agencies(path))
