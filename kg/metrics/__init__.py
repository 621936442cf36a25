"""Metric facts: the numbers a report gives for its work, with unit, qualifier, what they measure and whose.

进驻政务服务事项有1737项 -> (进驻政务服务事项, 1737, 项); 压减率超过77% -> (压减率, 77, %, 超过); 专区办理业务9万余件 ->
(专区办理业务, 90000, 件, 余). A number counts only with a unit from kg/resources/metrics/metrics.yaml, so years,
dates, hotlines (12345) and slogans in quotes (四级60同) are not metrics. Each fact keeps its phrase's offsets, the
body whose work it measures (the clause's actor, else the report's author), the reforms it measures (named in its
sentence, else in the heading of its section), the year and the status of its section.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from decimal import Decimal
from functools import cache
from itertools import accumulate

from kg.model import Document, Entity, Mention, Metric, Report
from kg.nlp.rules.lexicon import alternation, first_chars
from kg.relations.clauses import Ref, clauses, group_before, opening_subject
from kg.relations.timing import Innermost, SectionIndex, clause_year
from kg.resources import read_yaml

__all__ = ["extract_metrics"]

_NUMBER = r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)"


@cache
def config() -> dict:
    cfg = read_yaml("metrics/metrics.yaml")
    units = sorted(cfg["units"], key=len, reverse=True)
    # A match starts with a qualifier or a digit: the lookahead lets the search skip every other position.
    starts = first_chars(cfg["qualifiers_before"]).removesuffix("])") + r"\d])"
    cfg["pattern"] = re.compile(
        rf"{starts}(?P<pre>{alternation(cfg['qualifiers_before'])})?{_NUMBER}"
        rf"(?:(?P<unit>{alternation(units)})|(?P<mult>{alternation(cfg['multipliers'])})?"
        rf"(?P<mid>{alternation(cfg['qualifiers_between'])})?(?P<unit2>{alternation(units)}))"
        rf"(?P<post>{alternation(cfg['qualifiers_after'])})?"
    )
    cfg["strip_before_re"] = re.compile(rf"^(?:{alternation(cfg['measure_strip_before'])})+")
    cfg["strip_after_re"] = re.compile(rf"(?:{alternation(cfg['measure_strip_after'])})+$")
    cfg["counting_re"] = re.compile(rf"{alternation(cfg['counting_verbs'])}$")
    cfg["noun_after_re"] = re.compile(cfg["noun_after_re"])
    cfg["lead_re"] = re.compile(cfg["measure_lead_re"])
    return cfg


def extract_metrics(
    document: Document,
    report: Report,
    mentions: list[Mention],
    key_of: dict[int, str],
    entities: list[Entity],
) -> list[Metric]:
    """Every metric fact of the document, in text order."""
    refs = sorted((Ref(m, key_of[i]) for i, m in enumerate(mentions) if i in key_of), key=lambda r: r.start)
    protected = _Spans(_protected_spans(document.norm))
    sections = SectionIndex(document)
    heading_reforms = _heading_reforms(document, refs)
    names = {e.key: e.name for e in entities}
    out: list[Metric] = []
    starts = [r.start for r in refs]  # sorted: a sentence's refs are one slice
    spans: tuple[tuple[int, int], list[tuple[int, int]]] | None = None  # a sentence and its clauses
    for index, sentence in enumerate(document.sentences):
        in_sentence = refs[bisect_left(starts, sentence.start):bisect_left(starts, sentence.end)]
        floor = sentence.start
        for match in config()["pattern"].finditer(document.norm, sentence.start, sentence.end):
            if protected.covers(match.start("num")) or _range_end(document.norm, match):
                continue
            if spans is None or spans[0] != (sentence.start, sentence.end):  # clauses once per sentence
                spans = ((sentence.start, sentence.end), clauses(document.norm, sentence.start, sentence.end))
            metric = _metric(document, match, in_sentence, names, spans, floor)
            floor = match.end()
            if metric is None:
                continue
            metric.sentence = index
            metric.status = sections.status_at(metric.start)
            metric.year = clause_year(document.norm, sentence.start, match.start()) or sections.fact_year(
                metric.start, report.year, metric.status
            )
            metric.subject = metric.subject or report.author
            metric.about = _reforms(in_sentence, heading_reforms, metric.start)
            out.append(metric)
    return out


def _range_end(text: str, match: re.Match[str]) -> bool:
    start = match.start("num")
    return match.group("pre") is None and text[max(0, start - 2) : start].endswith(tuple(config()["range_marks"]))


class _Spans:
    """Does any of these (possibly overlapping) spans cover an offset? By bisection on their sorted starts and the
    running maximum of their ends, instead of a scan of the document's every title and quotation per number."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.max_end = list(accumulate((end for _, end in ordered), max))

    def covers(self, offset: int) -> bool:
        index = bisect_right(self.starts, offset)
        return index > 0 and self.max_end[index - 1] > offset


def _protected_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for pair in config()["protected"]:
        opening, closing = pair[0], pair[1]
        spans += [(m.start(), m.end()) for m in re.finditer(f"{re.escape(opening)}[^{re.escape(closing)}]*"
                                                            f"{re.escape(closing)}", text)]
    return spans


def _metric(
    document: Document,
    match: re.Match[str],
    refs: list[Ref],
    names: dict[str, str],
    sentence_clauses: tuple[tuple[int, int], list[tuple[int, int]]],
    floor: int,
) -> Metric | None:
    """The fact a number-and-unit match states; ``floor`` is where the previous fact of the sentence ended;
    ``sentence_clauses``: the sentence's span and its clauses."""
    cfg, text = config(), document.norm
    value = Decimal(match.group("num")) * Decimal(cfg["multipliers"].get(match.group("mult") or "", 1))
    unit = match.group("unit") or match.group("unit2")
    qualifiers = [match.group(g) for g in ("pre", "mid", "post") if match.group(g)]
    qualifier = "".join(q for q in qualifiers if q not in cfg["qualifier_ignore"]) or None
    clause_start = _measure_start(text, match.start(), floor, refs)
    measure_start, measure = _measure(text, clause_start, match.start())
    end = match.end()
    joined = measure.endswith(tuple(cfg["conjunctions"]))
    if len(measure) < 2 or joined or cfg["counting_re"].search(measure):
        noun = cfg["noun_after_re"].match(text, end)
        if noun is not None:
            measure = ("" if joined or len(measure) < 2 else measure) + noun.group().rstrip("“《")
            end = noun.end()
    if not measure:
        measure = _named_before(refs, clause_start, names)
    if not measure:
        return None
    agencies = [r for r in refs if r.mention.label == "Agency"]
    sentence, spans = sentence_clauses
    actors = group_before(text, agencies, clause_start, sentence[0]) or opening_subject(text, agencies, spans)
    return Metric(
        measure=measure,
        value=_plain(value),
        unit=unit,
        qualifier=qualifier,
        start=min(measure_start, match.start()),
        end=end,
        subject=actors[0].key if actors else None,
    )


def _measure_start(text: str, number: int, floor: int, refs: list[Ref]) -> int:
    """Where the measure phrase may begin: after the last break, and after any body named in between (the
    body is whose work it is, not what is measured: 我局共58人通过执法考试)."""
    breaks = config()["measure_breaks"]
    start = number
    while start > floor and text[start - 1] not in breaks:
        start -= 1
    for ref in refs:
        if start <= ref.start and ref.end <= number and ref.mention.label in ("Agency", "Place"):
            start = ref.end
    return start


def _measure(text: str, start: int, end: int) -> tuple[int, str]:
    cfg = config()
    if end - start > cfg["measure_max_chars"]:
        start = end - cfg["measure_max_chars"]
        while start < end and (text[start].isdigit() or text[start] in "”》"):
            start += 1  # cut inside a number or a quotation: start after it
    phrase = text[start:end]
    cut = _after_unmatched_close(phrase)
    start, phrase = start + cut, phrase[cut:]
    for lead_re in (cfg["lead_re"], cfg["strip_before_re"], cfg["lead_re"]):
        lead = lead_re.match(phrase)
        if lead:
            start += lead.end()
            phrase = phrase[lead.end() :]
    phrase = cfg["strip_after_re"].sub("", phrase)
    return start, phrase.strip().rstrip("“《")


def _after_unmatched_close(phrase: str) -> int:
    """Where a phrase cut inside a title or quotation (…实施办法》等区规范性文件) really starts: after the close."""
    cut, depth = 0, 0
    for i, char in enumerate(phrase):
        if char in "《“":
            depth += 1
        elif char in "》”":
            if depth == 0:
                cut = i + 1
            depth = max(0, depth - 1)
    return cut


def _named_before(refs: list[Ref], clause_start: int, names: dict[str, str]) -> str:
    """(共360项) right after 《…清单》: the count is of the named document's items."""
    before = [r for r in refs if clause_start - 3 <= r.end <= clause_start]
    return names.get(before[-1].key, "") if before else ""


def _start(ref: Ref) -> int:
    return ref.start


def _heading_reforms(document: Document, refs: list[Ref]) -> Innermost[list[str]]:
    """The reforms named in the headings of the sections holding an offset, innermost first (5.深化“放管服”改革
    above 三是…实行承诺审批: both frame what the item reports)."""
    found: list[list[str] | None] = []
    open_sections: list[tuple[int, list[str]]] = []  # (end, the reforms of its heading and of those above it)
    for section in document.sections:
        while open_sections and open_sections[-1][0] <= section.start:
            open_sections.pop()
        low = bisect_left(refs, section.start, key=_start)  # refs are sorted by start
        high = bisect_left(refs, section.heading_end, lo=low, key=_start)
        own = [r.key for r in refs[low:high] if r.mention.label == "Reform"]
        chain = own + (open_sections[-1][1] if open_sections else [])
        open_sections.append((section.end, chain))
        found.append(chain or None)
    return Innermost(document.sections, found)


def _reforms(in_sentence: list[Ref], heading_reforms: Innermost[list[str]], offset: int) -> list[str]:
    """Reforms named in the sentence, and those of the headings of the sections holding the fact: a figure under
    5.深化“放管服”改革 measures that reform's work even where its sentence or item names a narrower one."""
    found = [r.key for r in in_sentence if r.mention.label == "Reform"]
    return list(dict.fromkeys([*found, *(heading_reforms.at(offset) or [])]))


def _plain(value: Decimal) -> str:
    """1737, 99.3, 90000: no exponent, no trailing zeros."""
    return format(value.normalize(), "f")
