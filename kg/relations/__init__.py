"""Rule-based relation extraction (rules in kg/resources/relations/rules.yaml).

Text relations come from trigger verbs in clauses (制定《…》 -> issued, 根据《…》 -> cites, 推进“…” -> implements,
学习《…》 -> promotes); structural ones from names and titles (a title's issuer, a body's place prefix, a
sub-body's parent). Every relation keeps its evidence: sentence, offsets, rule and confidence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache
from itertools import accumulate
from pathlib import Path

from kg.ingest.genre import document_genre, is_report
from kg.model import Document, Entity, Evidence, Mention, Relation, Report, Sentence
from kg.relations.clauses import (
    CLOSING,
    Ref,
    clauses,
    config,
    group_before,
    on_behalf_of,
    opening_subject,
    own_documents,
    parenthesised,
)
from kg.relations.learned import cues, decide, load_relation_model
from kg.relations.operation import operators
from kg.relations.structure import employment, founded, structural
from kg.relations.timing import SectionIndex
from kg.resolve.entities import self_references, title_stem

__all__ = ["extract_relations", "learned_relations"]

CONTAINERS = ("PolicyDocument", "Law")
ENUMERATION_LEVEL = 4  # 一是/二是 items (kg/resources/sections.yaml)


class Collector:
    """Relations keyed by (s, p, o), each gathering all of its evidence."""

    def __init__(self, document: Document, report: Report) -> None:
        self.document = document
        self.sections = SectionIndex(document)
        self.year = report.year
        self.relations: dict[tuple[str, str, str], Relation] = {}

    def add(self, s: str, p: str, o: str, start: int, end: int, rule: str, confidence: float) -> None:
        """One more piece of evidence for (s, p, o); it takes the status and year of the section it is in."""
        if s == o:
            return
        relation = self.relations.setdefault((s, p, o), Relation(s, p, o))
        if end <= start:
            return  # no stretch of text shows it (an author known from the page's metadata only): no evidence
        sentence = self.document.sentence_at(start)
        status = self.sections.status_at(start)
        year = self.sections.fact_year(start, self.year, status)
        relation.evidence.append(Evidence(sentence, start, end, rule, confidence, status, year))
        if relation.status is None:
            relation.status = status


def extract_relations(
    document: Document,
    mentions: list[Mention],
    key_of: dict[int, str],
    entities: list[Entity],
    report: Report,
) -> list[Relation]:
    refs = [Ref(m, key_of[i]) for i, m in enumerate(mentions) if i in key_of]
    refs.sort(key=lambda r: (r.start, -r.end))
    collector = Collector(document, report)
    inside = _Containers([r for r in refs if r.mention.label in CONTAINERS])
    outer = [r for r in refs if not inside.holds(r)]
    starts = [r.start for r in outer]  # sorted: a sentence's refs are one slice (bisect, not a scan per sentence)
    carried = EnumerationSubjects(document)
    reporting = is_report(document.norm)  # its author carries out what it lists
    for sentence in document.sentences:
        in_sentence = outer[bisect_left(starts, sentence.start):bisect_left(starts, sentence.end)]
        _sentence_relations(document, in_sentence, sentence, carried, report, collector, reporting)
    _title_relations(refs, collector, [r.start for r in refs])
    _signature_relations(document, refs, collector)
    _issuers_before_titles(document.norm, refs, collector)
    _drafter_notes(document.norm, refs, collector)
    _order_issuers(document.norm, refs, collector)
    _attachments(document.norm, refs, report, collector)
    _basis_of_itself(document, refs, collector)
    _basis_of_named(document, refs, collector)
    _title_carries_out(document.norm, refs, collector)
    _provisions_followed(document.norm, refs, collector)
    _own_title_issued(document, refs, report, collector)
    structural(entities, report, collector)
    founded(document.norm, refs, collector)
    employment(document, refs, report, collector, entities)
    operators(document, outer, entities, report, collector)
    return list(collector.relations.values())


class _Containers:
    """Is a ref inside a title (a PolicyDocument or Law span that is not its own)? Containers sorted by start with
    the running maximum of their ends answer by bisection, not by a scan of every title per ref."""

    def __init__(self, containers: list[Ref]) -> None:
        ordered = sorted(containers, key=lambda r: r.start)
        self.starts = [r.start for r in ordered]
        self.ends = [r.end for r in ordered]
        self.max_end = list(accumulate(self.ends, max))

    def holds(self, ref: Ref) -> bool:
        """Some container with start <= ref.start and ref.end <= end, over other characters than ref's own."""
        before = bisect_left(self.starts, ref.start)  # containers that start strictly before ref
        if before and self.max_end[before - 1] >= ref.end:
            return True
        same = bisect_left(self.starts, ref.start + 1)  # ... and those that start where it starts
        return any(end > ref.end for end in self.ends[before:same])


class EnumerationSubjects:
    """The subject a list of 一是/二是 items carries over from the sentence that introduces it: in
    今年来街道党工委、办事处主要从以下几个方面入手。一是… 二是…, both bodies act in every item. A sentence that
    names its own subject keeps it; nothing carries across sections."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.last: dict[int | None, list[Ref]] = {}  # section index -> subject of its latest sentence
        self.parents: dict[int, int | None] = {}  # section index -> parent_of (every sentence asks)

    def parent_of(self, index: int | None) -> int | None:
        """The innermost section holding an enumeration item that is not itself an item."""
        if index is None:
            return None
        if index not in self.parents:
            self.parents[index] = self._parent_of(index)
        return self.parents[index]

    def _parent_of(self, index: int) -> int | None:
        sections, item = self.document.sections, self.document.sections[index]
        if item.level < ENUMERATION_LEVEL:
            return None
        parents = [
            i
            for i, sec in enumerate(sections)
            if sec.level < ENUMERATION_LEVEL and sec.start <= item.start < sec.end
        ]
        return parents[-1] if parents else None

    def inherited(self, sentence: Sentence) -> list[Ref]:
        """The subject a sentence would carry over from its enumeration if it named none itself."""
        parent = self.parent_of(sentence.section)
        return [] if parent is None else self.last.get(parent, [])

    def subject(self, sentence: Sentence, own: list[Ref]) -> list[Ref]:
        parent = self.parent_of(sentence.section)
        if parent is None:
            self.last[sentence.section] = own
            return own
        return own or self.last.get(parent, [])


@dataclass(slots=True)
class _Clause:
    """What a trigger in one clause needs: the text, the clause span, the bodies that may act, the sentence's
    subject and the glosses (parenthesised spans) where nothing fires."""

    text: str
    span: tuple[int, int]
    agencies: list[Ref]
    default: list[Ref]
    glosses: list[tuple[int, int]]
    author: str | None
    documents: list[Ref]  # the document naming itself in the clause (本报告依据《条例》编制): a subject of cites
    report: bool = False  # a report's text: the words rules.yaml gives for reports count too


def _sentence_relations(
    document: Document,
    refs: list[Ref],
    sentence: Sentence,
    carried: EnumerationSubjects,
    report: Report,
    collector: Collector,
    reporting: bool = False,
) -> None:
    text = document.norm
    spans = clauses(text, sentence.start, sentence.end)
    agencies = [r for r in refs if r.mention.label == "Agency"]
    inherited = carried.inherited(sentence)
    opening = opening_subject(text, agencies, spans)
    default = carried.subject(sentence, opening)
    glosses = parenthesised(text, sentence.start, sentence.end)
    starts = [r.start for r in refs]  # sorted: a clause's refs are one slice
    for span in spans:
        in_clause = refs[bisect_left(starts, span[0]) : bisect_left(starts, span[1])]
        if not in_clause:
            continue  # no object for any trigger to relate to
        acting = default
        if opening and span[1] <= opening[0].start and not _leads_to_subject(text, span):
            acting = inherited  # 全面落实…制度，区司法局组织…: the body opening a later clause is not this one's actor
        itself = [r for r in in_clause if r.mention.label in CONTAINERS and r.mention.norm in self_references()]
        clause = _Clause(text, span, agencies, acting, glosses, report.author, itself, reporting)
        for predicate, rule in config()["relations"].items():
            objects = [r for r in in_clause if r.mention.label in rule["objects"]]
            if objects:
                _fire(clause, predicate, rule, objects, collector)


def _leads_to_subject(text: str, span: tuple[int, int]) -> bool:
    """Does the clause open with a basis or purpose (根据…要求, 为推进…) that the later subject's act depends on?"""
    return bool(config()["subject_follows_re"].match(text, *span))


def _fire(clause: _Clause, predicate: str, rule: dict, objects: list[Ref], collector: Collector) -> None:
    """Each trigger in the clause relates its actors to the objects on its side (after it, before it for
    triggers_after such as 与“…”紧密结合, anywhere in the clause for window both)."""
    text = clause.text
    before_re = rule.get("report_trigger_re", rule["trigger_re"]) if clause.report else rule["trigger_re"]
    found = [(m, "before") for m in before_re.finditer(text, *clause.span)]
    if rule.get("after_re"):
        found += [(m, "after") for m in rule["after_re"].finditer(text, *clause.span)]
    if clause.report and rule.get("report_noun_re"):  # “千万工程”经验, 数字吉林建设: the noun right after the object
        found += [(m, "noun") for o in objects if (m := rule["report_noun_re"].match(text, o.end, clause.span[1]))]
    for trigger, side in found:
        if any(o.start <= trigger.start() < o.end for o in objects):
            continue  # a trigger word inside a name (推进“放管服”改革 is fine, 《…实施方案》 is not)
        if any(start < trigger.start() < end for start, end in clause.glosses):
            continue  # (一个规划:编制…方案): a gloss explains a slogan, it reports no act
        if rule.get("not_inside_names") and _inside_a_name(clause, trigger.start()):
            continue  # 河北省教育厅, 《专业技术人员继续教育规定》: a word of a name, no act
        if text.startswith(tuple(rule.get("not_followed_by", ())), trigger.end()):
            continue
        if text.endswith(tuple(rule.get("not_preceded_by", ())), clause.span[0], trigger.start()) and not (
            text.endswith(tuple(rule.get("preceded_ok", ())), clause.span[0], trigger.start())
        ):
            continue  # 新修订行政处罚法: a participle, not an act
        if rule["window"] == "both":
            targets = objects
        elif side == "after":
            targets = [o for o in objects if o.end <= trigger.start()]
        elif side == "noun":
            targets = [o for o in objects if o.end == trigger.start()]
        else:
            targets = [o for o in objects if o.start >= trigger.end()]
        if not targets:
            continue
        actors = group_before(text, clause.agencies, trigger.start(), clause.span[0]) or clause.default
        subjects = [a.key for a in actors] or ([clause.author] if clause.author else [])
        if predicate in rule_subjects_itself():
            itself = [d for d in clause.documents if d.end <= trigger.start()]
            subjects = [itself[-1].key] if itself else subjects
        subjects += [a.key for a in on_behalf_of(text, clause.agencies, clause.span)]
        for subject in subjects:
            for target in targets:
                start, end = min(trigger.start(), target.start), max(trigger.end(), target.end)
                rule_id = f"{predicate}.trigger:{trigger.group().lstrip(CLOSING)}"
                collector.add(subject, predicate, target.key, start, end, rule_id, rule["confidence"])
        if rule["window"] == "both":
            return


def _inside_a_name(clause: _Clause, at: int) -> bool:
    """Is ``at`` inside a body's name or a title (between 《 and its 》, recognised or not) of the clause?"""
    if any(a.start <= at < a.end for a in clause.agencies):
        return True
    before = clause.text[clause.span[0] : at]
    return before.count("《") > before.count("》")


@cache
def rule_subjects_itself() -> frozenset[str]:
    """Predicates whose subject is the document itself when it names itself before the trigger (rules.yaml)."""
    return frozenset(config()["document_subject_predicates"])


TITLE_ISSUER_RULE = "issued.title-issuer"


def _title_relations(refs: list[Ref], collector: Collector, starts: list[int]) -> None:
    """Inside a title: the issuer before 关于, 印发 or 转发 (or before the year) issued it and the document it carries;
    a document that 贯彻落实s another cites it. ``starts``: the refs' starts (sorted, as the refs are)."""
    for title in (r for r in refs if r.mention.label in CONTAINERS):
        within = refs[bisect_left(starts, title.start) : bisect_right(starts, title.end)]
        inside = [r for r in within if r.end <= title.end and r is not title]
        head = title.mention.norm
        cut = min((at for w in config()["title_issuer_before"] if (at := head.find(w)) >= 0), default=-1)
        year = re.search(r"\d{4}年", head)
        limit = title.start + (cut if cut >= 0 else (year.start() if year else 0))
        issuers = [r for r in inside if r.mention.label == "Agency" and r.end <= limit]
        opening = cut < 0 and not year and config()["title_opening_issuer"]
        if opening:  # 监利市人民政府会议制度: the body the title opens with, unless its name runs into a word
            issuers = [r for r in inside if r.mention.label == "Agency" and r.start == title.start
                       and not _runs_into_word(head, r.end - title.start)][-1:]
        issuers = [
            r
            for r in issuers
            if not any(o is not r and o.start <= r.start and r.end <= o.end for o in issuers)
        ]
        carried = [r for r in inside if r.mention.label in CONTAINERS]
        handed = [c for c in carried if c.mention.source == "title.angle" and not opening
                  and not _carried_out(head[: c.start - title.start])]
        for issuer in issuers:  # the document an opening body's title implements is not that body's
            for doc in [title, *handed]:
                collector.add(issuer.key, "issued", doc.key, title.start, title.end, TITLE_ISSUER_RULE, 0.85)
        for doc in carried:
            if doc.mention.source == "title.inner":
                container = min(
                    (
                        c
                        for c in [title, *carried]
                        if c is not doc and c.start <= doc.start and doc.end <= c.end
                    ),
                    key=lambda c: c.end - c.start,
                )
                collector.add(
                    container.key, "cites", doc.key, container.start, container.end, "cites.title-inner", 0.8
                )


def _carried_out(before: str) -> bool:
    """Is a document named inside a title right after a verb of carrying out (rules.yaml
    ``title_not_issued_after``: 实施〈…法〉若干规定, 关于转发〈…〉的通知, 关于贯彻落实〈…〉的通知)?
    Then the title's issuers did not issue it: the title implements or forwards another body's
    document (its issuers are named in it, or not at all); only what a title hands out (印发)
    is its issuers'."""
    return before.rstrip("《〈<“\"").endswith(tuple(config().get("title_not_issued_after") or ()))


def _runs_into_word(head: str, at: int) -> bool:
    """Does the body's name ending at ``at`` run into a word of rules.yaml title_opening_not_into (省政府|信息公开)?"""
    return any(head.startswith(word, at - k) for word in config()["title_opening_not_into"]
               for k in range(1, len(word)) if at - k >= 0)


ISSUER_BEFORE_TITLE_RULE = "issued.body-before-title"
TITLE_OPENINGS = "《〈<"


def _issuers_before_titles(text: str, refs: list[Ref], collector: Collector) -> None:
    """教育部《中小学生学籍管理办法》, 中共中央、国务院《法治政府建设实施纲要》, 教育部等七部门《关于…的意见》: the
    bodies written right before a bracketed title (rules.yaml ``issuer_before_title``, then back along a list joined by
    ``issuer_list_joiners``) issued it. ``refs`` sorted by start."""
    cfg = config()
    between, joiners = cfg["issuer_before_title_re"], tuple(cfg["issuer_list_joiners"])
    agencies = _not_nested([r for r in refs if r.mention.label == "Agency"])
    ends = {r.end: r for r in agencies}
    for title in (r for r in refs if r.mention.label in CONTAINERS):
        opening = title.start - 1 if title.start and text[title.start - 1] in TITLE_OPENINGS else title.start
        if opening == title.start and text[title.start : title.start + 1] not in TITLE_OPENINGS:
            continue  # a title written without brackets: a body before it may be its subject's, not its issuer
        body = next((ends[at] for at in range(opening, max(opening - 12, -1), -1)
                     if at in ends and between.fullmatch(text, at, opening)), None)
        while body is not None:
            collector.add(body.key, "issued", title.key, body.start, title.end, ISSUER_BEFORE_TITLE_RULE, 0.8)
            body = next((ends[body.start - len(j)] for j in joiners if body.start - len(j) in ends
                         and text.startswith(j, body.start - len(j))), None)


SIGNATURE_RULE = "issued.signature"
# The documents a notice's own title carries (关于印发《…》的通知): 〈…〉 inside its 《…》, or 《…》 inside a title
# written without brackets; not those it implements (title.inner: 贯彻落实…), which it cites.
CARRIED_SOURCES = frozenset({"title.angle", "title.book"})
CO_SIGNER_RULE = "co-signer"


def _signature_relations(document: Document, refs: list[Ref], collector: Collector) -> None:
    """Every body of a joint signature block (the lines above the closing date holding only bodies' names)
    issued the document whose title opens the text and the documents that title carries."""
    signer, text = document.metadata.get("signer"), document.norm
    at = text.rfind(signer) if signer else -1
    if at < 0:
        _inline_signature(text, refs, collector)
        return
    lines = [(at, at + len(signer))]
    while len(lines) < config()["signature_block_lines"] and lines[0][0] > 0:
        end = text.rfind("\n", 0, lines[0][0])
        while end > 0 and text[end - 1] == "\n":
            end -= 1  # blank lines between the signers' lines
        start = text.rfind("\n", 0, end) + 1
        if end <= start or not _only_bodies(text, start, end, refs):
            break
        lines.insert(0, (start, end))
    if not _only_bodies(text, *lines[-1], refs):
        return
    bodies = [r for r in refs if r.mention.label == "Agency" and any(s <= r.start and r.end <= e for s, e in lines)]
    bodies = [r for r in bodies if not any(o is not r and o.start <= r.start and r.end <= o.end for o in bodies)]
    documents = own_documents(refs, document.norm)
    if not documents or len(bodies) < 2:
        return  # one signer: the report's author, who issues its title already
    issued = [documents[0], *(r for r in documents[1:] if r.mention.source in CARRIED_SOURCES),
              *_page_notice(text, refs, documents)]
    for body in bodies:
        for doc in issued:
            collector.add(body.key, "issued", doc.key, body.start, body.end, SIGNATURE_RULE, 0.85)


def _page_notice(text: str, refs: list[Ref], documents: list[Ref]) -> list[Ref]:
    """A scraped page whose first line is the carried document's name (河北省促进…暂行办法实施细则) has the notice
    carrying it on its second line (关于印发《河北省促进…暂行办法实施细则》的通知, learned_cues.yaml
    ``carrying_words``): the page's signers and author issued that notice too."""
    line_end = text.find("\n", documents[0].end)
    if line_end < 0 or text[documents[0].end : line_end].strip():
        return []
    second = line_end + 1
    while second < len(text) and text[second].isspace():
        second += 1
    carried = documents[0].mention.norm
    return [r for r in refs if r.mention.label in CONTAINERS and r.start == second and r.key != documents[0].key
            and carried in r.mention.norm and any(w in r.mention.norm for w in cues()["carrying_words"])]


INLINE_SIGNATURE_RULE = "issued.signature-inline"


def _not_nested(refs: list[Ref]) -> list[Ref]:
    """The refs no other ref spans (a ref sharing its span with another is spanned by it), in their order: one
    sweep, where comparing every pair cost 8% of the rules' time on Hebei's run-on pages."""
    spans = Counter((r.start, r.end) for r in refs)
    nested, reach = set(), -1
    for r in sorted(refs, key=lambda r: (r.start, -r.end)):
        if spans[r.start, r.end] > 1 or reach >= r.end:
            nested.add(id(r))
        reach = max(reach, r.end)
    return [r for r in refs if id(r) not in nested]


def _inline_signature(text: str, refs: list[Ref], collector: Collector) -> None:
    """A scraped page runs its signature block into one line (…请遵照实施。科技部中央宣传部…教育部2022年8月25日):
    the first stretch between a sentence's end and a date that holds no other punctuation and is mostly names
    of bodies (some, such as 自然科学基金委, the extractor may not know), with two bodies or more, signed the
    document whose title opens the text and the one that title carries."""
    documents = own_documents(refs, text)
    if not documents:
        return
    cfg = config()
    names = [r for r in refs if r.mention.label in ("Agency", "Organization", "Place")]
    names = _not_nested(names)
    # the attachment named before the signers (…请遵照执行。附件：科技惠民计划专项经费管理办法　财政部　科技部　2012年
    # 11月30日) is no part of the block: it opens after the last title there
    titles = [r for r in refs if r.mention.label in CONTAINERS]
    for date in re.compile(cfg["signature_date_re"]).finditer(text, documents[0].end):
        opens = max(text.rfind(c, documents[0].end, date.start()) for c in cfg["signature_opens_after"]) + 1
        opens = max([opens, *(r.end for r in titles if opens <= r.start and r.end <= date.start())])
        stretch = text[opens : date.start()]
        if not stretch.strip() or len(stretch) > cfg["signature_inline_max_chars"]:
            continue
        if re.search(cfg["signature_inline_forbidden"], stretch):
            continue
        inside = [r for r in names if opens <= r.start and r.end <= date.start()]
        covered = sum(r.end - r.start for r in inside)
        signers = [r for r in inside if r.mention.label == "Agency"]
        if len(signers) < 2 or covered < cfg["signature_inline_cover"] * len("".join(stretch.split())):
            continue
        issued = [documents[0], *(r for r in documents[1:] if r.mention.source in CARRIED_SOURCES),
                  *_page_notice(text, refs, documents)]
        for body in signers:
            for doc in issued:
                collector.add(body.key, "issued", doc.key, body.start, body.end, INLINE_SIGNATURE_RULE, 0.8)
        return


DRAFTER_RULE = "issued.drafter-note"


def _drafter_notes(text: str, refs: list[Ref], collector: Collector) -> None:
    """A legislative plan names who drafts each item in a note after its title (河北省动物防疫条例（修订）
    （省农业农村厅起草）): the bodies in the note issued the document (SCHEMA: issued covers drafting). Only short
    notes (（修订）) may stand between the title and the note."""
    cfg = config()
    containers = [r for r in refs if r.mention.label in CONTAINERS]
    ends: dict[int, Ref] = {}
    for ref in containers:
        if ref.end not in ends or ref.start < ends[ref.end].start:
            ends[ref.end] = ref  # the longest title ending there
    agencies = [r for r in refs if r.mention.label == "Agency"]
    for note in cfg["drafter_note_re"].finditer(text):
        at = note.start()
        while at not in ends:
            gloss = cfg["drafter_gloss_re"].search(text, max(0, at - 12), at)
            if gloss is None or gloss.end() != at or gloss.start() == at:
                break
            at = gloss.start()
        document = ends.get(at)
        if document is None:
            continue
        bodies = [a for a in agencies if note.start() < a.start and a.end < note.end()]
        bodies = [a for a in bodies if not any(o is not a and o.start <= a.start and a.end <= o.end for o in bodies)]
        for body in bodies:
            collector.add(body.key, "issued", document.key, document.start, note.end(), DRAFTER_RULE, 0.8)


ORDER_RULE = "issued.order"


def _order_issuers(text: str, refs: list[Ref], collector: Collector) -> None:
    """《高等学校信息公开办法》（教育部令第29号）, 科学技术部令第11号《…》: the body whose order promulgated the title
    issued it (rules.yaml ``order_issuer``; the order as kg.nlp.rules.titles reads it to type the title a Law): the
    body whose name ends right before the order's 令 (the patterns' group ``order``)."""
    from kg.nlp.rules.titles import promulgation_patterns

    if not config().get("order_issuer"):
        return
    after_re, before_re = promulgation_patterns()
    ends: dict[int, Ref] = {}
    for ref in refs:
        if ref.mention.label == "Agency" and (ref.end not in ends or ref.start < ends[ref.end].start):
            ends[ref.end] = ref  # the longest body ending there
    for title in (r for r in refs if r.mention.label in CONTAINERS):
        order = after_re.match(text, title.end)
        span, at = (order.span(), order.start("order")) if order else (None, -1)
        if span is None:
            floor = max(0, title.start - 24)
            before = before_re.search(text[floor : title.start])
            if before is None:
                continue
            span = (floor + before.start(), title.start)
            at = floor + before.start("order") if before.group("order") else -1  # 部门规章《…》 names no order
            if ends.get(span[0]) is not None:  # 科学技术部令第11号《…》: the body before 令
                span = (ends[span[0]].start, span[1])
        body = ends.get(at) if at >= 0 else None
        if body is not None and span[0] <= body.start:
            collector.add(body.key, "issued", title.key, min(body.start, title.start), max(span[1], title.end),
                          ORDER_RULE, 0.85)


ATTACHMENT_RULE = "issued.attachment"


def _attachments(text: str, refs: list[Ref], report: Report, collector: Collector) -> None:
    """A notice's attachments (…详见《…岗位表》（附件1）; 附件：1.… / 2.… at its end) are issued by whoever issued the
    notice: its author and the bodies of its signature block (the annotators' reading)."""
    if not report.author:
        return
    cfg = config()
    containers = [r for r in refs if r.mention.label in CONTAINERS]
    found = [r for r in containers if cfg["attachment_after_re"].match(text, r.end)]
    for start, end in _attachment_lines(text, cfg):
        found += [r for r in containers if start <= r.start and r.end <= end]
    own = {d.key for d in own_documents(refs, text)}
    signers = {r.subject for r in collector.relations.values() if r.object in own
               and any(e.rule.startswith(SIGNATURE_RULE) for e in r.evidence)}
    for doc in found:
        if doc.key in own:
            continue
        for issuer in sorted({report.author, *signers}):
            collector.add(issuer, "issued", doc.key, doc.start, doc.end, ATTACHMENT_RULE, 0.75)


def _attachment_lines(text: str, cfg: dict) -> list[tuple[int, int]]:
    """The spans of the attachment lines: a line opening 附件：, and the numbered lines right under it."""
    spans, listing, at = [], False, 0
    for line in text.split("\n"):
        opening, item = cfg["attachment_open_re"].match(line), cfg["attachment_item_re"].match(line)
        if opening:
            spans.append((at + opening.start(1), at + opening.end(1)))
            listing = True
        elif listing and item:
            spans.append((at + item.start(1), at + item.end(1)))
        elif line.strip():
            listing = False
        at += len(line) + 1
    return spans


TITLE_CITES_RULE = "cites.title-carries-out"
TITLE_CLOSINGS = "》〉>"


def _title_carries_out(text: str, refs: list[Ref], collector: Collector) -> None:
    """河北省实施《中华人民共和国义务教育法》办法, 关于转发《…关于…的意见》的通知: a document the text's own title
    names right after a verb of rules.yaml ``title_citing_verbs`` is cited by that title. Why: the title states the
    document's basis; 印发 names the document the notice hands out (its issuer's), so it is not among the verbs.
    ``refs`` sorted by start."""
    verbs = tuple(config().get("title_citing_verbs") or ())
    documents = own_documents(refs, text)
    if not verbs or len(documents) < 2:
        return
    title = documents[0]
    line_end = text.find("\n", title.start)
    if text[title.end : len(text) if line_end < 0 else line_end].strip(TITLE_CLOSINGS + " \u3000"):
        return  # 2021年是实施“十四五”规划、开启…: a sentence opening the text, no title line
    for doc in documents[1:]:
        if any(c is not doc and c is not title and c.start <= doc.start and doc.end <= c.end
               and (c.start, c.end) != (doc.start, doc.end) for c in documents):
            continue  # 学习贯彻《国务院实施〈…法〉若干规定》的通知: the inner title's, not the notice's
        before = text[max(title.start, doc.start - 8) : doc.start].rstrip(TITLE_OPENINGS)
        if before.endswith(verbs) and doc.key != title.key:
            collector.add(title.key, "cites", doc.key, title.start, title.end, TITLE_CITES_RULE, 0.8)


PROVISION_RULE = "cites.provisions-followed"


def _provisions_followed(text: str, refs: list[Ref], collector: Collector) -> None:
    """依照《中华人民共和国行政复议法》的规定，申请复议: a rule or directive (rules.yaml ``provision_genres``) cites the
    document whose provisions it says a case follows (``provision_verbs`` right before the title,
    ``provision_after`` right after it). The citer is the text's own document, or the one a notice carries for
    what its carried text says (after the forwarding sentence). ``refs`` sorted by start."""
    from kg.relations.learned import carrying_notice_end, with_carried_body

    cfg = config()
    verbs = tuple(cfg.get("provision_verbs") or ())
    if not verbs or document_genre(text) not in cfg["provision_genres"]:
        return
    documents = with_carried_body(own_documents(refs, text), refs)
    if not documents:
        return
    own_end = carrying_notice_end(text, documents)
    after = cfg["provision_after_re"]
    for ref in refs:
        if ref.mention.label not in CONTAINERS or ref.end <= documents[0].end or ref.mention.norm in self_references():
            continue  # 依据本实施方案: the document itself
        before = text[max(0, ref.start - 4) : ref.start].rstrip(TITLE_OPENINGS)
        if not before.endswith(verbs) or not after.match(text[ref.end : ref.end + 12].lstrip(TITLE_CLOSINGS)):
            continue
        citer = documents[1] if len(documents) > 1 and ref.start >= own_end else documents[0]
        if citer.key != ref.key:
            collector.add(citer.key, "cites", ref.key, ref.start - len(before), ref.end, PROVISION_RULE, 0.8)


BASIS_RULE = "cites.basis-of-itself"


def _basis_of_itself(document: Document, refs: list[Ref], collector: Collector) -> None:
    """第一条 为了…，根据《中华人民共和国行政处罚法》…等法律法规，制定本办法。: the rule naming itself after the basis
    cites every document named between the trigger and its own name (the rules' subject logic, which reads a
    self-reference only before a trigger, credits the author). The rule is the document of the title (or the one
    it carries) ending as its self-reference does (…暂行办法 for 本办法), else the nearest such title before."""
    text, cfg = document.norm, config()
    trigger_re = cfg["relations"]["cites"]["trigger_re"]
    starts = [r.start for r in refs]
    own = own_documents(refs, document.norm)
    titles = [r for r in refs if r.mention.label in CONTAINERS and r.mention.norm not in self_references()]
    for sentence in document.sentences:
        itself = cfg["basis_itself_re"].search(text, sentence.start, sentence.end)
        trigger = trigger_re.search(text, sentence.start, itself.start()) if itself else None
        if itself is None or trigger is None:
            continue
        kind = itself.group(1)
        # the text's own …办法（试行） and …办法（2019年修订版） end as 本办法 does; of the titles before, one ending so
        # outright is nearer to it than one ending so before a note (…已废止的《…审批办法（暂行）》)
        subject = next((d for d in reversed(own) if title_stem(d.mention.norm).endswith(kind)), None) or next(
            (t for t in reversed(titles) if t.end <= sentence.start and t.mention.norm.endswith(kind)), None)
        if subject is None:
            continue
        in_sentence = refs[bisect_left(starts, trigger.end()) : bisect_left(starts, itself.start())]
        for ref in in_sentence:
            if ref.mention.label in CONTAINERS and ref.end <= itself.start() and ref.key != subject.key:
                collector.add(subject.key, "cites", ref.key, trigger.start(), itself.end(), BASIS_RULE, 0.8)


BASIS_NAMED_RULE = "cites.basis-of-named"


def _basis_of_named(document: Document, refs: list[Ref], collector: Collector) -> None:
    """根据《中华人民共和国政府信息公开条例》，重新修订了《河北省教育厅政府信息公开实施办法》: the document named right
    after the enacting verb cites each document named between a basis trigger and the verb (rules.yaml
    ``basis_named_triggers``, ``basis_named_verbs``, ``basis_named_gap``); who drew it up is the rules' and the
    model's question as before."""
    text, cfg = document.norm, config()
    starts = [r.start for r in refs]
    for sentence in document.sentences:
        for verb in cfg["basis_named_re"].finditer(text, sentence.start, sentence.end):
            named = next((r for r in refs[bisect_left(starts, verb.end() - 1):]
                          if r.mention.label in CONTAINERS and r.mention.norm not in self_references()), None)
            triggers = list(cfg["basis_named_trigger_re"].finditer(text, sentence.start, verb.start()))
            trigger = triggers[-1] if triggers else None  # the last one before the verb
            if named is None or named.start > verb.end() or trigger is None:
                continue
            between = [r for r in refs[bisect_left(starts, trigger.end()) : bisect_left(starts, verb.start())]
                       if r.mention.label in CONTAINERS and r.key != named.key]
            bases = [r for r in between  # not a title inside another (…关于印发〈…方案〉的通知)
                     if not any(o is not r and o.start <= r.start and r.end <= o.end for o in between)]
            if bases and verb.start() - bases[-1].end <= cfg["basis_named_gap"]:
                for ref in bases:
                    collector.add(named.key, "cites", ref.key, trigger.start(), named.end, BASIS_NAMED_RULE, 0.8)


# kept by the learned layer, as the signature's are
OWN_TITLE_RULE = "issued.own-title"


def _own_title_issued(document: Document, refs: list[Ref], report: Report, collector: Collector) -> None:
    """SCHEMA: the document's own title is a document of its author. Where no body is written as its issuer
    (2026年北京市政府工作报告, 河北省机关事业单位工资基金管理规定 on its first line), the author issued it; not a
    policy explanation's whose title names only the document it explains (《X》 of 《X》解读), but its own title
    when the name holds the explanation (《河北省科学技术奖励办法》解读: the author issued the explanation)."""
    documents = own_documents(refs, document.norm)
    if not report.author or not documents:
        return
    title, text = documents[0], document.norm
    if document_genre(text) == "explanation" and document_genre(title.mention.text) != "explanation":
        return
    line_end = text.find("\n", title.end)
    if text[title.end : len(text) if line_end < 0 else line_end].strip():
        return  # a title is its whole line: not the opening words of a body (2021年是实施“十四五”规划、…)
    for doc in [title, *_page_notice(text, refs, documents)]:
        if not any(p == "issued" and o == doc.key for (_, p, o) in collector.relations):
            collector.add(report.author, "issued", doc.key, doc.start, doc.end, OWN_TITLE_RULE, 0.8)


LAYOUT_RULES = frozenset({DRAFTER_RULE, ATTACHMENT_RULE, BASIS_RULE, BASIS_NAMED_RULE, TITLE_CITES_RULE, PROVISION_RULE,
                          OWN_TITLE_RULE, ISSUER_BEFORE_TITLE_RULE, ORDER_RULE})


def co_signers_act(relations: list[Relation], report: Report) -> list[Relation]:
    """The co-signers of a joint document (issued.signature) act as its author does for the predicates in
    rules.yaml ``co_signer_predicates``: what the author cites, each cites (the annotators' reading of joint
    notices), on the author's evidence."""
    shared = frozenset(config()["co_signer_predicates"])
    signers = {r.subject for r in relations if any(e.rule == SIGNATURE_RULE for e in r.evidence)}
    signers.discard(report.author)
    if not signers or not report.author or not shared:
        return relations
    have = {(r.subject, r.predicate, r.object) for r in relations}
    added = []
    for relation in relations:
        if relation.subject != report.author or relation.predicate not in shared:
            continue
        for signer in sorted(signers):
            if (signer, relation.predicate, relation.object) not in have and signer != relation.object:
                evidence = [replace(e, rule=CO_SIGNER_RULE) for e in relation.evidence]
                added.append(Relation(signer, relation.predicate, relation.object, evidence, relation.status))
                have.add((signer, relation.predicate, relation.object))
    return relations + added


def _only_bodies(text: str, start: int, end: int, refs: list[Ref]) -> bool:
    """Is the line ``start``..``end`` nothing but bodies' names (and places, spaces)?"""
    covered = bytearray(end - start)
    for ref in refs:
        if ref.mention.label in ("Agency", "Place") and start <= ref.start and ref.end <= end:
            covered[ref.start - start : ref.end - start] = b"\x01" * (ref.end - ref.start)
    return any(covered) and all(covered[i] or text[start + i].isspace() for i in range(end - start))


def learned_relations(
    document: Document,
    mentions: list[Mention],
    key_of: dict[int, str],
    entities: list[Entity],
    report: Report,
    rule_relations: list[Relation],
    weights: Path,
) -> list[Relation]:
    """The text relations as the learned model in ``weights``/relation_model decides them (kg/relations/learned.py),
    the structural ones kept — except in reports (a report's title, or its body pasted untitled): the rules'
    subject logic was written for them and keeps them at relation F1 0.94 on ../shared/gold, where the model,
    trained mostly on notices, plans, rules and explanations, scores 0.83."""
    if is_report(document.norm):
        return rule_relations

    refs = [Ref(m, key_of[i]) for i, m in enumerate(mentions) if i in key_of]
    types = {e.key: e.type for e in entities}
    return decide(document, refs, report, rule_relations, types, load_relation_model(weights))
