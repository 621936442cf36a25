"""Names that share one head across a list (向海、莫莫格、哈泥保护区; 上海、深圳、北京证券交易所): each item with the
head is a name of the head's type, its mention the item as written (ner/shared_heads.yaml says why and which heads).
Reform heads are the reform rules' (reforms._shared_head_programmes)."""

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
    # one or more "item、", then the last item and the head
    cfg["list_re"] = re.compile(f"((?:{item}、)+)({item}?)({alternation(cfg['heads'])})")
    return cfg


def find_shared_heads(text: str) -> list[Candidate]:
    """Each item of a 、 list closed by one head (shared_heads.yaml heads) as the head's type, named item + head."""
    cfg, out = _config(), []
    for match in cfg["list_re"].finditer(text):
        head, label = match.group(3), cfg["heads"][match.group(3)]
        later = [*match.group(1).rstrip("、").split("、")[1:], match.group(2)]
        if not match.group(2) or any(len(item) < 2 for item in later):
            continue
        first_len = min(len(item) for item in later)
        first_end = match.start(1) + len(match.group(1).split("、")[0])
        items = [(first_end - first_len, first_end)]
        at = first_end + 1
        for item in later:
            items.append((at, at + len(item)))
            at += len(item) + 1
        names = [text[s:e] for s, e in items]
        raw = match.group(1).split("、")[0]  # the first item as far as the list's characters go
        if any(name in cfg["not_items"] for name in names) or any(h in raw + match.group(1) for h in cfg["heads"]):
            continue
        for (start, end), name in zip(items, names, strict=True):
            end += len(head) if end == match.start(3) else 0
            out.append(Candidate(start, end, label, "shared_head", kb_id=name + head, confidence=0.7, priority=2))
    return out

