"""Dates as reports and web pages write them, to ISO ``yyyy-mm-dd``.

Pages write 2022-01-04 or 2022/1/4; reports sign with 2022年1月6日 or, in formal documents,
二〇二二年一月六日.
"""

from __future__ import annotations

import re
from datetime import date

_DIGITS = {char: value for value, chars in enumerate(("〇○零O", *"一二三四五六七八九")) for char in chars}
_CN = "〇○零O一二三四五六七八九十"
DATE_PATTERN = (
    rf"(?P<y>\d{{4}}|[{_CN}]{{4}})\s*[-/.年]\s*(?P<m>\d{{1,2}}|[{_CN}]{{1,2}})\s*[-/.月]\s*"
    rf"(?P<d>\d{{1,2}}|[{_CN}]{{1,3}})(?:\s*日|(?!\d))"
)
_DATE = re.compile(DATE_PATTERN)
_TIME = re.compile(r"(?<!\d)(\d{1,2}):(\d{2})(?::(\d{2}))?(?!\d)")


def cn_number(text: str) -> int | None:
    """Value of a number in Arabic digits or Chinese numerals (一 .. 九十九; 二〇二二 digit by digit)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        high = _DIGITS.get(tens, -1) if tens else 1
        low = _DIGITS.get(units, -1) if units else 0
        return high * 10 + low if high >= 0 and low >= 0 else None
    if all(char in _DIGITS for char in text):
        return int("".join(str(_DIGITS[char]) for char in text)) if text else None
    return None


def iso_date(text: str) -> str | None:
    """The first valid date written in ``text`` as ``yyyy-mm-dd``, or None."""
    for match in _DATE.finditer(text):
        parts = [cn_number(match.group(key)) for key in "ymd"]
        if None in parts:
            continue
        try:
            return date(*parts).isoformat()  # type: ignore[arg-type]
        except ValueError:
            continue
    return None


def iso_time(text: str) -> str | None:
    """The first time of day written in ``text`` as ``hh:mm`` (or ``hh:mm:ss`` when seconds are given)."""
    match = _TIME.search(text)
    if match is None:
        return None
    hour, minute, second = match.groups()
    if int(hour) > 23 or int(minute) > 59:
        return None
    return f"{int(hour):02d}:{minute}" + (f":{second}" if second else "")
