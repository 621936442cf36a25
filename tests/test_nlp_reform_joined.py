"""Two headed names joined by 和 are two names (reforms.yaml name_joiners): the unquoted reform rule names the
second from the conjunction on, not both as one."""

from __future__ import annotations

from kg.nlp.rules.lexicon import load_lexicons
from kg.nlp.rules.reforms import find_unquoted_reforms

# Real sentences of train records kjt_f780d0_0727 and kjt_2beaf9_0739.
TEXT = (
    "加快推进科研事业单位分类改革和收入分配制度改革，完善科研人员评价制度，创造鼓励潜心科研的环境。\n"
    "科技部、财政部逐步建立信用管理机制和信息公开公示制度。\n"
)


def test_joined_names_are_read_apart() -> None:
    names = {TEXT[c.start : c.end] for c in find_unquoted_reforms(TEXT, load_lexicons())}
    assert "收入分配制度改革" in names
    assert "信息公开公示制度" in names
    assert not [n for n in names if "和" in n]
