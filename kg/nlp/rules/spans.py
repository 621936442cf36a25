"""Candidate spans proposed by the rule families, and the choice among overlapping candidates."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

# Entity types that may sit inside a longer mention as mentions of their own (the place in 益阳市司法局, the
# issuer inside a document title, the committee inside 委员会办公室).
NESTABLE = frozenset(
    {"Place", "Agency", "PolicyDocument", "Law", "Organization", "Platform", "Reform", "Person"}
)


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    label: str
    rule: str
    kb_id: str = ""
    confidence: float = 1.0
    priority: int = 0  # higher wins among crossing candidates of equal length

    @property
    def length(self) -> int:
        return self.end - self.start


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Keep a consistent set: longest (then highest priority) first; nested candidates survive, crossing ones do not.

    Two candidates over exactly the same characters keep only the better one. A candidate is checked only
    against the kept ones that may overlap it (found by start offset), not against every kept one: the same
    choice, linear instead of quadratic in the number of candidates.
    """
    ordered = sorted(
        candidates, key=lambda c: (-c.length, -c.priority, -c.confidence, c.start, c.label, c.rule)
    )
    kept: list[Candidate] = []
    starts: list[int] = []  # of the kept candidates, sorted, with ``by_start`` in the same order
    by_start: list[Candidate] = []
    longest = 0  # no kept candidate is longer, so one that overlaps ``cand`` starts after cand.start - longest
    for cand in ordered:
        if cand.length <= 0:
            continue
        near = by_start[bisect_left(starts, cand.start - longest + 1):bisect_left(starts, cand.end)]
        if all(_compatible(cand, other) for other in near):
            kept.append(cand)
            at = bisect_right(starts, cand.start)
            starts.insert(at, cand.start)
            by_start.insert(at, cand)
            longest = max(longest, cand.length)
    kept.sort(key=lambda c: (c.start, -c.length))
    return kept


def _compatible(cand: Candidate, other: Candidate) -> bool:
    """May ``cand`` be kept beside ``other`` (kept already, so at least as long)?"""
    if cand.start >= other.end or cand.end <= other.start:
        return True  # disjoint
    if (cand.start, cand.end) == (other.start, other.end):
        return False
    inside = other.start <= cand.start and cand.end <= other.end
    if inside and cand.label != other.label and cand.length >= other.length - 2 and not _place_of(cand, other):
        return False  # “好差评” as a platform and 好差评 inside it: one mention
    if inside and cand.rule == "agency.abbreviation" and other.label == "Agency":
        return False  # 市委 inside 市委全面依法治市委员会 names the parent, not a mention of its own
    if inside and cand.end == other.end and cand.label == other.label:
        return False  # 政法委 ending 中央政法委: the name's own head, not a second mention
    if inside and cand.label == other.label == "Platform":
        return False  # 国家企业信用信息系统 inside “国家企业信用信息系统(广西)”: the same system
    return inside and cand.label in NESTABLE


def _place_of(cand: Candidate, other: Candidate) -> bool:
    """The division a short name opens with (岳阳楼区 in 岳阳楼区分局, 河北 in “河北人社”): a place mention of its
    own."""
    return cand.label == "Place" and cand.start == other.start


def outermost(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates not inside another one: a non-overlapping layer for ``doc.ents``."""
    result: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.start, -c.length)):
        if result and cand.start < result[-1].end:
            continue
        result.append(cand)
    return result
