"""Candidate spans proposed by the rule families, and the choice among overlapping candidates."""

from __future__ import annotations

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

    Two candidates over exactly the same characters keep only the better one.
    """
    ordered = sorted(
        candidates, key=lambda c: (-c.length, -c.priority, -c.confidence, c.start, c.label, c.rule)
    )
    kept: list[Candidate] = []
    for cand in ordered:
        if cand.length <= 0:
            continue
        ok = True
        for other in kept:
            if cand.start >= other.end or cand.end <= other.start:
                continue  # disjoint
            if (cand.start, cand.end) == (other.start, other.end):
                ok = False
                break
            inside = other.start <= cand.start and cand.end <= other.end
            if inside and cand.label != other.label and cand.length >= other.length - 2:
                ok = False  # “好差评” as a platform and 好差评 inside it: one mention
                break
            if inside and cand.rule == "agency.abbreviation" and other.label == "Agency":
                ok = False  # 市委 inside 市委全面依法治市委员会 names the parent, not a mention of its own
                break
            if not (inside and cand.label in NESTABLE):
                ok = False
                break
        if ok:
            kept.append(cand)
    kept.sort(key=lambda c: (c.start, -c.length))
    return kept


def outermost(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates not inside another one: a non-overlapping layer for ``doc.ents``."""
    result: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.start, -c.length)):
        if result and cand.start < result[-1].end:
            continue
        result.append(cand)
    return result
