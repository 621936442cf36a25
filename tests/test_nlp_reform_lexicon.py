"""National programmes reports name without quotes (kg/resources/ner/reform_lexicon.tsv)."""

from __future__ import annotations

from pathlib import Path

from kg.goldjson import to_gold_schema
from tests.report_text import extract_text

# Real sentences of train records gxt_44ef91_1026 and kjt_aefad8_0900.
NOTICE = (
    "河北省人民政府办公厅关于印发河北省清洁能源装备产业发展行动计划的通知\n"
    "（三）加强与京津的协同发展。借力京津冀协同发展战略和雄安新区大规模建设，搭建创新交流合作平台。\n"
    "抓好行政执法公示、执法全过程记录和重大执法决定法制审核等制度试点，推进行政执法规范化。\n"
    "深化清洁能源装备领域产教融合，鼓励校企联合开展产学合作协同育人项目。\n"
)


def test_national_programmes_named_without_quotes_are_reforms(tmp_path: Path) -> None:
    entities = {(e["type"], e["name"]) for e in to_gold_schema(extract_text(tmp_path, NOTICE))["entities"]}
    reforms = {name for type_, name in entities if type_ == "Reform"}
    # 京津冀协同发展战略 is named as the annotators name the strategy; 京津冀 stays a place
    assert {"京津冀协同发展", "行政执法公示", "执法全过程记录", "重大执法决定法制审核", "产教融合"} <= reforms
    assert "京津冀协同发展战略" not in reforms
    assert ("Place", "京津冀") in entities


# Real sentences of train records jyt_dee7cf_1094 and jyt_b0b1c0_1089 (decisions §46): the disclosure principle,
# quoted with a comma the quote rules refuse, named with the annotators' full-width comma.
DISCLOSURE = (
    "河北省教育厅2014年政府信息公开工作年度报告\n"
    "\u3000\u3000按照政府信息公开《条例》和《规定》，河北省教育厅坚持“公开为原则，不公开为例外”，积极做好主动公开工作。\n"
    "按照“公开为原则，不公开为例外”的基本要求，制定印发《河北省教育厅政府信息主动公开目录》，进一步规范政务行为。\n"
)


def test_the_disclosure_principle_is_a_reform(tmp_path: Path) -> None:
    entities = to_gold_schema(extract_text(tmp_path, DISCLOSURE))["entities"]
    assert "公开为原则，不公开为例外" in {e["name"] for e in entities if e["type"] == "Reform"}
