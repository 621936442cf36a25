"""The issuer a document's own number names (发文字号: 冀科政〔2015〕20号 -> 河北省科学技术厅, 国办发 -> 国务院办公厅).

An official document prints its number under its title; the number's prefix is the issuing body's abbreviation
(发文机关代字), a provincial-level unit's abbreviation composed with a department's code, or a national body's code
(kg/resources/resolve/document_numbers.yaml). Only the page's own number counts: the one in its heading, not the
numbers of the documents it cites (…《…》（国发〔2019〕5号）).
"""

from __future__ import annotations

import re
from functools import cache

from kg.resources import read_yaml


@cache
def _config() -> dict:
    cfg = read_yaml("resolve/document_numbers.yaml")
    cfg["number_re"] = re.compile(cfg["number"])
    cfg["stops_re"] = re.compile(cfg["own_heading_stops"])
    cfg["title_end_re"] = re.compile(cfg["title_end"])
    cfg["not_after_re"] = re.compile(cfg["own_not_after"])
    cfg["national_res"] = [(re.compile(entry["code"]), entry["body"]) for entry in cfg["national"]]
    kind = cfg["kind_letters"]
    cfg["department_res"] = [
        (re.compile(f"(?:{d['code']})(?:{kind})$" if d.get("whole") else f"(?:{d['code']})"), d["body"],
         d.get("municipal", d["body"]))
        for d in cfg["departments"]
    ]
    return cfg


def own_number_prefixes(text: str) -> list[str]:
    """The ways to read the prefix of the page's own document number, the whole first: the first number in its
    heading (before any sentence punctuation, within own_within characters), unless it stands right after a
    cited title (》（…）); on a page whose lines were joined, also the letters after the title's last word
    (…的通知国科发监)."""
    cfg = _config()
    start = len(text) - len(text.lstrip())
    end = min(len(text), start + cfg["own_within"])
    stop = cfg["stops_re"].search(text, start, end)
    number = cfg["number_re"].search(text, start, stop.start() if stop else end)
    if number is None:
        return []
    prefix = number.group("prefix")
    before = text[start : number.start()].rstrip(" \u3000\t\n(（【[")
    whole = not (before and cfg["not_after_re"].fullmatch(before[-1]))
    return [prefix[at:] for at in range(len(prefix))
            if (at == 0 and whole) or (at > 0 and cfg["title_end_re"].search(prefix[:at]))]


def issuer_of_prefix(prefix: str, text: str = "") -> str | None:
    """The body a number's prefix names, or None when the tables do not say; ``text`` (the page) decides an
    abbreviation a city shares (宁政发: 宁夏 or 南京) only when it names the province."""
    cfg = _config()
    for code, body in cfg["national_res"]:
        if code.match(prefix):
            return body
    province = cfg["provinces"].get(prefix[:1])
    if province is None or (prefix[:1] in cfg["ambiguous"] and province[:2] not in text):
        return None
    rest = prefix[1:]
    for code, body, municipal in cfg["department_res"]:
        if code.match(rest):
            name = municipal if province in cfg["municipalities"] else body
            return name.replace("{P}", province) if name else None
    return None


def number_issuer(text: str) -> str | None:
    """The issuer the page's own document number names (冀工信装〔2023〕77号 under the title ->
    河北省工业和信息化厅), or None."""
    return next((issuer for prefix in own_number_prefixes(text) if (issuer := issuer_of_prefix(prefix, text))), None)
