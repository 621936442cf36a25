"""Names that share one head across a list (向海、莫莫格、哈泥保护区; 上海、深圳、北京证券交易所; 权力清单、责任清单
制度; 打好蓝天、碧水、净土保卫战): each item with the head is a name of the head's type, its mention the item as written
(ner/shared_heads.yaml says why, which heads, and what each head asks of its list)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from kg.nlp.rules.lexicon import HAN, alternation, load_lexicons
from kg.nlp.rules.spans import Candidate
from kg.resources import read_yaml


@cache
def _config() -> dict:
    cfg = read_yaml("ner/shared_heads.yaml")
    reforms = read_yaml("ner/reforms.yaml")
    item, heads = cfg["item"], cfg["heads"]
    # items joined by 、, the last after 、 / 和 / 及, then the head
    cfg["list_re"] = re.compile(f"((?:{item}、)*{item})([、和及])({item}?)({alternation(heads)})")
    cfg["verb_end_re"] = re.compile(f"(?:{alternation([*reforms['triggers'], *reforms['programme_triggers']])})$")
    cfg["kind_re"] = re.compile(alternation([*heads, *cfg["kind_heads"]]))
    cfg["han_re"] = re.compile(f"[{HAN}]")
    cfg["head_re"] = re.compile(alternation(heads))
    cfg["outside_list_re"] = re.compile(cfg["outside_list"])
    return cfg


def _lists(text: str, cfg: dict) -> Iterator[re.Match]:
    """``list_re.finditer(text)``, the same matches, tried only on the stretches that can hold one: a list is one
    run of characters outside ``outside_list`` and holds a head. The pattern tried at every character took 0.6
    CPU s a Hebei pass (its items backtrack); a head's stretch is found from the few heads (decisions.md 60)."""
    outside, done = cfg["outside_list_re"], -1
    for head in cfg["head_re"].finditer(text):
        if head.start() < done:
            continue  # a later head of a stretch already scanned
        start = head.start()
        while start > 0 and not outside.match(text, start - 1):
            start -= 1
        stop = outside.search(text, head.end())
        done = stop.start() if stop else len(text)
        yield from cfg["list_re"].finditer(text, start, done)


def _verb_edge(text: str, first_end: int, cfg: dict) -> int | None:
    """The first item's left edge after a trigger verb just before it (实施|职业技能提升、…工程), the longest item
    the pattern allows, or None."""
    shortest, longest = 2, 6
    for edge in range(max(0, first_end - longest), first_end - shortest + 1):
        if cfg["verb_end_re"].search(text, max(0, edge - 6), edge):
            return edge
    return None


def find_shared_heads(text: str) -> list[Candidate]:
    """Each item of a list closed by one head (shared_heads.yaml heads) as the head's type, named item + head."""
    cfg, quantity_re, out = _config(), load_lexicons().quantity_re, []
    for match in _lists(text, cfg):
        head = match.group(4)
        spec = cfg["heads"][head]
        if match.group(2) != "、" and "、" not in match.group(1):
            continue  # 选划和建立海洋自然保护区: two verbs; 和 / 及 joins only the last of a longer list
        if spec.get("word_end") and cfg["han_re"].match(text, match.end()):
            continue  # 工程建设, 行动方案
        first, *between = match.group(1).split("、")
        later = [*between, match.group(3)]
        first_end = match.start(1) + len(first)
        if spec.get("after_verb"):
            first_start = _verb_edge(text, first_end, cfg)
            if first_start is None:
                continue
        else:
            first_start = first_end - min(len(item) for item in later if item) if any(later) else None
            if first_start is None:
                continue
        items, at = [(first_start, first_end)], first_end + 1
        for item in later:
            if item:
                items.append((at, at + len(item)))
            at += len(item) + 1
        names = [text[s:e] for s, e in items]
        if any(name in cfg["not_items"] or quantity_re.search(name) or cfg["kind_re"].search(name)
               or not name.endswith(spec.get("item_end", "")) for name in names):
            continue  # a kind, a level or a count (国家级, 170家), or items holding a head (海洋自然保护区、…)
        for (start, end), name in zip(items, names, strict=True):
            end += len(head) if end == match.start(4) else 0
            out.append(Candidate(start, end, spec["type"], spec["rule"], kb_id=name + head, confidence=0.7,
                                 priority=2))
    return out
