"""中国科学院's institutes by their customary short names are agencies, named in full (ner/national_bodies.tsv)."""

from __future__ import annotations

from pathlib import Path

from kg.goldjson import to_gold_schema
from tests.report_text import extract_text

# 07_jilin_gwr_2026 (dev)
JILIN = ("2026年吉林省人民政府工作报告\n"
         "优化创新平台能级。积极融入哈长沈大产业科技创新走廊建设。高质量建设中车长客、长春光机所、长春应化所等国家级首批"
         "重点培育中试平台。\n")


def test_institutes_by_short_names_are_agencies(tmp_path: Path) -> None:
    extraction = extract_text(tmp_path, JILIN)
    gold = to_gold_schema(extraction)
    # the graph names them in full; the report's JSON as the document writes them (kg.goldjson, decisions §65)
    agencies = {e.name for e in extraction.entities if e.type == "Agency"}
    assert {"中国科学院长春光学精密机械与物理研究所", "中国科学院长春应用化学研究所"} <= agencies
    assert {"长春光机所", "长春应化所"} <= {e["name"] for e in gold["entities"] if e["type"] == "Agency"}
    assert not {e["name"] for e in gold["entities"] if e["type"] == "Organization"} & {"长春光机所", "长春应化所"}
