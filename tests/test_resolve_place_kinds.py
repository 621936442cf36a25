"""Kinds of places are no places: a township's name that ends as a common word (小城镇, 中心镇, 向城镇 of 向城镇排水
管网) only after a higher division (ner/places.yaml township_common_tails), and a kind word written alone (物流园区)
none whoever read it (resolve/places.yaml kind_words). Work reports and plans of every province use the words."""

from __future__ import annotations

from pathlib import Path

from tests.report_text import extract_text, rule_spans

# ../shared/corpus/08_shaanxi_gwr_2026 (陕西省2026年政府工作报告), three sentences of its body
SHAANXI = (
    "陕西省2026年政府工作报告\n"
    "加快宝鸡、延安等4个国家骨干冷链物流基地建设，支持物流园区、仓储设施、运输工具等绿色化升级改造，降低综合物流成本。"
    "进一步完善以县城为枢纽、以小城镇为节点的县域经济体系，优化县域产业功能定位，细化支持政策，分类推进县域经济提档升级。"
    "建设宜居县城和中心镇，优化县域基础设施布局和公共资源配置，提升城乡基本公共服务均等化水平，增强县城综合承载能力。\n"
)


def test_township_names_ending_as_a_common_word_are_no_place_for_the_rules() -> None:
    # ../shared/corpus/05_guangdong_gwr_2014 and szf_cf3947_0478 (河北省城镇排水与污水处理条例)
    assert "小城镇" not in rule_spans("坚持以人为本、优化布局、生态文明、传承文化的原则，编制实施全省新型城镇化规划，"
                                    "促进大中小城市和小城镇协调发展，积极创建国家新型城镇化示范省。", "Place")
    assert "中心镇" not in rule_spans("推进经济发达镇和中心镇行政体制改革试点。", "Place")
    drainage = ("从事工业、建筑、餐饮、医疗等活动的单位和个体工商户（以下称排水户）"
                "向城镇排水管网及其附属设施排放污水的，应当向当地城镇排水主管部门申请污水排入排水管网许可。")
    assert "向城镇" not in rule_spans(drainage, "Place")


def test_kinds_of_places_are_no_places_in_a_work_report(tmp_path: Path) -> None:
    extraction = extract_text(tmp_path, SHAANXI, learned=True)
    places = {e.name for e in extraction.entities if e.type == "Place"}
    assert not {"物流园区", "小城镇", "中心镇"} & places
    assert {"宝鸡市", "延安市"} <= places
