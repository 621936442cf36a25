"""Names sharing one head across a list (ner/shared_heads.yaml, decisions §44): each item with the head is a name
of the head's type, the item as written its mention; lists of kinds are left alone."""

from __future__ import annotations

from kg.model import Document
from kg.nlp.rules.shared_heads import find_shared_heads
from kg.pipeline import extract_document

# Real sentences of dev 07_jilin_gwr_2026 and train kjt_8fde21_0874.
RESERVES = "启动向海、莫莫格、哈泥保护区生态保护修复，有序解决中西部湖泡补排水短板。"
EXCHANGES = "到2023年，培育上市企业8至10家（上海、深圳、北京证券交易所及境外主要证券交易所）。"
# Real sentences of train 01_shenzhen_longhua_fazhi_2019 and rst_7c5808_0389: lists of 清单 sharing 制度.
LISTS = ("深化“放管服”改革，推进权力清单、责任清单、负面清单制度，实施告知承诺。"
         "深入推进“放管服”改革，建立健全权力清单、责任清单、监管清单和服务清单制度。")
# Real sentences of train szf_ca379b_0521 and gxt_e9a7e9_1063: kinds of reserve, and no list before the head.
KINDS = ("禁止在海洋自然保护区、海洋特别保护区、重要渔业水域、盐场纳水口水域和海滨的风景名胜区新建入海排污口。"
         "进一步加强与中国证监会、各证券交易所联系沟通。本省依照国家有关规定选划和建立海洋自然保护区。")
# Real sentence of train rst_326d3c_0012: items before 制度 that are no 清单 are kinds of rule, not reforms.
RULES = "建立学员考勤、质量评估等制度。"


def _found(text: str) -> dict[str, tuple[str, str]]:
    return {text[c.start : c.end]: (c.label, c.kb_id) for c in find_shared_heads(text)}


def test_each_item_of_a_list_takes_the_shared_head() -> None:
    assert _found(RESERVES) == {"向海": ("Place", "向海保护区"), "莫莫格": ("Place", "莫莫格保护区"),
                                "哈泥保护区": ("Place", "哈泥保护区")}
    assert _found(EXCHANGES) == {"上海": ("Organization", "上海证券交易所"),
                                 "深圳": ("Organization", "深圳证券交易所"),
                                 "北京证券交易所": ("Organization", "北京证券交易所")}


def test_lists_of_kinds_are_not_names_with_a_shared_head() -> None:
    assert _found(KINDS) == {}
    assert _found(RULES) == {}


def test_lists_of_lists_share_their_system() -> None:
    found = {kb for label, kb in _found(LISTS).values() if label == "Reform"}
    assert found == {"权力清单制度", "责任清单制度", "负面清单制度", "监管清单制度", "服务清单制度"}


def test_the_graph_names_the_item_with_its_head() -> None:
    document = Document("jilin", "jilin.txt", RESERVES, RESERVES, "", "text/plain", None)
    keys = {e.key for e in extract_document(document).entities}
    assert {"Place/向海保护区", "Place/莫莫格保护区", "Place/哈泥保护区"} <= keys


def test_lists_are_looked_for_only_where_a_stretch_holds_a_head() -> None:
    """kg/nlp/rules/shared_heads.py _lists (decisions.md 60): the pattern tried on the stretches between characters
    no list holds that hold a head finds what it finds tried at every character, and no more."""
    from kg.nlp.rules.shared_heads import _config, _lists

    cfg = _config()
    text = "\n".join([RESERVES, EXCHANGES, LISTS, KINDS, RULES, "打好蓝天、碧水、净土保卫战。A保护区、B和C保护区"])
    expected = [m.span() for m in cfg["list_re"].finditer(text)]
    assert [m.span() for m in _lists(text, cfg)] == expected
    assert len(expected) >= 6
