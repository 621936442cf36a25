"""The learned relation layer: a classifier over candidate (body, object) pairs that decides which acts the text
states, with the rule extractor's own findings among its features.

Why: the rules choose one subject per trigger with hand-written clause logic; documents nobody tuned on write
differently (responsibility notes after each item of a plan, lists of issuers, acts stated without a verb the
lists know). A logistic regression over sparse features learns from the annotation corpus which candidate pairs
hold, and how far to trust what the rules found.

Candidates, per sentence: every object (Reform, PolicyDocument, Law, Person) with every head the relation's types
allow among (a) the bodies named in the same sentence, (b) the report's author, the implicit subject of a report,
and (c) the bodies of a responsibility note (（省科技厅、省财政厅负责）, （责任单位：…）) that closes the item the
object is in or sits under a heading that names the object ((一)企业上市行动。 1.… （…负责）), and those a note's
standing clause (以下均需X落实，不再列出) makes responsible for every later item of its part. Features: which kind
of head, order and distance, the characters between and around, trigger words of the rules
(kg/resources/relations/rules.yaml), whether the rules found the same relation in that sentence or anywhere, the
section's status, whether head and object are national (a county bureau issues no national law).
A relation of the document holds when its best candidate scores above its predicate's threshold; its evidence is
that candidate's sentence.
"""

from __future__ import annotations

import operator
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import accumulate
from pathlib import Path

import numpy as np

from kg.ingest.genre import document_genre
from kg.linear import HashedLogistic
from kg.model import RELATION_SIGNATURES, Document, Evidence, Relation, Report
from kg.relations.clauses import Ref, config, own_documents
from kg.resolve.entities import self_references

LEARNED_PREDICATES = ("implements", "issued", "cites")  # employs and promotes: too few examples to learn (5, 6)
OBJECT_TYPES = frozenset(t for p in LEARNED_PREDICATES for t in RELATION_SIGNATURES[p][1])
CITED = frozenset(RELATION_SIGNATURES["cites"][1])  # documents: what cites and issued relate
HEAD_TYPES = frozenset(t for p in LEARNED_PREDICATES for t in RELATION_SIGNATURES[p][0])
QUOTES = "《》“”\"'〈〉<>「」"
MODEL_RULE = "model.relation"
CO_ISSUER_RULE = "model.co-issuer"
EXPLAINED_RULE = "model.explained-document"
WINDOW_BEFORE, WINDOW_AFTER = 120, 40  # characters around an object within which a named body is a candidate head


@dataclass
class Candidate:
    head: str  # entity key
    tail: str
    predicate: str
    start: int  # the sentence holding the object: the evidence
    end: int
    features: list[str] = field(default_factory=list)
    note: tuple[int, int] | None = None  # the responsibility note that offers the head: evidence too
    overruled: bool = False  # scored as trained, not decided: a note names other actors, a region reading (沿线)


def _bucket(distance: int) -> str:
    for limit in (0, 2, 5, 10, 20, 40, 80):
        if distance <= limit:
            return str(limit)
    return "far"


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    """Up to four characters before ``start`` and two after ``end``, quote and title marks skipped."""
    left = text[max(0, start - 6) : start].rstrip(QUOTES)[-4:]
    right = text[end : end + 4].lstrip(QUOTES)[:2]
    return left, right


def _triggers() -> dict[str, re.Pattern]:
    return {p: rule["trigger_re"] for p, rule in config()["relations"].items()}


@dataclass(frozen=True)
class Note:
    """A responsibility note: the bodies it names and the text they are responsible for."""

    scope_start: int  # the item the note closes: from here to the note
    start: int
    end: int
    bodies: list[Ref]
    headings: list[tuple[int, int, int]]  # (start, end, depth) of the headings of the sections holding the note
    standing: list[Ref]  # the bodies of a standing clause (以下均需X落实，不再列出): responsible for what follows
    standing_end: int  # where the standing clause stops: the end of the outermost section holding the note


@cache
def _note_marks() -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    """The marks a note opens with, and for each the marks that open and close it: its own pair, or its family's
    (learned_cues.yaml ``note_brackets``, ``note_bracket_families``)."""
    pairs, families = cues()["note_brackets"], cues()["note_bracket_families"]
    marks = {}
    for mark in pairs:
        family = next((f for f in families if mark in f), mark)
        marks[mark] = ("".join(family), "".join(pairs[m] for m in family))
    return re.compile("[" + re.escape("".join(pairs)) + "]"), marks


def _parentheses(text: str, longest: int = 300) -> list[tuple[int, int]]:
    """(start, end) of each outermost parenthesis or bracket, nested ones of its kind inside it (（各市（含定州、
    辛集市）政府负责）, 〔责任单位：…〕): one not closed within ``longest`` characters is no note."""
    found: list[tuple[int, int]] = []
    opening, marks = _note_marks()
    for match in opening.finditer(text):
        start, depth = match.start(), 0
        if found and start < found[-1][1]:
            continue  # nested in the last one
        opens, closes = marks[text[start]]
        for j in range(start, min(len(text), start + longest)):
            depth += (text[j] in opens) - (text[j] in closes)
            if depth == 0:
                if j - start > 2:
                    found.append((start, j + 1))
                break
    return found


def responsibility_notes(document: Document, agencies: list[Ref]) -> list[Note]:
    """The notes naming the bodies responsible for the item before each, with the headings above that item: the
    bodies of a note implement what the item and the headings enclosing it name ((一)企业上市行动。 1.锁定培育目标。
    …（省工业和信息化厅…负责）)."""
    text, found = document.norm, []
    starts = [a.start for a in agencies]
    standing_re = cues()["standing_re"]
    for start, end in _parentheses(text):
        inside = text[start + 1 : end - 1]
        bodies = agencies[bisect_left(starts, start) : bisect_left(starts, end)]
        if bodies and any(w in inside for w in cues()["responsibility_words"]):
            cue = standing_re.search(inside)
            standing = [b for b in bodies if cue and b.start >= start + 1 + cue.start()]
            found.append((start, end, bodies, standing))
    opening = cues()["body_opens_re"].search(text)  # 一、总体要求: what comes before is the document's own voice
    notes, previous_end = [], opening.start() if opening else 0
    for start, end, bodies, standing in found:
        holding = [s for s in document.sections if s.start <= start < s.end]
        section_start = max((s.start for s in holding), default=0)
        headings = [(s.start, s.heading_end, depth) for depth, s in enumerate(reversed(holding))]
        standing_end = holding[0].end if holding else len(text)
        notes.append(Note(max(previous_end, section_start), start, end, bodies, headings, standing, standing_end))
        previous_end = end
    return notes


def candidates(
    document: Document, refs: list[Ref], report: Report, rule_relations: list[Relation], types: dict[str, str]
) -> list[Candidate]:
    """Every candidate pair of the document with its features (see the module docstring)."""
    text = document.norm
    refs = sorted(refs, key=lambda r: (r.start, -r.end))
    notes = responsibility_notes(document, [r for r in refs if r.mention.label == "Agency"])
    found_anywhere = {(r.subject, r.predicate, r.object) for r in rule_relations}
    found_at: dict[tuple[str, str, str], list[tuple[int, int]]] = {}
    for relation in rule_relations:
        found_at[(relation.subject, relation.predicate, relation.object)] = [
            (e.start, e.end) for e in relation.evidence
        ]
    based = _based_on(rule_relations)
    named = _named_issuers(rule_relations)
    triggers = _triggers()
    noted_predicates = frozenset(cues()["note_overrules_author"])
    title_end = min(len(text), 160)
    genre = document_genre(text)
    documents = with_carried_body(own_documents(refs, text), refs)  # a rule, a notice, a plan cites in its own name
    own_end = carrying_notice_end(text, documents)
    self_named = genre in cues()["self_named_genres"]
    repealing = bool(documents) and any(w in documents[0].mention.text for w in cues()["repealing_title_words"])
    addressed = salutation(text, refs)
    body_start = len(text)
    if genre in cues().get("body_not_author_genres", ()) and documents and not _joint(documents[0], named):
        body_start = _body_start(text)
    starts = [r.start for r in refs]
    result: list[Candidate] = []
    for sentence in document.sentences:
        in_sentence = refs[bisect_left(starts, sentence.start) : bisect_left(starts, sentence.end)]
        objects = [r for r in in_sentence if r.mention.label in OBJECT_TYPES]
        if not objects:
            continue
        heads_here = [r for r in in_sentence if r.mention.label in HEAD_TYPES]
        head_starts = [h.start for h in heads_here]
        others_before = list(accumulate((h.key != report.author for h in heads_here), operator.or_, initial=False))
        status = document.status_at(sentence.start) or "none"
        deixis = bool(re.search(r"[我本][局厅委办省市区县院部]", text[sentence.start : sentence.end]))
        place_actor = any(h.mention.source == "agency.place_actor" for h in heads_here)
        # where the sentence first names the document itself (本办法, 本报告): asked for each of its objects, read once
        self_end = min((r.end for r in in_sentence if r.mention.norm in self_references()), default=None)
        for obj in objects:
            self_before = self_end is not None and self_end <= obj.start
            if obj.mention.label in CITED and is_alias_gloss(text, obj):
                continue  # 《中华人民共和国政府信息公开条例》（以下简称《条例》）: the full name before is the object
            left, right = _context(text, obj.start, obj.end)
            common = [f"oL1={left[-1:]}", f"oL2={left[-2:]}", f"oL3={left[-3:]}", f"oL4={left}",
                      f"oR1={right[:1]}", f"oR2={right}", f"otype={obj.mention.label}", f"status={status}",
                      f"deixis={deixis}", f"title={obj.start < title_end}", f"osrc={obj.mention.source}"]
            pairs: list[tuple[Ref | None, str, list[str]] | tuple[Ref, str, list[str], tuple[int, int]]] = []
            if report.author and not place_actor:  # 47.浙江省衢州市深化…: the item names who acts
                explicit_before = others_before[bisect_left(head_starts, obj.start)]
                pairs.append((None, report.author, ["head=author", f"explicit_before={explicit_before}",
                                                    f"others={min(len(heads_here), 3)}"]))
            # the bodies named near the object: a run-on sentence of a scraped page can name hundreds
            near = heads_here[bisect_left(head_starts, obj.start - WINDOW_BEFORE) :
                              bisect_right(head_starts, obj.end + WINDOW_AFTER)]
            for head in near:
                if head is obj:
                    continue
                if head.start >= addressed[0] and head.end <= addressed[1] and obj.mention.label in CITED:
                    continue  # 雄安新区管委会：为进一步贯彻落实《…》: an addressee cites or issues none of it
                pairs.append((head, head.key, _explicit(text, head, obj, near, head is heads_here[0])))
            if obj.mention.label in CITED and documents and obj.key not in {d.key for d in documents}:
                itself = self_before
                for title in documents:  # 根据《条例》，制定本办法 / 印发《方案》的通知: the document cites
                    role = "own" if title is documents[0] else "carried"
                    if role == "own" and obj.start >= own_end:  # the carried document's body cites, not its notice
                        continue
                    pairs.append((title, title.key, [f"head={role}", f"itself_before={itself}"]))
            noted = [pair for note in notes for pair in note_heads(note, obj)]
            pairs += noted
            # （责任单位：省科技厅）: the note names who acts on its item, the author (the issuing office) does not
            author_overruled = bool(noted) and report.author not in {key for _, key, *_ in noted}
            placed = is_place_reading(text, obj)  # “一带一路”沿线国家: where, not what anyone carries out
            placed = placed or is_served(text, obj)  # 服务京津冀协同发展战略: served, not carried out
            placed = placed or (genre in cues()["cited_title_genres"] and obj.start >= title_end
                                and in_cited_title(text, obj))  # 《加快发展“大智移云”的指导意见》: the document's
            obj_national = _national(obj.key)
            uncited = not_cited(text, obj)
            # a report cites in its own name only as 本报告根据《条例》; 根据《条例》…发布本年度报告: its author does
            not_citing = {documents[0].key} if self_named and documents and not self_before else set()
            if repealing:  # 科技部关于对部分规章和文件予以废止的决定: what it lists it repeals, it cites none of it
                not_citing.add(documents[0].key)
            if obj.start >= own_end and report.author and cues().get("carried_body_not_author"):
                not_citing.add(report.author)  # 印发《…方案》的通知 …方案 body: 按照《X》 is the carried document's
            if obj.start >= body_start and report.author and documents:
                not_citing.add(report.author)  # a directive's items: 按照《X》规定处理 is the document's own act
            # 第一条 根据《行政处罚法》…，制定本办法: the rule the rules found naming itself cites, not its author
            by_itself = any(s < sentence.end and sentence.start < e for s, e in based.get(obj.key, []))
            window = text[max(sentence.start, obj.start - 12) : obj.start]
            triggered = {predicate: triggers[predicate].search(window) is not None  # the same for every head
                         for predicate in LEARNED_PREDICATES if predicate in triggers}
            for head, key, own, *note_span in pairs:
                if key == obj.key or (by_itself and head is None):
                    continue
                # 《国务院关于推行…的意见》明确要求深入实施X: the body names the cited document, it does not do X
                titled = own[0] == "head=explicit" and named_with_title(text, head, obj)
                head_type = types.get(key, head.mention.label if head else "Agency")
                own = [*own, f"scope={_national(key)}&{obj_national}"]
                for predicate in LEARNED_PREDICATES:
                    heads_ok, tails_ok = RELATION_SIGNATURES[predicate]
                    if head_type not in heads_ok or obj.mention.label not in tails_ok:
                        continue
                    if predicate == "cites" and (uncited or key in not_citing):
                        continue
                    triple = (key, predicate, obj.key)
                    here = any(s < sentence.end and sentence.start < e for s, e in found_at.get(triple, []))
                    trigger = triggered.get(predicate, False)
                    kind = own[0]
                    feats = [*common, *own, f"htype={head_type}", f"trig={trigger}",
                             f"genre={genre}", f"genre&{kind}={genre}", f"genre&{kind}&rule_here={genre}&{here}",
                             f"rule_doc={triple in found_anywhere}", f"rule_here={here}",
                             f"{kind}&rule_here={here}", f"{kind}&rule_doc={triple in found_anywhere}",
                             f"{kind}&{common[1]}", f"{kind}&trig={trigger}"]
                    unnamed = (predicate == "issued" and triple not in found_anywhere
                               and key not in named.get(obj.key, (key,)) and _names_its_issuers(obj.mention.norm))
                    result.append(Candidate(key, obj.key, predicate, sentence.start, sentence.end,
                                            [f"{predicate}|{f}" for f in feats] + feats,
                                            note_span[0] if note_span else None,
                                            (head is None and author_overruled and predicate in noted_predicates)
                                            or ((placed or titled) and predicate == "implements") or unnamed))
    return result


def _named_issuers(rule_relations: list[Relation]) -> dict[str, set[str]]:
    """The bodies the rules read as issuers out of a document's own title (issued.title-issuer), by document."""
    from kg.relations import TITLE_ISSUER_RULE

    named: dict[str, set[str]] = {}
    for relation in rule_relations:
        if relation.predicate == "issued" and any(e.rule == TITLE_ISSUER_RULE for e in relation.evidence):
            named.setdefault(relation.object, set()).add(relation.subject)
    return named


def _names_its_issuers(title: str) -> bool:
    """Does the title name its issuers before 关于, 印发 or 转发, all of them (not 科技部等六部门印发…)?
    (learned_cues.yaml title_issuer_words, many_issuers)"""
    return any(w in title[1:] for w in cues()["title_issuer_words"]) and not cues()["many_issuers_re"].search(title)


def _based_on(rule_relations: list[Relation]) -> dict[str, list[tuple[int, int]]]:
    """Where the rules found a document naming itself after its basis (根据《…法》，制定本办法), by the basis."""
    from kg.relations import BASIS_RULE

    spans: dict[str, list[tuple[int, int]]] = {}
    for relation in rule_relations:
        for evidence in relation.evidence:
            if evidence.rule == BASIS_RULE:
                spans.setdefault(relation.object, []).append((evidence.start, evidence.end))
    return spans


def with_carried_body(documents: list[Ref], refs: list[Ref]) -> list[Ref]:
    """The carried document of a notice whose title names it but holds no mention of it (关于印发《…项目管理办法》的
    通知 read as one name; 河北省人民政府办公厅关于印发河北省企业上市行动方案的通知): the document of that name the
    text sets out below its forwarding sentence. Without it the notice is taken to cite all the carried document's
    bases (依据《…条例》，制定本办法), which the annotators credit to the carried document."""
    if len(documents) != 1 or not any(w in documents[0].mention.text for w in cues()["carrying_words"]):
        return documents
    title = documents[0]
    name, shortest = _plain(title.mention.norm), cues()["carried_min_chars"]
    carried = next((r for r in refs if r.start >= title.end and r.key != title.key and r.mention.label in CITED
                    and len(_plain(r.mention.norm)) >= shortest and _plain(r.mention.norm) in name), None)
    return documents if carried is None else [title, carried]


def _plain(name: str) -> str:
    """A title compared without its quotes and 的 (印发关于促进民营经济发展壮大若干措施的通知 carries
    《关于促进民营经济发展壮大的若干措施》)."""
    return re.sub(f"[{QUOTES}的〈〉<>\\s]", "", name)


def carrying_notice_end(text: str, documents: list[Ref]) -> int:
    """Where the own text of a notice that carries a document (关于印发《…办法》的通知) ends: after its forwarding
    sentence (现印发给你们，请遵照执行。); what the text names after it, the carried document cites. The text's end
    when the document carries none its title names (关于印发河北省…规划的通知: the notice stands for both) or it
    says no such sentence."""
    if len(documents) < 2 or not any(w in documents[0].mention.text for w in cues()["carrying_words"]):
        return len(text)
    match = cues()["forwarding_re"].search(text, documents[0].end)
    if match is None:
        return len(text)
    stop = text.find("。", match.end())
    return match.end() if stop < 0 else stop + 1


def _joint(title: Ref, named: dict[str, set[str]]) -> bool:
    """Does the document's title name several issuers (人力资源社会保障部 最高人民法院关于…的意见, 科技部等六部门…)?
    Their body is left to the model: its issuers also take the author's cites (co_issuer_predicates), and the
    annotators credit them now and then (learned_cues.yaml body_not_author_genres)."""
    return len(named.get(title.key, ())) > 1 or bool(cues()["many_issuers_re"].search(title.mention.norm))


def _body_start(text: str) -> int:
    """Where a directive's or a rule's body opens (its first heading 一、, learned_cues.yaml ``body_opens``): what
    the body does according to, the document does, not its author. The text's end when it has no such heading."""
    opening = cues()["body_opens_re"].search(text)
    return len(text) if opening is None else opening.end()


def salutation(text: str, refs: list[Ref]) -> tuple[int, int]:
    """(start, end) of a directive's salutation (…，雄安新区管委会：), (0, 0) when the text opens with none: its
    last line up to the first colon of the text's opening (learned_cues.yaml ``salutation_within``), no 。 or ；
    before it, after any title that ends in that line (关于印发《…》的通知各市…局：), naming no document."""
    colon = re.search(r"[：:]", text[: cues()["salutation_within"]])
    if colon is None or re.search(r"[。；;]", text[: colon.start()]):
        return 0, 0
    start = text.rfind("\n", 0, colon.start()) + 1
    titles = [r.end for r in refs if r.mention.label in CITED and start <= r.end <= colon.start()]
    start = max([start, *titles])
    if re.search(f"[{re.escape(QUOTES)}]", text[start : colon.start()]):
        return 0, 0  # 为贯彻落实《…》，…现将有关事项通知如下：a preamble naming documents, no salutation
    return start, colon.start()


def is_alias_gloss(text: str, obj: Ref) -> bool:
    """Is ``obj`` the short name a gloss gives the document just named (（以下简称《条例》）)? learned_cues.yaml
    ``alias_words``."""
    return cues()["alias_re"].search(text, max(0, obj.start - 8), obj.start) is not None


def is_served(text: str, obj: Ref) -> bool:
    """Is ``obj`` the programme a clause serves (服务京津冀协同发展战略, 助力脱贫攻坚, 为企业“走出去”营造有利环境), not
    one its bodies carry out? learned_cues.yaml ``serving_before``."""
    return cues()["serving_before_re"].search(text, max(0, obj.start - 6), obj.start) is not None


def in_cited_title(text: str, obj: Ref) -> bool:
    """Is ``obj`` a word of a document title the text names (《加快发展“大智移云”的指导意见》解读新闻发布会)? The
    document is what is cited; the reform in its name is carried out by its issuer, not by the body that names it.
    learned_cues.yaml ``cited_title``."""
    return title_holding(text, obj.start, obj.end) is not None


def title_holding(text: str, start: int, end: int) -> tuple[int, int] | None:
    """(opening, closing) offsets of the brackets of the document title holding ``start``..``end``, None outside
    one (learned_cues.yaml ``cited_title``: the brackets and how far they may stand)."""
    opening, closing, reach = cues()["cited_title"]
    before = text.rfind(opening, max(0, start - reach), start)
    if before < 0 or text.find(closing, before, start) >= 0:
        return None
    after = text.find(closing, end, end + reach)
    return None if after < 0 or text.find(opening, end, after) >= 0 else (before, after)


def named_with_title(text: str, head: Ref, obj: Ref) -> bool:
    """Is the body ``head`` a part of a cited document's name, the title holding it (《国务院关于推行终身职业技能
    培训制度的意见》明确要求深入实施…计划) or the one it is written right before as its issuer (省政府办公厅《关于…的
    通知》, learned_cues.yaml ``issuer_then_title``), while ``obj`` stands outside that title? The body names the
    document there; it is not the subject of the clause around the title."""
    span = title_holding(text, head.start, head.end)
    if span is None and (issuer := cues()["issuer_then_title_re"].match(text, head.end)):
        closing = text.find(cues()["cited_title"][1], issuer.end())
        span = (issuer.end() - 1, closing) if closing >= 0 else None
    return span is not None and not (span[0] < obj.start and obj.end <= span[1])


def is_place_reading(text: str, obj: Ref) -> bool:
    """Is ``obj`` right followed by a word that makes it name a region (“一带一路”沿线国家, …沿线市场), not a
    programme carried out there? learned_cues.yaml ``place_after``."""
    return text[obj.end : obj.end + 4].lstrip(QUOTES).startswith(tuple(cues()["place_after"]))


def not_cited(text: str, obj: Ref) -> bool:
    """A document no one cites where it is named: a form to fill in (…汇总表, …申报书, 集体土地使用证), an
    attachment (《…选题指南》（附件3）, rules.yaml ``attachment_after``) or one the clause repeals
    (1992年省人民政府发布的《…规定》同时废止) or says it revised (对《…（试行）》进行了修订), or an item a legislative
    plan lists with its drafter: learned_cues.yaml ``uncited_endings``, ``repeal_words``, ``revised_after``,
    ``uncited_sources``."""
    cfg = cues()
    if obj.mention.source in cfg["uncited_sources"]:
        return True
    if obj.mention.text.rstrip(QUOTES + "）)").endswith(tuple(cfg["uncited_endings"])):
        return True
    if config()["attachment_after_re"].match(text, obj.end):  # 《…申报书》（附件1）: what the notice hands out
        return True
    clause = cfg["clause_end_re"].search(text, obj.end)
    if cfg["repeal_re"].search(text, obj.end, clause.start() if clause else len(text)):
        return True
    before = text[max(0, obj.start - cfg["revised_before"]) : obj.start]  # 对《…》进行了修订: the predecessor
    return "对" in re.split(r"[。；;，,\n]", before)[-1] and cfg["revised_after_re"].match(text[obj.end :]) is not None


def note_heads(note: Note, obj: Ref) -> list[tuple[Ref, str, list[str], tuple[int, int]]]:
    """The note's bodies as heads of ``obj``: in the item the note closes, in a heading above that item, or after
    the note's standing clause."""
    span, size = (note.start, note.end), f"note_size={min(len(note.bodies), 4)}"
    if note.scope_start <= obj.start and obj.end <= note.start:
        return [(b, b.key, ["head=note", f"note_gap={_bucket(note.start - obj.end)}", size], span)
                for b in note.bodies]
    depth = next((d for s, e, d in note.headings if s <= obj.start and obj.end <= e), None)
    if depth is not None and obj.end <= note.start:
        return [(b, b.key, ["head=note_heading", f"heading_depth={min(depth, 3)}", size], span)
                for b in note.bodies]
    if note.end <= obj.start < note.standing_end:
        return [(b, b.key, ["head=standing", size], span) for b in note.standing]
    return []


def _national(key: str) -> bool:
    """A national body or law (国务院, 教育部, 中华人民共和国宪法): a county bureau issues none of them."""
    name = key.split("/", 1)[-1].split("@", 1)[0]
    return name.startswith(cues()["national_prefixes"]) or name in cues()["central"]


@cache
def cues() -> dict:
    """kg/resources/nlp/learned_cues.yaml, its genre patterns compiled."""
    from kg.nlp.rules.lexicon import load_lexicons
    from kg.resources import read_yaml

    cfg = read_yaml("nlp/learned_cues.yaml")
    cfg["standing_re"] = re.compile(cfg["standing_note"])
    cfg["body_opens_re"] = re.compile(cfg["body_opens"])
    cfg["national_prefixes"] = tuple(cfg["national_prefixes"])
    cfg["forwarding_re"] = re.compile(cfg["forwarding"])
    cfg["many_issuers_re"] = re.compile(cfg["many_issuers"])
    cfg["alias_re"] = re.compile(f"(?:{'|'.join(map(re.escape, cfg['alias_words']))})[{re.escape(QUOTES)}]?$")
    cfg["repeal_re"] = re.compile("|".join(map(re.escape, cfg["repeal_words"])))
    cfg["revised_after_re"] = re.compile(cfg["revised_after"])
    cfg["serving_before_re"] = re.compile(f"(?:{cfg['serving_before']})[{re.escape(QUOTES)}]?$")
    cfg["issuer_then_title_re"] = re.compile(cfg["issuer_then_title"])
    cfg["clause_end_re"] = re.compile(r"[。；;，,\n]")
    cfg["central"] = frozenset(load_lexicons().central.values())  # asked once per candidate pair: a set, once
    return cfg


def _explicit(text: str, head: Ref, obj: Ref, heads: list[Ref], first: bool) -> list[str]:
    """Features of a body named in the object's sentence (``heads``: those near the object)."""
    if head.start >= obj.start and head.end <= obj.end:
        order, gap = "inside", 0
    elif head.end <= obj.start:
        order, gap = "before", obj.start - head.end
    else:
        order, gap = "after", max(0, head.start - obj.end)
    lo, hi = (head.end, obj.start) if order == "before" else (obj.end, head.start)
    between = text[lo:hi] if 0 < hi - lo <= 6 else ("" if hi <= lo else "long")
    nearest = order == "before" and not any(h is not head and head.end <= h.start and h.end <= obj.start
                                            for h in heads)
    same_clause = not re.search(r"[，,；;：:。]", text[min(lo, hi) : max(lo, hi)])
    h_left = text[max(0, head.start - 2) : head.start]
    h_right = text[head.end : head.end + 2]
    return ["head=explicit", f"order={order}", f"gap={_bucket(gap)}", f"between={between}",
            f"nearest={nearest}", f"same_clause={same_clause}", f"hL1={h_left[-1:]}", f"hL2={h_left}",
            f"hR1={h_right[:1]}", f"hR2={h_right}", f"first={first}"]


class RelationModel(HashedLogistic):
    """The pairs' logistic regression, with a threshold per predicate (``meta["thresholds"]``)."""

    @property
    def thresholds(self) -> dict[str, float]:
        return self.meta.setdefault("thresholds", dict.fromkeys(LEARNED_PREDICATES, 0.5))

    def scores(self, candidates: list[Candidate]) -> np.ndarray:
        return self.probabilities([c.features for c in candidates])


@cache
def load_relation_model(weights: Path) -> RelationModel:
    """The model in ``weights``/relation_model (the folder of the learned layers)."""
    return RelationModel.load(weights / "relation_model", "relations")


def _laid_out(relation: Relation) -> bool:
    """A relation the page's layout states (a joint signature block, a list item's drafter note, an
    attachment), which the model's sentences cannot see."""
    from kg.relations import LAYOUT_RULES, SIGNATURE_RULE

    return any(e.rule.startswith(SIGNATURE_RULE) or e.rule in LAYOUT_RULES for e in relation.evidence)


def decide(
    document: Document, refs: list[Ref], report: Report, rule_relations: list[Relation], types: dict[str, str],
    model: RelationModel,
) -> list[Relation]:
    """The rule relations the model does not decide (locatedIn, subOrganizationOf), plus the pairs it accepts."""
    best: dict[tuple[str, str, str], tuple[float, Candidate]] = {}
    found = candidates(document, refs, report, rule_relations, types)
    for candidate, probability in zip(found, model.scores(found).tolist(), strict=True):
        if candidate.overruled:
            continue
        triple = (candidate.head, candidate.predicate, candidate.tail)
        if probability >= model.thresholds[candidate.predicate] and probability > best.get(triple, (0.0, None))[0]:
            best[triple] = (probability, candidate)
    kept = [r for r in rule_relations if r.predicate not in LEARNED_PREDICATES or _laid_out(r)]
    rule_by_triple = {(r.subject, r.predicate, r.object): r for r in rule_relations}
    laid_out = {(r.subject, r.predicate, r.object) for r in kept}
    for triple, (probability, candidate) in best.items():
        if triple in laid_out:
            continue
        relation = rule_by_triple.get(triple)
        if relation is None:
            relation = Relation(*triple)
            sentence = document.sentence_at(candidate.start)
            status = document.status_at(candidate.start)
            relation.evidence.append(Evidence(sentence, candidate.start, candidate.end, MODEL_RULE,
                                              round(probability, 3), status, report.year))
            relation.status = status
        kept.append(relation)
    kept += co_issuers_act(kept, joint_issuers(own_documents(refs, document.norm), rule_relations, report), report)
    return kept + explained_document_acts(kept, explained_document(document.norm, refs), report)


def explained_document(text: str, refs: list[Ref]) -> str | None:
    """The document a policy explanation explains: its title's own document when that is not the explanation
    itself (《X》解读 read as 《X》), else the first document the title names (《河北省人民政府关于…的通知》的政策解读
    read whole: the 通知). None outside explanations."""
    if document_genre(text) != "explanation":
        return None
    return next((r.key for r in own_documents(refs, text) if document_genre(r.mention.text) != "explanation"), None)


def explained_document_acts(relations: list[Relation], explained: str | None, report: Report) -> list[Relation]:
    """What a policy explanation's author does for the predicates of learned_cues.yaml ``explained_predicates``,
    the document it explains does too, on the author's evidence: 根据《…》…制定了《X》 in an explanation is the
    basis of X, which the author's page reports."""
    if explained is None or not report.author:
        return []
    have = {(r.subject, r.predicate, r.object) for r in relations}
    added = []
    for relation in relations:
        triple = (explained, relation.predicate, relation.object)
        if (relation.subject == report.author and relation.predicate in cues()["explained_predicates"]
                and triple not in have and relation.object != explained):
            evidence = [replace(e, rule=EXPLAINED_RULE) for e in relation.evidence]
            added.append(Relation(*triple, evidence, relation.status))
            have.add(triple)
    return added


def joint_issuers(documents: list[Ref], rule_relations: list[Relation], report: Report) -> list[str]:
    """The bodies besides the author that the rules found issuing the text's own title (科技部 财政部关于印发《…
    行动方案》的通知, 人力资源社会保障部最高人民法院关于…的意见), not the document it carries (贯彻落实《国务院关于
    …的批复》的通知: the State Council issued the reply, not the notice). None when the title says the issuers are
    more than it names (…国家发展改革委等十五部门关于…: learned_cues.yaml ``many_issuers``)."""
    if not documents or cues()["many_issuers_re"].search(documents[0].mention.text):
        return []
    return sorted({r.subject for r in rule_relations
                   if r.predicate == "issued" and r.object == documents[0].key and r.subject != report.author})


def co_issuers_act(relations: list[Relation], co_issuers: list[str], report: Report) -> list[Relation]:
    """What the author of a document issued jointly by a few bodies does, each co-issuer does (learned_cues.yaml
    ``co_issuer_predicates``, ``co_issuers_at_most``), on the author's evidence: the candidate pairs of one
    sentence offer the author as the implicit actor, and the co-issuers stand with it."""
    if not co_issuers or len(co_issuers) > cues()["co_issuers_at_most"] or not report.author:
        return []
    have = {(r.subject, r.predicate, r.object) for r in relations}
    added = []
    for relation in relations:
        if relation.subject != report.author or relation.predicate not in cues()["co_issuer_predicates"]:
            continue
        for key in co_issuers:
            if (key, relation.predicate, relation.object) not in have and key != relation.object:
                evidence = [replace(e, rule=CO_ISSUER_RULE) for e in relation.evidence]
                added.append(Relation(key, relation.predicate, relation.object, evidence, relation.status))
                have.add((key, relation.predicate, relation.object))
    return added
