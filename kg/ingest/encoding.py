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
from collections import Counter
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
    counts = Counter(text)  # each distinct character is judged once, weighted by how often it occurs
    visible = {char: n for char, n in counts.items() if not char.isspace()}
    if not visible:
        return 0.0
    han_simplified = sum(n for char, n in visible.items() if char in simplified)
    han_traditional = sum(n for char, n in visible.items() if char in traditional)
    plain = sum(n for char, n in visible.items() if char.isascii() or char in GOOD_PUNCTUATION)
    bad = sum(n for char, n in visible.items() if _is_bad(char))
    return (max(han_simplified, han_traditional) + plain - 5 * bad) / sum(visible.values())


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
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"starts with a {_NAMES.get(codec, codec)} byte-order mark but is not "
                                       f"{_NAMES.get(codec, codec)}: {_where(data, exc)}") from exc
            return _no_nul(text, codec, path)
    kind = magic_kind(data)
    if kind is not None:
        raise InputError(path, f"binary data ({kind}), not text")
    text = _strict(data, "utf-8")
    if text is not None and ("\x00" in text or not any(map(_is_bad, set(text[:SNIFF_BYTES])))):  # each char once
        return _no_nul(text, "utf-8", path)
    guess = _normalizer_guess(data)
    found = best_codec(data, (*CANDIDATES, *([guess] if guess else [])))
    if found is None or found[1] < MIN_SCORE:
        raise InputError(path, undecodable(data))
    codec = found[0]
    mixed = _mixed(data) if not codec.startswith("utf") else None
    if mixed:
        raise InputError(path, mixed)
    return _no_nul(data.decode(codec), codec, path)


_NAMES = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32"}


def _where(data: bytes, exc: UnicodeDecodeError) -> str:
    """``exc.reason`` at its byte offset and line, with the offending bytes: enough to find it in a hex editor."""
    start = exc.start + len(data) - len(exc.object)  # utf-8-sig reports offsets after its BOM
    line = data.count(b"\n", 0, start) + 1
    bad = data[start:start + 3]
    surrogate = exc.encoding.startswith("utf-8") and len(bad) > 1 and bad[0] == 0xED and bad[1] >= 0xA0
    reason = "a lone UTF-16 surrogate written as UTF-8" if surrogate else exc.reason
    return f"{reason} at byte {start} (line {line}: {bad.hex(' ')})"


def _no_nul(text: str, codec: str, path: object) -> tuple[str, str]:
    """A NUL character is never prose: a damaged file, or binary data that happens to decode."""
    at = text.find("\x00")
    if at >= 0:
        line = text.count("\n", 0, at) + 1
        raise InputError(path, f"NUL character in the text (line {line}, character {at}): a damaged or binary file")
    return text, codec


def _line_codecs(data: bytes) -> list[tuple[int, str]]:
    """``(line number, codec)`` for each line that only one way of reading makes Chinese prose of."""
    found = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue  # reads the same in every candidate
        best = best_codec(line, ("utf-8", "gb18030", "big5"))
        if best is not None and best[1] >= MIN_SCORE:
            found.append((number, best[0]))
    return found


def _mixed(data: bytes) -> str | None:
    """A file with some lines in UTF-8 and others in a legacy codec (pasted together): say which lines."""
    runs: list[list] = []  # [codec, first line, last line]
    for number, codec in _line_codecs(data):
        if runs and runs[-1][0] == codec:
            runs[-1][2] = number
        else:
            runs.append([codec, number, number])
    codecs = {codec for codec, _, _ in runs}
    if "utf-8" not in codecs or len(codecs) == 1:
        return None
    parts = ", ".join(f"lines {first}-{last} {codec}" for codec, first, last in runs[:4])
    return f"mixed text encodings ({parts}{', ...' if len(runs) > 4 else ''}); save it in one encoding"


def undecodable(data: bytes) -> str:
    """Why no codec reads ``data``: NUL bytes, two encodings in one file, or the first byte that is not UTF-8."""
    if b"\x00" in data:
        return "binary data (NUL bytes), not text"
    mixed = _mixed(data)
    if mixed:
        return mixed
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"cannot tell the text encoding: not UTF-8 ({_where(data, exc)}), nor GB18030, Big5 or UTF-16"
    return "cannot tell the text encoding"
