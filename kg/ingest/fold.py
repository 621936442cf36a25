"""Fold text to the matching view: Traditional -> Simplified, full-width ASCII -> ASCII, same length.

Every later stage matches patterns on the folded text and reads surfaces from the original at the same
offsets, so folding must never change the length. OpenCC's phrase-level conversion is used on the whole text
first (fast, and right for characters whose Simplified form depends on the word); in the rare case that a
phrase changes the length, the text is converted one character at a time instead, which cannot shift offsets.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import opencc

# U+FF01..U+FF5E are the full-width forms of ASCII 0x21..0x7E; U+3000 is the ideographic space.
# 《》“”〈〉 and 。、 are outside that block and stay as they are.
_WIDTH_TABLE: dict[int, int] = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE[0x3000] = 0x20
_WIDE = re.compile("[\uff01-\uff5e\u3000]+")  # the characters _WIDTH_TABLE folds


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    """The Simplified form of one character, or the character itself when OpenCC would change the length."""
    converted = _converter().convert(char)
    return converted if len(converted) == 1 else char


def fold_chars(text: str) -> str:
    """``fold`` one character at a time: what ``fold`` falls back to when a phrase would change the length."""
    table = {ord(char): _fold_char(char) for char in set(text)}
    return text.translate(table).translate(_WIDTH_TABLE)


def fold(text: str) -> str:
    """``text`` in Simplified characters with half-width ASCII; ``len(fold(text)) == len(text)`` always."""
    simplified = _converter().convert(text)
    if len(simplified) != len(text):
        return fold_chars(text)
    return _half_width(simplified)


def _half_width(text: str) -> str:
    """``text.translate(_WIDTH_TABLE)``, translating only the runs of full-width characters: a translate with a
    dict looks every character up, and a report has few such runs."""
    return _WIDE.sub(lambda run: run.group().translate(_WIDTH_TABLE), text)
