"""Markup in the data reaches the page as text, never as markup: a name with ``<``, ``"``, ``'``, ``&`` and ``\\``
travels through every text field of the page (datalist, notes, legend, tooltips, panel). What any page must
guarantee, whatever its layout: outside its script blocks the raw name never appears, and the JSON the scripts
carry parses back to the name exactly."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
from seed_extractions import seed_000

from kg.rdf import to_quads
from kg.viz import View, render_html

# no "/" (it is also a file-name stem below) and no "<script": a raw one would hide inside the stripped blocks
PAYLOAD = "<i title=\"a&amp;b\">益阳市行政审批服务局\\'</i"
AUTHOR = "Agency/益阳市行政审批服务局"
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.S | re.I)


def _payload_store() -> ox.Store:
    """Seed 000 with its author named (key and name: the preferred label is the key's name), aliased and its
    report filed under the payload."""
    extraction = seed_000()
    author = next(e for e in extraction.entities if e.key == AUTHOR)
    author.name, author.key = PAYLOAD, f"Agency/{PAYLOAD}"
    author.aliases.add(PAYLOAD)
    for relation in extraction.relations:
        relation.subject = author.key if relation.subject == AUTHOR else relation.subject
        relation.object = author.key if relation.object == AUTHOR else relation.object
    extraction.report.author, extraction.report.author_name = author.key, PAYLOAD
    extraction.document.path = f"/reports/{PAYLOAD}.txt"
    store = ox.Store()
    store.extend(to_quads(extraction))
    return store


def _json_strings(script: str) -> set[str]:
    """Every JSON string literal a script holds, decoded (each ``"`` tried as the start of one)."""
    decoder, found = json.JSONDecoder(), set()
    for match in re.finditer('"', script):
        try:
            value, _ = decoder.raw_decode(script, match.start())
        except ValueError:
            continue
        found.add(value)
    return found


def test_viz_markup_in_names_is_text_everywhere_on_the_page(tmp_path: Path) -> None:
    out = tmp_path / "kg.html"
    view = View(report=Path(f"/elsewhere/{PAYLOAD}.txt"), communities=True)
    selection = render_html(_payload_store(), out, view)
    assert any(PAYLOAD in note for note in selection.notes)  # the --report note names the file
    page = out.read_text(encoding="utf-8")
    outside = _SCRIPT.sub("", page)
    assert PAYLOAD not in outside
    assert "<i title" not in outside  # not even the tag alone
    scripts = [block for block in _SCRIPT.findall(page) if len(block) < 200_000]  # not the inlined vis.js
    strings = {text for block in scripts for text in _json_strings(block) if "益阳市行政审批服务局" in text}
    assert PAYLOAD in strings  # the label, parsed back exactly
    assert any(text.startswith(PAYLOAD + " · ") for text in strings)  # the node's hover line
    assert f"/reports/{PAYLOAD}.txt" in strings  # the report's path, which the text reader shows
