"""jieba's word dictionary (349 k words with their part of speech), read once per process.

The rules ask whether a character begins a word or ends a noun (a platform's name does not start inside 考试院), and
the statistical tagger reads its words' groups as features. Only the dictionary file is read: jieba's tokenizer is
not used, and this module imports nothing heavier than jieba's package, so the default pipeline needs no torch.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path


def _rows() -> Iterator[tuple[str, str]]:
    """(word, part-of-speech tag) of the dictionary's words of two or more characters, in the file's order."""
    import jieba

    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as handle:
        for line in handle:
            word, _, tag = line.split()
            if len(word) >= 2:
                yield word, tag


@cache
def entries() -> tuple[tuple[str, str], ...]:
    """Every (word, tag), kept: the statistical tagger's lexicon features read the tags of all words."""
    return tuple(_rows())


@cache
def words() -> frozenset[str]:
    """The dictionary's words of two or more characters (the rules keep only this set, not the tags: about 40 MiB
    less in each worker)."""
    return frozenset(word for word, _ in _rows())


@cache
def two_character_words(tags: frozenset[str]) -> frozenset[str]:
    """The dictionary's two-character words tagged with one of ``tags``."""
    return frozenset(word for word, tag in _rows() if len(word) == 2 and tag in tags)
