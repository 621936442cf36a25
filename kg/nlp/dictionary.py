"""jieba's word dictionary (349 k words with their part of speech), read once per process.

The rules ask whether a character begins a word or ends a noun (a platform's name does not start inside 考试院), and
the statistical tagger reads its words' groups as features. Only the dictionary file is read: jieba's tokenizer is
not used, and this module imports nothing heavier than jieba's package, so the default pipeline needs no torch.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def entries() -> tuple[tuple[str, str], ...]:
    """(word, part-of-speech tag) of the dictionary's words of two or more characters, in the file's order."""
    import jieba

    rows: list[tuple[str, str]] = []
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as handle:
        for line in handle:
            word, _, tag = line.split()
            if len(word) >= 2:
                rows.append((word, tag))
    return tuple(rows)


@cache
def words() -> frozenset[str]:
    """The dictionary's words of two or more characters."""
    return frozenset(word for word, _ in entries())


@cache
def two_character_words(tags: frozenset[str]) -> frozenset[str]:
    """The dictionary's two-character words tagged with one of ``tags``."""
    return frozenset(word for word, tag in entries() if len(word) == 2 and tag in tags)
