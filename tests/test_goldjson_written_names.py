"""A body's printed name: the resolved name where a table or the text supports it, the document's own form where
resolution only added to what is written (a national body's listed name, a place before a written rest)."""

from __future__ import annotations

from pathlib import Path

from kg.goldjson import to_gold_schema
from tests.report_text import extract_text


def _agencies(tmp_path: Path, text: str) -> set[str]:
    return {e["name"] for e in to_gold_schema(extract_text(tmp_path, text))["entities"] if e["type"] == "Agency"}


def test_a_ministry_is_named_as_its_document_writes_it(tmp_path: Path) -> None:
    # train rst_dc1744_0230: the ministry's own title writes it without 和 (the annotators keep that form)
    gold = to_gold_schema(extract_text(tmp_path, "人力资源社会保障部关于事业单位公开招聘岗位条件设置有关问题的通知\n"
                                       "人社部规〔2017〕17号为完善事业单位公开招聘制度，人力资源社会保障部决定如下。\n"))
    names = {e["name"] for e in gold["entities"] if e["type"] == "Agency"}
    assert "人力资源社会保障部" in names
    assert "人力资源和社会保障部" not in names
    assert gold["report"]["author"] == "人力资源和社会保障部"  # the author field names the body by its resolved name


def test_a_short_form_no_table_expands_keeps_its_written_rest(tmp_path: Path) -> None:
    # ../shared/corpus 06 (北京): 北京市疾控中心 is written nowhere, and its annotators expand 疾控 too
    names = _agencies(tmp_path, "北京市人民政府工作报告\n"
                                "首儿所通州院区基本完工，市疾控中心新址建成投用，加快安定医院选址建设。\n")
    assert "市疾控中心" in names
    assert "北京市疾控中心" not in names
    # train kjt_358b27_0890: where a table writes the rest in full, the official name stands (省科技厅 in a 河北省
    # notice's responsibility note)
    names = _agencies(tmp_path, "河北省人民政府办公厅印发《关于支持生物医药产业高质量发展的若干政策》的通知\n"
                                "（责任单位：省科技厅、省发展改革委、省药品监管局、省财政厅）\n")
    assert {"河北省科学技术厅", "河北省发展和改革委员会"} <= names
    # train jyt_254d33_1173: a unit named after its department keeps the department's resolved name
    names = _agencies(tmp_path, "河北省教育厅关于做好新型冠状病毒感染肺炎疫情防控期间学生资助工作的通知\n"
                                "各市、各省属学校要及时梳理总结疫情防控期间学生资助工作开展情况，以及有关工作意见建议等，"
                                "报送至省教育厅财务处。\n")
    assert "河北省教育厅财务处" in names
