"""Names that share one head across a list (向海、莫莫格、哈泥保护区; 上海、深圳、北京证券交易所; 权力清单、责任清单
制度): each item with the head is a name of the head's type, its mention the item as written (ner/shared_heads.yaml says
why and which heads). Programme heads (工程, 行动, 保卫战) are the reform rules' (reforms._shared_head_programmes)."""

from __future__ import annotations

import re
from functools import cache

from kg.nlp.rules.lexicon import alternation
from kg.nlp.rules.spans import Candidate
from kg.resources import read_yaml


@cache
def _config() -> dict:
    cfg = read_yaml("ner/shared_heads.yaml")
    item = cfg["item"]
    # items joined by 、, the last after 、 / 和 / 及, then the head
    cfg["list_re"] = re.compile(f"((?:{item}、)*{item})([、和及])({item}?)({alternation(cfg['heads'])})")
    return cfg


def find_shared_heads(text: str) -> list[Candidate]:
    """Each item of a list closed by one head (shared_heads.yaml heads) as the head's type, named item + head."""
    cfg, out = _config(), []
    for match in cfg["list_re"].finditer(text):
        head = match.group(4)
        if match.group(2) != "、" and "、" not in match.group(1):
            continue  # 选划和建立海洋自然保护区: two verbs; 和 / 及 joins only the last of a longer list
        label, ending = cfg["heads"][head], cfg.get("item_ends", {}).get(head, "")
        first, *between = match.group(1).split("、")
        later = [*between, match.group(3)]
        first_end = match.start(1) + len(first)
        size = min(len(item) for item in later)  # the list does not mark the first item's left edge
        items, at = [(first_end - size, first_end)], first_end + 1
        for item in later:
            items.append((at, at + len(item)))
            at += len(item) + 1
        names = [text[s:e] for s, e in items]
        if (any(name in cfg["not_items"] or not name.endswith(ending) for name in names)
                or any(h in match.group(1) for h in cfg["heads"])):
            continue  # a kind or a level (国家级), or items holding a head already (海洋自然保护区、海洋特别保护区)
        for (start, end), name in zip(items, names, strict=True):
            end += len(head) if end == match.start(4) else 0
            out.append(Candidate(start, end, label, "shared_head", kb_id=name + head, confidence=0.7, priority=2))
    return out
