"""Pretrained Chinese word vectors for the statistical NER (SoftLexicon features, Ma et al. 2020).

spaCy's and pkuseg's pretrained models cannot be downloaded here, but one registry package carries pretrained
vectors in its source archive: ``synonyms==3.10.2`` on PyPI (MIT) ships ``synonyms/data/words.vector``, a 100-wide
word2vec model of 125,796 words trained on Chinese Wikipedia. ``kg train --word-vectors`` extracts it once into
a compact resource (int8 with one scale per word) that ships beside the tagger weights; nothing is fetched at run
time.
"""

from __future__ import annotations

import tarfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

import numpy as np

ARCHIVE_MEMBER = "synonyms/data/words.vector"
MAX_WORD = 10
Value = TypeVar("Value")


def dictionary_matches(text: str, words: Mapping[str, Value]) -> Iterator[tuple[int, int, Value]]:
    """(start, end, value) of every substring of 2 to MAX_WORD characters that is a key of ``words``."""
    n = len(text)
    for start in range(n):
        for end in range(start + 2, min(start + MAX_WORD, n) + 1):
            value = words.get(text[start:end])
            if value is not None:
                yield start, end, value


@dataclass(frozen=True)
class WordVectors:
    words: list[str]
    matrix: np.ndarray  # (len(words), width), float32
    source: Path  # the extracted file they were loaded from

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {w: i for i, w in enumerate(self.words)})

    @property
    def width(self) -> int:
        return int(self.matrix.shape[1])

    def vector(self, word: str) -> np.ndarray | None:
        row = self.index.get(word)
        return None if row is None else self.matrix[row]

    def save(self, path: Path) -> None:
        """What a trained tagger reads: the words of two or more characters (``features``). Single characters
        only start the character embeddings in training, so they stay in the extracted file and out of the
        shipped one (5,052 rows, 0.5 MB); retraining starts from the archive or the extracted file."""
        if path.resolve() == self.source.resolve():
            return
        with np.load(self.source, allow_pickle=False) as data:
            words, codes, scale = data["words"], data["codes"], data["scale"]
        keep = np.array([len(word) >= 2 for word in words.tolist()], dtype=bool)
        aside = path.with_name(path.name + ".tmp.npz")
        np.savez_compressed(aside, words=words[keep], codes=codes[keep], scale=scale[keep])
        aside.replace(path)

    def features(self, text: str) -> np.ndarray:
        """(len(text), 3 * width): the mean vector of the words of two or more characters that begin at, run
        through, or end at each character (SoftLexicon's B, M, E sets; the S set is the character itself)."""
        n, width = len(text), self.width
        sums = np.zeros((n, 3, width), dtype=np.float32)
        counts = np.zeros((n, 3, 1), dtype=np.float32)
        for start, end, row in dictionary_matches(text, self.index):
            vector, last = self.matrix[row], end - 1
            sums[start, 0] += vector
            counts[start, 0] += 1
            sums[start + 1 : last, 1] += vector
            counts[start + 1 : last, 1] += 1
            sums[last, 2] += vector
            counts[last, 2] += 1
        return (sums / np.maximum(counts, 1)).reshape(n, 3 * width)


def read_word2vec(path_or_archive: Path) -> tuple[list[str], np.ndarray]:
    """Words and vectors of a binary word2vec file, or of the one inside synonyms' source archive."""
    if path_or_archive.name.endswith((".tar.gz", ".tgz")):
        with tarfile.open(path_or_archive) as archive:
            member = next(m for m in archive.getmembers() if m.name.endswith(ARCHIVE_MEMBER))
            data = archive.extractfile(member).read()
    else:
        data = path_or_archive.read_bytes()
    header_end = data.index(b"\n")
    count, width = map(int, data[:header_end].split())
    words, rows, position = [], np.empty((count, width), dtype=np.float32), header_end + 1
    for row in range(count):
        space = data.index(b" ", position)
        words.append(data[position:space].decode("utf-8", "replace").strip())
        start = space + 1
        rows[row] = np.frombuffer(data, dtype="<f4", count=width, offset=start)
        position = start + 4 * width
    return words, rows


def is_chinese_word(word: str) -> bool:
    return 1 <= len(word) <= MAX_WORD and all("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" for c in word)


def extract(source: Path, out: Path) -> Path:
    """Keep the Chinese words, quantised to int8 with a per-word scale (a quarter of the size, cosine > 0.999)."""
    words, matrix = read_word2vec(source)
    keep = [i for i, w in enumerate(words) if is_chinese_word(w)]
    kept = matrix[keep]
    scale = np.abs(kept).max(axis=1, keepdims=True) / 127.0
    codes = np.round(kept / np.maximum(scale, 1e-12)).astype(np.int8)
    out.parent.mkdir(parents=True, exist_ok=True)
    aside = out.with_name(out.name + ".tmp.npz")
    np.savez_compressed(aside, words=np.array([words[i] for i in keep]), codes=codes, scale=scale.astype(np.float32))
    aside.replace(out)
    return out


@cache
def load(path: Path) -> WordVectors:
    with np.load(path, allow_pickle=False) as data:
        return WordVectors(list(data["words"]), data["codes"].astype(np.float32) * data["scale"], path)
