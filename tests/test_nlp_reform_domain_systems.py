"""A domain's 体制机制 names the arrangements of a field, no practice, whoever found it (reforms.yaml
not_entity_patterns, docs/decisions.md §61); with 改革 after it the reform stands. Lines of
../shared/corpus/06_beijing_gwr_2026 and 08_shaanxi_gwr_2026 (train records)."""

from __future__ import annotations

from pathlib import Path

from kg.nlp.rules.reforms import is_generic_reform
from tests.report_text import extract_text

TEXT = (
    "政府工作报告\n"
    "京郊、大京郊服务大城市，完善城乡融合发展体制机制，推动农业基础更加牢固。\n"
    "健全全灾种、全过程的安全防灾、救灾、重建责任链条，完善应急指挥体制机制，加强应急广播建设。\n"
)


def test_a_domains_systems_and_mechanisms_are_no_reform(tmp_path: Path) -> None:
    assert is_generic_reform("城乡融合发展体制机制") and is_generic_reform("应急指挥体制机制")
    assert not is_generic_reform("科技体制机制改革")
    reforms = {e.name for e in extract_text(tmp_path, TEXT, learned=True).entities if e.type == "Reform"}
    assert not {name for name in reforms if name.endswith("体制机制")}
