"""Clauses and their subjects: who does what in a sentence.

A sentence splits into clauses at ，；： and at enumerations (一是/二是). The actor of a trigger verb is the agency
right before it in its clause (市委、市政府建设“法治益阳”), else the agency that opens a clause of the sentence
(街道党工委、办事处高度重视), else the report's author. Agencies after 在 / 按照 / 向 ... or before 的 / 领导 are
the circumstances of an act, never its actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.model import Mention
from kg.nlp.rules.lexicon import alternation
from kg.resources import read_yaml

OPENING, CLOSING = "《“<〈", "》”>〉"  # marks that open and close a title or quotation (no clause break inside)
_BRACKET = re.compile(r"[(（)）]")
MAX_GAP = 8  # characters between an actor and its verb (市委市政府"的坚强领导下" is not a gap but a context)


@dataclass(slots=True)
class Ref:
    """A resolved mention: where it is and which entity it belongs to."""

    mention: Mention
    key: str

    @property
    def start(self) -> int:
        return self.mention.start

    @property
    def end(self) -> int:
        return self.mention.end


def own_documents(refs: list[Ref], text: str = "") -> list[Ref]:
    """The document whose title opens the text, then the documents its title carries (关于印发《…方案》的通知): who
    cites in the document's own name, and what its signers issue. ``refs`` sorted by start. With ``text``, the
    title may follow the order that promulgated it (科学技术部令第11号 《…办法（试行）》: rules.yaml ``order_header``),
    as a ministry's or a government's rule is published."""
    documents = ("PolicyDocument", "Law")
    header = config()["order_header_re"].match(text) if text else None
    opens = header.end() if header else 2
    title = next((r for r in refs if r.start <= opens and r.mention.label in documents), None)
    if title is None:
        return []
    return [title, *(r for r in refs if r is not title and r.mention.label in documents
                     and title.start <= r.start and r.end <= title.end)]


@cache
def config() -> dict:
    cfg = read_yaml("relations/rules.yaml")
    cfg["break_re"] = re.compile(f"[{re.escape(cfg['clause_breaks'])}]|{cfg['enumeration']}")
    cfg["not_before_re"] = re.compile(alternation(cfg["not_subject_before"]) + r"\s*$")
    cfg["not_after_re"] = re.compile(r"\s*" + alternation(cfg["not_subject_after"]))
    cfg["on_behalf_re"] = re.compile(alternation(cfg["on_behalf_after"]))
    cfg["drafter_note_re"] = re.compile(rf"[（(][^（()）。；;]{{2,60}}(?:{alternation(cfg['drafter_words'])})[)）]")
    cfg["attachment_after_re"] = re.compile(cfg["attachment_after"])
    cfg["attachment_open_re"] = re.compile(cfg["attachment_open"])
    cfg["attachment_item_re"] = re.compile(cfg["attachment_item"])
    cfg["provision_after_re"] = re.compile(cfg["provision_after"])
    cfg["order_header_re"] = re.compile(cfg["order_header"])
    cfg["basis_itself_re"] = re.compile(
        rf"(?:{alternation(cfg['basis_enacting_verbs'])})\s*本({alternation(cfg['basis_kinds'])})"
    )
    cfg["basis_named_re"] = re.compile(
        rf"(?:{alternation(cfg['basis_named_verbs'])})了?\s*[《〈<]"
    )
    cfg["basis_named_trigger_re"] = re.compile(alternation(cfg["basis_named_triggers"]))
    cfg["founding_re"] = re.compile(cfg["founding"])
    cfg["issuer_before_title_re"] = re.compile(cfg["issuer_before_title"])
    cfg["drafter_gloss_re"] = re.compile(r"\s*[（(][^（()）]{1,8}[)）]\s*$")
    cfg["lead_in_re"] = re.compile(
        rf"[{re.escape(cfg['clause_breaks'])}\s]*(?:{cfg['enumeration']}|{cfg['item_marker']})?\s*"
        + rf"(?:{alternation(cfg['subject_lead_ins'])})?\s*$"
    )
    cfg["subject_follows_re"] = re.compile(
        rf"[{re.escape(cfg['clause_breaks'])}\s]*(?:{cfg['enumeration']}|{cfg['item_marker']})?\s*"
        + rf"(?:{alternation(cfg['subject_lead_ins'])})?\s*{alternation(cfg['subject_follows_after'])}"
    )
    # One search gives every place clauses() looks at: a title or quotation mark, or where a break starts.
    cfg["clause_event_re"] = re.compile(f"[{re.escape(OPENING + CLOSING)}]|(?={cfg['break_re'].pattern})")
    for rel in cfg["relations"].values():
        rel["trigger_re"] = re.compile(alternation(rel["triggers"]))
        if rel.get("triggers_after"):
            rel["after_re"] = re.compile(alternation(rel["triggers_after"]))
        if rel.get("report_triggers"):
            rel["report_trigger_re"] = re.compile(alternation(rel["triggers"] + rel["report_triggers"]))
        if rel.get("report_nouns_after"):
            rel["report_noun_re"] = re.compile(rf"[{re.escape(CLOSING)}]?{alternation(rel['report_nouns_after'])}")
    return cfg


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans of text[start:end]; a break never falls inside 《》 or “”.

    Only the marks and the breaks are visited (one regex search), not every character."""
    out, clause_start, depth = [], start, 0
    for event in config()["clause_event_re"].finditer(text, start):
        i = event.start()
        if i >= end:
            break
        char = text[i]
        if event.end() > i and char in OPENING:
            depth += 1
        elif event.end() > i:
            depth = max(0, depth - 1)
        elif depth == 0 and i > clause_start:
            out.append((clause_start, i))
            clause_start = i
    if clause_start < end:
        out.append((clause_start, end))
    return out


def can_act(text: str, ref: Ref) -> bool:
    cfg = config()
    before = text[max(0, ref.start - 4) : ref.start]
    return not cfg["not_before_re"].search(before) and not cfg["not_after_re"].match(text, ref.end)


def group_before(text: str, agencies: list[Ref], position: int, floor: int) -> list[Ref]:
    """The agencies that end right before ``position`` (joined by 、 / 和 / 及), nearest last."""
    group: list[Ref] = []
    cursor = position
    for ref in sorted(agencies, key=lambda r: r.end, reverse=True):
        if ref.end > cursor or ref.start < floor:
            continue
        gap = text[ref.end : cursor]
        limit = MAX_GAP if not group else 2
        if len(gap) > limit or "的" in gap or (group and gap.strip("、和及与 ")):
            break
        group.insert(0, ref)
        cursor = ref.start
    if not group:
        return []
    right_before = group[-1].end == position  # 市委、市政府建设…: the actor of this verb, whatever precedes
    return group if right_before or can_act(text, group[0]) else []


def opening_subject(text: str, agencies: list[Ref], spans: list[tuple[int, int]]) -> list[Ref]:
    """Agencies that open a clause of the sentence: its grammatical subject. Only a time or linking phrase
    (今年来, 同时) may stand before it: in 建设智慧城市运行指挥中心 the body is what is built, not who acts."""
    lead_in = config()["lead_in_re"]
    for start, end in spans:
        opening = [r for r in agencies if start <= r.start < end and lead_in.match(text[start : r.start])]
        if opening:
            group = [opening[0]]
            for ref in sorted(agencies, key=lambda r: r.start):
                if ref.start >= group[-1].end and not text[group[-1].end : ref.start].strip("、和及与 "):
                    group.append(ref)
            if can_act(text, group[0]):
                return group
    return []


def parenthesised(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans inside round brackets in text[start:end] (glosses and examples, not statements)."""
    spans, opened = [], None
    for bracket in _BRACKET.finditer(text, start, end):
        i = bracket.start()
        if text[i] in "(（" and opened is None:
            opened = i
        elif text[i] in ")）" and opened is not None:
            spans.append((opened, i + 1))
            opened = None
    return spans


def on_behalf_of(text: str, agencies: list[Ref], clause: tuple[int, int]) -> list[Ref]:
    """Bodies in whose name the clause's act is done (以市政府办名义公布《…》): they act as well."""
    pattern = config()["on_behalf_re"]
    return [
        r
        for r in agencies
        if clause[0] <= r.start < clause[1]
        and text[max(clause[0], r.start - 2) : r.start].endswith(tuple(config()["on_behalf_before"]))
        and pattern.match(text, r.end)
    ]
