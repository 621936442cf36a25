"""Find how a text file is encoded, never assuming: BOM, then strict UTF-8, then the best Chinese codec.

GB18030 decodes almost any byte string without error, and GBK bytes often decode as Big5 (and back) into
plausible-looking characters, so "decodes without error" is not evidence. Each candidate that decodes
strictly is scored by how much the result looks like Chinese prose: common Han characters (GB2312 level 1
for Simplified, Big5 level 1 for Traditional), the punctuation those texts use, ASCII; and a penalty for
control, private-use and unassigned characters, which is where wrongly decoded punctuation lands.
charset-normalizer's guess joins the candidates but has to win on the same score.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache

from kg.errors import InputError

# Longest first: the UTF-32 LE BOM begins with the UTF-16 LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Leading bytes of file formats that are not text; a .txt with one of these is a renamed or mislabelled file.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"PK\x03\x04", "ZIP archive (a .docx, .xlsx or .zip?)"),
    (b"%PDF-", "PDF document"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 file (an old .doc or .xls?)"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x7fELF", "ELF executable"),
)
CANDIDATES: tuple[str, ...] = ("gb18030", "big5", "cp950", "big5hkscs", "utf-16-le", "utf-16-be")
GOOD_PUNCTUATION = frozenset("。，、；：？！“”‘’《》〈〉（）【】「」『』…—·～")
ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
SNIFF_BYTES = 1 << 16  # enough text to score; decoding is then checked on the whole file
MIN_SCORE = 0.5


def magic_kind(data: bytes) -> str | None:
    """The name of the non-text format ``data`` starts with, if any."""
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    return None


@cache
def _common_han(codec: str, first_lead: int, last_lead: int) -> frozenset[str]:
    """Han characters whose two-byte code in ``codec`` has a lead byte in the range: a common level."""
    chars = set()
    for lead in range(first_lead, last_lead + 1):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            try:
                char = bytes((lead, trail)).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(char) == 1 and "\u4e00" <= char <= "\u9fff":
                chars.add(char)
    return frozenset(chars)


def _is_bad(char: str) -> bool:
    if char in ALLOWED_CONTROLS:
        return False
    return char == "\ufffd" or unicodedata.category(char) in ("Cc", "Co", "Cn", "Cs")


def plausibility(text: str) -> float:
    """Share of characters that are expected in Chinese prose, less a heavy penalty for impossible ones."""
    simplified, traditional = _common_han("gb2312", 0xB0, 0xD7), _common_han("big5", 0xA4, 0xC6)
    visible = [char for char in text if not char.isspace()]
    if not visible:
        return 0.0
    han_simplified = sum(char in simplified for char in visible)
    han_traditional = sum(char in traditional for char in visible)
    plain = sum(char.isascii() or char in GOOD_PUNCTUATION for char in visible)
    bad = sum(_is_bad(char) for char in visible)
    return (max(han_simplified, han_traditional) + plain - 5 * bad) / len(visible)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _normalizer_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:SNIFF_BYTES]).best()
    return best.encoding if best is not None else None


def best_codec(data: bytes, candidates: Iterable[str]) -> tuple[str, float] | None:
    """The candidate whose strict decoding of ``data`` scores best (earlier candidates win ties)."""
    best: tuple[str, float] | None = None
    for codec in dict.fromkeys(candidates):
        text = _strict(data, codec)
        if text is None:
            continue
        score = plausibility(text[:SNIFF_BYTES])
        if best is None or score > best[1]:
            best = (codec, score)
    return best


def decode(data: bytes, path: object) -> tuple[str, str]:
    """``(text, codec)`` with ``text == data.decode(codec)``; InputError when the bytes are not text."""
    if not data:
        raise InputError(path, "empty file")
    for bom, codec in BOMS:
        if data.startswith(bom):
            text = _strict(data, codec)
            if text is None:
                raise InputError(path, f"starts with a {codec} byte-order mark but is not valid {codec}")
            return text, codec
    kind = magic_kind(data)
    if kind is not None:
        raise InputError(path, f"binary data ({kind}), not text")
    text = _strict(data, "utf-8")
    if text is not None and not any(_is_bad(char) for char in text[:SNIFF_BYTES]):
        return text, "utf-8"
    guess = _normalizer_guess(data)
    found = best_codec(data, (*CANDIDATES, *([guess] if guess else [])))
    if found is None or found[1] < MIN_SCORE:
        problem = "binary data (NUL bytes), not text" if b"\x00" in data else "cannot tell the text encoding"
        raise InputError(path, problem)
    codec = found[0]
    return data.decode(codec), codec
