"""A web page -> the text a reader sees, plus the facts its <title> and <meta> tags give.

Scripts, styles, navigation, menus and page headers/footers are dropped; block elements become line breaks.
Newlines inside a paragraph of the HTML source are layout, not text: next to a Chinese character they
vanish (a space there would split a word), elsewhere they become one space. Rules:
``kg/resources/html.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

from kg.errors import InputError, ResourceError
from kg.ingest.dates import iso_date, iso_time
from kg.ingest.encoding import BOMS, decode, plausibility
from kg.resources import read_yaml, resource_path

RESOURCE = "html.yaml"
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Browsers read these labels as the larger encoding; so do we.
_CODEC_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
                  "big5": "big5hkscs", "x-x-big5": "big5hkscs"}
_SOFT_BREAK = "\x01"  # a newline of the HTML source, decided after the text is joined
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’"
# A source newline next to a Chinese character vanishes (Chinese has no spaces between words, and reports mix
# in ASCII commas); between two other characters it is a space, as between two English words.
_SOFT_NEAR_CJK = re.compile(rf"(?<=[{_CJK}]){_SOFT_BREAK}|{_SOFT_BREAK}(?=[{_CJK}])")
_SKIPPED = (Comment, Declaration, Doctype, ProcessingInstruction)
# HTML collapses ASCII whitespace only: U+00A0, U+2002, U+3000 inside a line are text (stripped at its ends).
_ASCII_SPACE = re.compile(r"[ \t\r\f]+")
_ASCII_BREAK = re.compile(r"[ \t\r\f]*\n[ \t\r\f\n]*")


@dataclass(frozen=True, slots=True)
class Rules:
    drop_tags: frozenset[str]
    drop_outside_article: frozenset[str]
    drop_roles: frozenset[str]
    drop_class_id: re.Pattern[str]
    drop_class_id_outside_article: re.Pattern[str]
    blocks: frozenset[str]
    meta: dict[str, str]  # lower-cased meta name -> metadata key
    title_separators: re.Pattern[str]


@cache
def rules() -> Rules:
    data = read_yaml(RESOURCE)
    try:
        meta = {str(name).lower(): key for key, names in data["meta"].items() for name in names}
        return Rules(
            frozenset(data["drop_tags"]), frozenset(data["drop_outside_article"]),
            frozenset(data["drop_roles"]), re.compile(data["drop_class_id"], re.I),
            re.compile(data["drop_class_id_outside_article"], re.I),
            frozenset(data["blocks"]), meta, re.compile(data["title_separators"]),
        )
    except (KeyError, TypeError, AttributeError, re.error) as exc:
        raise ResourceError(resource_path(RESOURCE), None, f"missing or malformed entry: {exc}") from exc


def decode_html(data: bytes, path: object) -> tuple[str, str]:
    """Decode with the charset the page declares, unless the bytes read clearly better another way."""
    declared = _DECLARED.search(data[:4096])
    if declared is None or any(data.startswith(bom) for bom, _ in BOMS):
        return decode(data, path)
    label = declared.group(1).decode("ascii").lower()
    codec = _CODEC_ALIASES.get(label, label)
    try:
        text = data.decode(codec)
    except (LookupError, UnicodeDecodeError):
        return decode(data, path)  # a wrong or unknown label: detect as for any text
    try:
        detected, detected_codec = decode(data, path)
    except InputError:
        return text, codec
    if codec != detected_codec and plausibility(text) < plausibility(detected) - 0.02:
        return detected, detected_codec
    return text, codec


def _meta_facts(soup: BeautifulSoup) -> dict[str, str]:
    rule = rules()
    facts: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        name = str(tag.get("name") or tag.get("property") or tag.get("itemprop") or "").strip().lower()
        content = " ".join(str(tag.get("content") or "").split())
        key = rule.meta.get(name)
        if key is None or not content:
            continue
        if key == "publish_date":
            if day := iso_date(content):
                facts.setdefault("publish_date", day)
            if clock := iso_time(content):
                facts.setdefault("publish_time", clock)
        else:
            facts.setdefault(key, content)
    if soup.title is not None and (page_title := " ".join(soup.title.get_text().split())):
        facts["page_title"] = page_title
        first = next((part for part in rule.title_separators.split(page_title) if part.strip()), page_title)
        facts.setdefault("title", first.strip())
    return facts


def _is_junk(tag: Tag) -> bool:
    rule = rules()
    if tag.name in rule.drop_tags or str(tag.get("role", "")).lower() in rule.drop_roles:
        return True
    names = [str(name) for name in (*tag.get("class", []), *([tag["id"]] if tag.get("id") else []))]
    if any(rule.drop_class_id.match(name) for name in names):
        return True
    outside = tag.name in rule.drop_outside_article or any(
        rule.drop_class_id_outside_article.match(name) for name in names
    )
    return outside and tag.find_parent(["article", "main"]) is None


def _drop_junk(soup: BeautifulSoup) -> None:
    for tag in soup.find_all(True):
        if not tag.decomposed and _is_junk(tag):
            tag.decompose()


def _pieces(node: Tag, out: list[str]) -> None:
    blocks = rules().blocks
    for child in node.children:
        if isinstance(child, _SKIPPED):
            continue
        if isinstance(child, NavigableString):
            text = _ASCII_BREAK.sub(_SOFT_BREAK, str(child))
            out.append(_ASCII_SPACE.sub(" ", text))
        elif isinstance(child, Tag):
            if child.name == "br":
                out.append("\n")
            elif child.name == "pre":
                out.extend(("\n", child.get_text(), "\n"))
            else:
                block = child.name in blocks
                out.append("\n" if block else "")
                _pieces(child, out)
                out.append("\n" if block else "")


def body_text(soup: BeautifulSoup) -> str:
    out: list[str] = []
    _pieces(soup.body or soup, out)
    text = _SOFT_NEAR_CJK.sub("", "".join(out)).replace(_SOFT_BREAK, " ")
    lines = (_ASCII_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def read_html(path: Path, data: bytes) -> tuple[str, str, dict[str, str]]:
    """``(text, codec, metadata)`` of a web page."""
    html, codec = decode_html(data, path)
    soup = BeautifulSoup(html, "lxml")
    facts = _meta_facts(soup)
    _drop_junk(soup)
    return body_text(soup), codec, facts
