"""The data that flows between the pipeline's stages.

Every offset is a character offset into ``Document.text``, the document's text exactly as decoded from its file
(or extracted from HTML/DOCX/PDF). ``Document.norm`` has the same length and holds the matching view (Traditional
folded to Simplified, full-width ASCII folded to half-width, boilerplate blanked), so a span found in ``norm`` is
the same span in ``text``: surface forms are always read from ``text``.

All classes are plain dataclasses so that an ``Extraction`` pickles across worker processes.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

ENTITY_TYPES: tuple[str, ...] = (
    "Agency",
    "Organization",
    "Law",
    "PolicyDocument",
    "Reform",
    "Place",
    "Person",
    "Platform",
)
RELATION_TYPES: tuple[str, ...] = (
    "implements",
    "issued",
    "cites",
    "promotes",
    "locatedIn",
    "subOrganizationOf",
    "employs",
)
# Which entity types each relation joins (../shared/gold/SCHEMA.md; the ontology's domains and ranges).
RELATION_SIGNATURES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "implements": (frozenset({"Agency"}), frozenset({"Reform"})),
    "issued": (frozenset({"Agency"}), frozenset({"PolicyDocument", "Law"})),
    "cites": (frozenset({"Agency", "PolicyDocument", "Law"}), frozenset({"Law", "PolicyDocument"})),
    "promotes": (frozenset({"Agency"}), frozenset({"Law"})),
    "locatedIn": (frozenset({"Agency", "Organization"}), frozenset({"Place"})),
    "subOrganizationOf": (frozenset({"Agency"}), frozenset({"Agency"})),
    "employs": (frozenset({"Agency", "Organization"}), frozenset({"Person"})),
}
# Relations the graph states beyond the annotation schema's seven: never annotated, scored or in the gold JSON.
GRAPH_ONLY_RELATIONS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "operates": (frozenset({"Agency", "Organization"}), frozenset({"Platform"})),
}
Status = Literal["achieved", "planned", "problem"]
T = TypeVar("T")


@dataclass(slots=True)
class Section:
    """A numbered part of a report (一、 / (一) / 1. / 一是), with the status its heading implies."""

    start: int
    end: int
    level: int
    heading: str
    heading_end: int
    status: Status | None = None


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    section: int | None = None  # index into Document.sections of the innermost section


class Innermost(Generic[T]):
    """A value per section, looked up by offset: the value of the last section (in document order, so the
    innermost) that holds the offset and has one, else None; what ``Document.status_at`` and ``heading_year``
    compute by scanning every section, by bisection instead, for the thousands of lookups of one report.

    Which sections hold an offset changes only where a section starts or ends, so the answer is constant between
    consecutive boundaries: it is computed once per stretch.
    """

    def __init__(self, sections: list[Section], values: list[T | None]) -> None:
        self.bounds = sorted({0, *(s.start for s in sections), *(s.end for s in sections)})
        self.values: list[T | None] = [None] * len(self.bounds)
        for section, value in zip(sections, values, strict=True):
            lo, hi = bisect_right(self.bounds, section.start) - 1, bisect_right(self.bounds, section.end - 1)
            if value is not None and hi > lo:  # an empty section holds no offset
                self.values[lo:hi] = [value] * (hi - lo)

    def at(self, offset: int) -> T | None:
        index = bisect_right(self.bounds, offset) - 1
        return self.values[index] if index >= 0 else None  # before every section: none holds it


@dataclass(slots=True)
class Document:
    doc_id: str  # file stem: the key of gold files and of the report's IRI
    path: str
    text: str
    norm: str
    sha256: str  # of the file's bytes
    media_type: str  # text/plain, text/html, application/pdf, ...
    encoding: str | None
    metadata: dict[str, str] = field(default_factory=dict)  # title, publish_date, source, ... from the page
    boilerplate: list[tuple[int, int]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence that contains ``offset`` (binary search; sentences are sorted)."""
        lo, hi = 0, len(self.sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            sent = self.sentences[mid]
            if offset < sent.start:
                hi = mid
            elif offset >= sent.end:
                lo = mid + 1
            else:
                return mid
        return None

    def status_at(self, offset: int) -> Status | None:
        """The status (achieved/planned/problem) of the innermost section holding ``offset`` with one."""
        found: Status | None = None
        for sec in self.sections:
            if sec.start <= offset < sec.end and sec.status is not None:
                found = sec.status
        return found


@dataclass(slots=True)
class Mention:
    """One occurrence of an entity in the text."""

    start: int
    end: int
    label: str  # entity type
    text: str  # surface form as written (Traditional kept)
    norm: str  # folded surface form (Simplified, half-width)
    source: str  # rule id or model name that found it
    confidence: float = 1.0
    kb_id: str = ""  # canonical name or code suggested by the rule (span.id_), resolved later


@dataclass(slots=True)
class Entity:
    """A resolved entity of one report: a canonical name and all of its mentions."""

    key: str  # stable identity across reports: "<Type>/<canonical name>" or report-scoped for local names
    type: str
    name: str  # canonical, Simplified
    mentions: list[Mention] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)  # surface forms and known alternative names
    attributes: dict[str, str] = field(default_factory=dict)  # division code, legal rank, post ...
    merges: list[tuple[str, str]] = field(default_factory=list)  # (surface form, resolution rule) behind it


@dataclass(slots=True)
class Evidence:
    sentence: int | None
    start: int  # of the supporting text span (trigger .. object)
    end: int
    rule: str
    confidence: float
    status: Status | None = None  # of the section holding the span: done, planned or a problem
    year: int | None = None  # the year the fact belongs to (a plan for 2022 in a 2021 report: 2022)


@dataclass(slots=True)
class Relation:
    subject: str  # Entity.key
    predicate: str
    object: str  # Entity.key
    evidence: list[Evidence] = field(default_factory=list)
    status: Status | None = None


@dataclass(slots=True)
class Metric:
    """A number the report states about its work (进驻政务服务事项有1737项, 办结率99.3%), with what it measures."""

    measure: str  # what is counted or rated, as the report words it (进驻政务服务事项, 办结率)
    value: str  # the number as a plain decimal string, multipliers applied (9万余件 -> "90000")
    unit: str  # 项, 件, %, 万元, 个工作日 ...
    qualifier: str | None  # 超过, 以上, 余, 近, 不少于 ... (None: exactly)
    start: int  # of the phrase (measure .. unit)
    end: int
    subject: str | None = None  # Entity.key of the body whose work it measures
    about: list[str] = field(default_factory=list)  # Entity.keys of the reforms it measures
    year: int | None = None
    status: Status | None = None
    sentence: int | None = None
    rule: str = "metric.pattern"
    confidence: float = 0.7


@dataclass(slots=True)
class Report:
    """What the report is: who wrote it, about which year, where."""

    author: str | None = None  # Entity.key of the authoring body
    author_name: str | None = None
    year: int | None = None
    place: str | None = None  # Entity.key of the place
    place_name: str | None = None
    place_code: str | None = None  # official division code of the place (names repeat: 龙华区 in 深圳 and 海口)
    title: str | None = None
    publish_date: str | None = None  # ISO date when the page or the signature gives one
    source: str | None = None  # 来源 line of the web page


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one document: the pure result of ``kg.pipeline.extract_document``."""

    document: Document
    report: Report
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)

    def entity(self, key: str) -> Entity | None:
        for ent in self.entities:
            if ent.key == key:
                return ent
        return None
