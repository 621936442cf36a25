"""Places the entity model finds where no place rule fires: named as the gazetteer and SCHEMA name them (全国 ->
中国, a city written without its level -> its official name), not as written."""

from __future__ import annotations

from pathlib import Path

from tests.report_text import extract_text

# rst_fe2616_0103 (a policy explanation of the Hebei human resources department), its first sentences
EXPLANATION = (
    "《关于全面开展电子社会保障卡应用工作的通知》解读\n"
    "近日，为加快落实党的十九大提出的“建立全国统一的社会保险公共服务平台”要求，河北省人力资源和社会保障厅印发了"
    "《关于全面开展电子社会保障卡应用工作的通知》。\n"
)


def test_country_word_found_by_the_model_is_china(tmp_path: Path) -> None:
    extraction = extract_text(tmp_path, EXPLANATION, learned=True)
    places = {e.name: e for e in extraction.entities if e.type == "Place"}
    assert "全国" not in places
    assert "全国" in {m.text for m in places["中国"].mentions}


def test_city_without_its_level_is_named_in_full(tmp_path: Path) -> None:
    """07_jilin_gwr_2026: 临江 is blocked as a place for the rules (an ordinary word), the model reads it as one."""
    text = ("吉林省人民政府工作报告\n"
            "启动长四辽通、敦牡和四梅集扩能等铁路项目，建好长春都市圈西环、白山至临江、松江河至长白等高速公路续建项目。\n"
            "沈白高铁、G331通车，通化、白山结束不通高铁历史。\n")
    extraction = extract_text(tmp_path, text, learned=True)
    places = {e.name for e in extraction.entities if e.type == "Place"}
    assert {"临江市", "白山市"} <= places
    assert not {"临江", "白山", "通化"} & places
