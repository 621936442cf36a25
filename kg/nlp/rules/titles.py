"""Titled documents: 《…》, <…> and 〈…〉, typed Law or PolicyDocument by the legal hierarchy.

Also finds the documents named inside a title (《…关于印发<B>的通知》 gives B; 《贯彻落实X纲要的实施方案》 gives the
纲要), since reports cite the inner document as much as the notice that carries it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache, lru_cache

from kg.nlp.rules.lexicon import Division, Lexicons, alternation, first_chars, load_gazetteer, load_lexicons
from kg.nlp.rules.scan import qualifier_ok
from kg.nlp.rules.spans import Candidate
from kg.resources import read_tsv, read_yaml

OUTER = re.compile(r"《([^《》\n]{1,150})》")
INNER = re.compile(r"[<〈]([^<>〈〉《》\n]{1,120})[>〉]")
TRAILING_NOTE = re.compile(r"(?:\s*[(（][^()（）]{1,20}[)）])+$")  # (2023年版) (试行) (41项)
TITLE_KEY_DROP = re.compile(r"[\s\u3000《》〈〉<>()（）“”\"']")


@cache
def _config() -> dict:
    cfg = read_yaml("ner/titles.yaml")
    provinces = [d.name for ds in load_gazetteer().by_name.values() for d in ds if d.level == "province"]
    cfg["issuer_re"] = re.compile(
        alternation([*cfg["rule_issuers"], *provinces, *load_gazetteer().short_names])
    )
    verbs = alternation(cfg["inner_document_verbs"])
    types = alternation(cfg["document_types"])
    cfg["inner_doc_re"] = re.compile(rf"{verbs}(.{{4,60}}?{types}(?:[(（][^()（）]{{1,20}}[)）])?)(?:的)")
    cfg["after_re"] = re.compile(alternation(cfg["not_documents_after"]))
    stop = "".join(re.escape(c) for c in sorted(load_lexicons().stop_chars))
    cfg["unbracketed_re"] = re.compile(
        f"{alternation(cfg['issuing_verbs'])}([^{stop}]{{2,40}}{alternation(cfg['unbracketed_types'])})(?=[{stop}]|$)"
    )
    cfg["cited_unbracketed_re"] = re.compile(
        f"{alternation(cfg['cited_verbs'])}([^{stop}]{{2,40}}{alternation(cfg['cited_unbracketed_types'])})(?=[{stop}]|$)"
    )
    types_and_laws = alternation([*cfg["document_types"], *cfg["law_suffixes"]])
    cfg["drafted_item_re"] = re.compile(
        rf"(?:^|[{stop}．])([^{stop}．]{{2,40}}?{types_and_laws})"
        rf"(?=(?:[（(][^（()）]{{1,8}}[)）])?{cfg['drafted_note']})",
        re.MULTILINE,
    )
    if cfg["drafted_note_word"] not in cfg["drafted_note"]:
        raise ValueError("ner/titles.yaml: drafted_note_word must be a word every drafted_note holds")
    cfg["department_re"] = re.compile(
        rf"[\u4e00-\u9fff]{{1,{int(cfg['department_max_chars'])}}}?{alternation(cfg['department_heads'])}"
    )
    cfg["type_end_re"] = re.compile(alternation([*cfg["document_types"], *cfg["law_suffixes"]]) + "$")
    cfg["amending_re"] = re.compile(cfg["amending_title"])
    cfg["unbracketed_end_re"] = re.compile(alternation(cfg["unbracketed_types"]) + "$")
    cfg["title_line_number_re"] = re.compile(cfg["title_line_number"])
    # the lookahead: a match begins with 关, 联 or a verb's first character (its two openings are optional, so the
    # engine would otherwise try the pattern at every character: 0.2 CPU s a Hebei pass, decisions.md 60)
    cfg["notice_line_re"] = re.compile(
        first_chars(["关于", "联合", *cfg["notice_line_verbs"]])
        + rf"(?:关于)?(?:联合)?{alternation(cfg['notice_line_verbs'])}[ \u3000]*[《〈<][^《》〈〉<>\n]{{2,150}}[》〉>]"
        r"[ \u3000]*的通知?"
    )
    cfg["notice_line_lead_re"] = re.compile(cfg["notice_line_lead"])
    carrying = alternation(cfg["carried_rule_verbs"])
    rule_ends = alternation(cfg["carried_rule_suffixes"])
    cfg["carried_rule_re"] = re.compile(
        rf"{carrying}[ \u3000]*(?:[《〈<]([^《》〈〉<>\n]{{2,150}})[》〉>]"
        rf"|([^《》〈〉<>\n，。；：]{{4,60}}?{rule_ends}(?:[(（][^()（）]{{1,20}}[)）])?)的通知)"
    )
    cfg["numbered_rule_re"] = re.compile(rf"[《〈<]([^《》〈〉<>\n]{{2,150}})[》〉>](?={cfg['numbered_as_document']})")
    cfg["promulgation_re"] = re.compile(cfg["promulgation_order"])
    cfg["promulgation_before_re"] = re.compile(cfg["promulgation_order_before"])
    cfg["promulgated_keys"] = frozenset(title_key(row[0]) for row in read_tsv(cfg["promulgated_titles"]))
    return cfg


def title_key(title: str) -> str:
    """A title compared without its brackets, quotes and spaces (《设立专利代理机构审批办法（暂行）》 and
    设立专利代理机构审批办法(暂行) are one title)."""
    return TITLE_KEY_DROP.sub("", title)


def promulgation_patterns() -> tuple[re.Pattern, re.Pattern]:
    """The order written after a title and before it (titles.yaml), for tools/mine_promulgated_titles.py."""
    return _config()["promulgation_re"], _config()["promulgation_before_re"]


def promulgated(text: str, end: int, start: int | None = None) -> bool:
    """Is the title at ``start``..``end`` promulgated by an order: followed by it (（教育部令第29号）), preceded by it
    (科学技术部令第11号《…》) or called a rule (部门规章《…》), or one the corpus shows with its order
    (promulgated_titles.tsv)? Then it is a Law whatever its title says of its issuer."""
    cfg = _config()
    if cfg["promulgation_re"].match(text, end) is not None:
        return True
    if start is None:
        return False
    before = text[max(0, start - int(cfg["promulgation_before_chars"])) : start]
    return cfg["promulgation_before_re"].search(before) is not None or title_key(text[start:end]) in cfg[
        "promulgated_keys"
    ]


@lru_cache(maxsize=8)
def _carried_rule_keys(text: str) -> frozenset[str]:
    """The keys of the titles a notice in ``text`` carries (印发《…》, 关于印发…办法的通知) or numbers as a normative
    document (《…》(冀财预〔2011〕68号)), with and without a trailing note (（试行）)."""
    keys = set()
    for match in _config()["carried_rule_re"].finditer(text):
        title = match.group(1) or match.group(2)
        keys |= {title_key(title), title_key(TRAILING_NOTE.sub("", title))}
    for match in _config()["numbered_rule_re"].finditer(text):  # 《…管理办法》(冀财预〔2011〕68号)
        keys |= {title_key(match.group(1)), title_key(TRAILING_NOTE.sub("", match.group(1)))}
    return frozenset(keys)


def carried_rule(text: str, start: int, end: int) -> bool:
    """Is the rule or regulation at ``start``..``end`` one that a notice of the text carries (titles.yaml
    carried_rule_verbs: 关于印发《…管理办法》的通知) or numbers as a normative document (numbered_as_document:
    (冀财预〔2011〕68号)), no statute (…法) and promulgated by no order? Then it is a
    normative document, a PolicyDocument, wherever the text names it: rules and regulations are promulgated by a 令,
    not 印发ed."""
    title = text[start:end]
    if title_type(title)[1] in ("law", "constitution") or promulgated(text, end, start):
        return False
    key = title_key(title)
    return key in _carried_rule_keys(text) or title_key(TRAILING_NOTE.sub("", title)) in _carried_rule_keys(text)


def decisive_title_type(title: str) -> str | None:
    """Law or PolicyDocument where the Legislation Law decides from the title alone, whoever found it: a Party,
    army or CPPCC regulation is no Law, an amending decision is one (titles.yaml); None where it does not."""
    cfg = _config()
    core = TRAILING_NOTE.sub("", title)
    if core.startswith(tuple(cfg["non_state_issuers"])):
        return "PolicyDocument"
    if cfg["amending_re"].search(core):
        return "Law"
    return None


def title_type(title: str) -> tuple[str, str]:
    """(entity type, rank) of a title by its ending and issuer."""
    cfg = _config()
    core = TRAILING_NOTE.sub("", title)
    decided = decisive_title_type(core)
    if decided is not None:
        return decided, cfg["ranks"].get("条例", "law") if decided == "Law" else "normative"
    if "关于" not in core:
        for suffix in cfg["rule_suffixes"]:
            if core.endswith(suffix):
                national = cfg["issuer_re"].match(core) is not None and not _county_issuer(core)
                national = national and not _department_issuer(core)
                return ("Law", "rule") if national else ("PolicyDocument", "normative")
        for suffix in cfg["law_suffixes"]:
            if core.endswith(suffix) and not core.endswith("办法"):
                return "Law", cfg["ranks"].get(suffix, "law")
    return "PolicyDocument", "normative"


def _department_issuer(title: str) -> bool:
    """Does a department of the place open the title (江西省自然资源厅行政规范性文件管理办法)? Its 办法 is a
    normative document: only governments make rules."""
    places, end = _leading_places(title)
    return bool(places) and _config()["department_re"].match(title, end) is not None


def _county_issuer(title: str) -> bool:
    """Does the title open with a chain of places that reaches a county or below (深圳市龙华区…办法)? Such
    bodies make normative documents, not rules (规章 are made by provincial and city governments)."""
    places, _ = _leading_places(title)
    return any(d.level in ("county", "township") for found in places for d in found)


def _leading_places(title: str) -> tuple[list[list[Division]], int]:
    """The divisions the title opens with, one after another, longest name first (深圳市 | 龙华区), and the
    offset after them."""
    gaz, pos, places = load_gazetteer(), 0, []
    while size := next((n for n in range(min(12, len(title) - pos), 1, -1) if gaz.lookup(title[pos : pos + n])), 0):
        places.append(gaz.lookup(title[pos : pos + size]))
        pos += size
    return places, pos


def _followed_by_book_marker(text: str, end: int) -> bool:
    """True when a run of titles ending at ``end`` is followed by 等书籍 / 一书 ... (books, not documents)."""
    after = end
    while after < len(text) and text[after] in "《》、和及与":
        nxt = OUTER.match(text, after)
        if not nxt:
            after += 1
            continue
        after = nxt.end()
    return _config()["after_re"].match(text, after) is not None


def find_titles(text: str, lex: Lexicons) -> list[Candidate]:
    out: list[Candidate] = []
    for match in OUTER.finditer(text):
        if _followed_by_book_marker(text, match.end()):
            continue
        out.extend(_title_candidates(text, match.start(1), match.end(1), rule="title.book"))
    for match in INNER.finditer(text):
        inside_outer = any(c.start <= match.start() < c.end for c in out)
        if inside_outer or _looks_like_document(match.group(1)):
            out.extend(_title_candidates(text, match.start(1), match.end(1), rule="title.angle", priority=4))
    out += _unbracketed(text, lex) + _drafted_items(text) + _title_line(text, out) + _notice_lines(text)
    return [_carried_retyped(text, c) for c in out]


def _carried_retyped(text: str, candidate: Candidate) -> Candidate:
    """A Law the text's notice carries (印发《河北省…管理办法》, carried_rule) is a normative document, on every line
    that names it (the page's own title line, the notice, the text that cites it)."""
    if candidate.label != "Law" or decisive_title_type(text[candidate.start : candidate.end]) is not None:
        return candidate
    if not carried_rule(text, candidate.start, candidate.end):
        return candidate
    return replace(candidate, label="PolicyDocument", kb_id="normative")


def _notice_lines(text: str) -> list[Candidate]:
    """A carrying notice named on a line of its own without its own brackets ([issuers]关于印发《Y》的通知, titles.yaml
    notice_line_*): the whole notice is a document, issuers included when written with it. Only where nothing but
    a document number, an attachment's label or a signer set apart by a wide gap precedes it on its line."""
    cfg, out = _config(), []
    for match in cfg["notice_line_re"].finditer(text):
        if _in_a_title(text, match.start()):
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        start = match.start()
        while start > line_start and (_issuer_char(text[start - 1]) or (
                text[start - 1] in " \u3000" and start - 1 > line_start and _issuer_char(text[start - 2]))):
            start -= 1
        lead = cfg["notice_line_lead_re"].match(text, line_start, match.start())
        if lead is not None and start < lead.end():
            start = lead.end()
        before, issuers = text[line_start:start], text[start : match.start()]
        if start == match.start() and not match.group().startswith("关于"):
            continue  # 印发《…》的通知 with its issuers set apart: no title of its own
        if any(verb in issuers for verb in cfg["cited_verbs"]):
            continue  # 贯彻落实省教育厅印发《…》的通知精神: a sentence citing the notice
        set_apart = re.search(r"[ \u3000]{2}$", before) is not None
        if before.strip() and not (lead is not None and lead.end() == start) and not set_apart:
            continue
        end = match.end() + (1 if text.startswith("通知", match.end() - 1) else 0)
        out.append(Candidate(start, end, "PolicyDocument", "title.notice", kb_id="normative", confidence=0.9,
                             priority=6))
    return out


def _issuer_char(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or char == "、"


def _title_line(text: str, found: list[Candidate]) -> list[Candidate]:
    """The document's own title on its first line, written without brackets (河北省机关事业单位工资基金管理规定,
    河北省人民政府办公厅关于…有关问题的复函): a line of a title's length, without a sentence's punctuation, that ends
    as a document's name does (titles.yaml title_line_*). SCHEMA: the document's own title is a document of its
    author."""
    cfg = _config()
    start = len(text) - len(text.lstrip())
    line_end = text.find("\n", start)
    end = len(text) if line_end < 0 else line_end
    while end > start and text[end - 1].isspace():
        end -= 1
    number = cfg["title_line_number_re"].search(text, start, end)  # …管理办法(冀科政﹝2013﹞12号): not its name
    end = number.start() if number else end
    cut = next((mark for mark in cfg["title_line_cut"] if text.endswith(mark, start, end)), None)
    if cut is not None:  # a title the site cut short: its name as written up to the dots
        end -= len(cut)
        while end > start and (text[end - 1].isspace() or text[end - 1] in "…."):
            end -= 1
    line = text[start:end]
    unwanted = [c for c in cfg["title_line_not"] if cut is None or c not in "《》"]
    if not cfg["title_line_min"] <= len(line) <= cfg["title_line_max"] or any(c in line for c in unwanted):
        return []
    if cut is not None and (line.startswith(tuple(cfg["title_line_cut_not_opening"]))
                            or line.endswith(tuple(cfg["title_line_cut_too_early"]))):
        return []
    if any(c.start <= start and end <= c.end for c in found) or not (cut or _looks_like_document(line)):
        return []
    label, rank = title_type(line)
    return [Candidate(start, end, label, "title.line", kb_id=rank, confidence=0.8, priority=2)]


def _drafted_items(text: str) -> list[Candidate]:
    """A legislative plan's items, titles written without brackets and followed by who drafts them
    (7.河北省动物防疫条例（修订）（省农业农村厅起草））: the note says the item is a document."""
    out = []
    if _config()["drafted_note_word"] not in text:  # the note's one fixed word: no note, no item (and no scan)
        return out
    for match in _config()["drafted_item_re"].finditer(text):
        if match.group(1).endswith(tuple(_config()["drafted_not_ending"])):
            continue
        label, rank = title_type(match.group(1))
        out.append(Candidate(match.start(1), match.end(1), label, "title.drafted", kb_id=rank, confidence=0.8,
                             priority=3))
    return out


def _unbracketed(text: str, lex: Lexicons) -> list[Candidate]:
    """Documents named without brackets after an issuing or a citing verb; the name must say more than its type."""
    out = []
    cited = [m for m in _config()["cited_unbracketed_re"].finditer(text) if not _in_a_title(text, m.start())]
    for match in [*_config()["unbracketed_re"].finditer(text), *cited]:
        for start, end in _coordinated(text, match.start(1), match.end(1)):
            name = text[start:end]
            doc_type = _config()["type_end_re"].search(name).group()
            qualifier = name[: -len(doc_type)]
            for tail in _config()["unbracketed_qualifier_tails"]:
                qualifier = qualifier.removesuffix(tail)
            if len(qualifier) < 4 or not qualifier_ok(qualifier, lex):
                continue
            label, rank = title_type(name)
            out.append(Candidate(start, end, label, "title.unbracketed", kb_id=rank, confidence=0.7, priority=2))
    return out


def _in_a_title(text: str, at: int) -> bool:
    """Is ``at`` between a title's opening bracket and its closing one (关于印发<益阳市贯彻落实法治政府建设实施纲要
    (2015-2020年)的实施方案>: 贯彻落实 there names the title's subject, the bracketed rules own the names)?"""
    before = text[max(0, at - 200) : at]
    return max(before.rfind(c) for c in "《〈<") > max(before.rfind(c) for c in "》〉>")


def _coordinated(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """制定光明区法治政府建设重点工作方案和法治政府考核评分细则: two documents, where the name splits at a
    conjunction into pieces that each end with a document's type (titles.yaml unbracketed_conjunctions; not 学法和考法
    工作的通知, whose first piece ends with 法)."""
    cfg = _config()
    pieces, piece_start = [], start
    for at in range(start + 1, end - 1):
        if text[at] in cfg["unbracketed_conjunctions"] and cfg["unbracketed_end_re"].search(text, piece_start, at):
            pieces.append((piece_start, at))
            piece_start = at + 1
    if not pieces:
        return [(start, end)]
    return [*pieces, (piece_start, end)]


def _looks_like_document(title: str) -> bool:
    """A bare <…> outside 《》 is a title only when it ends like one (…的通知, …条例)."""
    return _config()["type_end_re"].search(TRAILING_NOTE.sub("", title)) is not None


def _title_candidates(text: str, start: int, end: int, rule: str, priority: int = 5) -> list[Candidate]:
    title = text[start:end].strip()
    if len(title) < 2:
        return []
    label, rank = title_type(title)
    if label != "Law" and promulgated(text, end, start):
        label, rank = "Law", "rule"
    found = [Candidate(start, end, label, rule, kb_id=rank, confidence=0.95, priority=priority)]
    for inner in _config()["inner_doc_re"].finditer(text, start, end):
        if INNER.search(inner.group(1)):
            continue
        i_label, i_rank = title_type(inner.group(1))
        found.append(
            Candidate(
                inner.start(1),
                inner.end(1),
                i_label,
                "title.inner",
                kb_id=i_rank,
                confidence=0.8,
                priority=priority - 1,
            )
        )
    return found
