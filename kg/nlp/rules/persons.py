"""Persons: a surname and one or two more characters, taken only next to a post (党组书记、局长章忠华; 习近平总书记)
or right after the organisation that retains them (律师事务所杨志武担当法律顾问). The post travels in kb_id, so
the graph can say who holds which post (org:Post)."""

from __future__ import annotations

import re
from functools import cache

from kg.nlp.rules.lexicon import HAN, Lexicons, alternation, first_chars
from kg.nlp.rules.spans import Candidate
from kg.resources import read_words, read_yaml

ALL_HAN = re.compile(f"[{HAN}]+")


@cache
def _config() -> dict:
    cfg = read_yaml("ner/persons.yaml")
    surnames = [*read_words("ner/surnames.tsv"), *cfg["compound_surnames"]]
    cfg["surname_re"] = re.compile(alternation(surnames))
    posts = "(?:" + alternation(cfg["post_prefixes"]) + ")?(?:" + alternation(cfg["posts"]) + ")"
    # the lookaheads: a post (and a run of them) may open with an optional prefix, so without the first characters
    # the engine tried the pattern at every character (0.3 CPU s a Hebei pass for both, decisions.md 60)
    opening = first_chars([*cfg["post_prefixes"], *cfg["posts"]])
    cfg["post_run_re"] = re.compile(f"{opening}{posts}(?:[、,，]?{posts})*[、,，]?{cfg['post_name_gap']}")
    cfg["post_after_re"] = re.compile(alternation(cfg["post_after_verbs"]) + f"({posts})")
    cfg["post_re"] = re.compile(posts)
    cfg["after_re"] = re.compile(alternation(cfg["after_name"]) + f"|[^{HAN}]|$")
    cfg["not_start_re"] = re.compile(alternation(cfg["not_name_starts"]))
    cfg["strong_after_re"] = re.compile(alternation(cfg["strong_posts_after"]))
    cfg["not_names"] = frozenset(cfg["not_names"])
    cfg["surname_rank"] = {name: rank for rank, name in enumerate(surnames)}
    cfg["label_re"] = re.compile(
        "(" + "|".join("[ \u3000]*".join(label) for label in sorted(cfg["list_labels"], key=len, reverse=True))
        + ")[ \u3000]*[：:][ \u3000\n]*"
    )
    cfg["run_stop_re"] = re.compile(cfg["label_re"].pattern + "|" + alternation(cfg["list_run_stops"]))
    cfg["run_not_re"] = re.compile(alternation(cfg["list_run_not"]))
    after_post = "(?:" + alternation(cfg["post_prefixes"]) + ")?(?:" + alternation(cfg["posts_after_name"]) + ")"
    after_post = first_chars([*cfg["post_prefixes"], *cfg["posts_after_name"]]) + after_post
    cfg["post_after_name_re"] = re.compile(after_post + f"(?![{HAN}]{{0,1}}{alternation(cfg['post_not_before'])})")
    cfg["bracket_re"] = re.compile("[（(][^（）()\n]{1,30}(?:" + alternation(cfg["bracket_post_ends"]) + ")[）)]")
    cfg["phone_re"] = re.compile(cfg["phone_after_name"])
    cfg["continued_re"] = re.compile(cfg["continued_name_after"])
    return cfg


def post_run_pattern() -> re.Pattern[str]:
    """Posts written one after another (党组书记、局长), as they stand before a name."""
    return _config()["post_run_re"]


def post_before(text: str, start: int) -> tuple[int, str] | None:
    """Where the posts written right before ``start`` begin, and the last of them (省政府常务副秘书长赵国昌: the run
    常务副秘书长, post 常务副秘书长), or None."""
    cfg = _config()
    for begin in range(max(0, start - 24), start):
        run = cfg["post_run_re"].fullmatch(text, begin, start)
        if run:
            return begin, cfg["post_re"].findall(run.group())[-1]
    return None


def post_after(text: str, end: int) -> str | None:
    """The post written right after a name (许勤省长, 柳宝全副省长任组长), or None."""
    post = _config()["post_re"].match(text, end)
    return post.group() if post else None


def bare_post(post: str) -> str:
    """A post without its rank prefix (副厅长 -> 厅长, 常务副秘书长 -> 秘书长): what the lists of posts name."""
    cfg = _config()
    for prefix in sorted(cfg["post_prefixes"], key=len, reverse=True):
        if post.startswith(prefix) and post[len(prefix):] in cfg["posts"]:
            return post[len(prefix):]
    return post


def _name_at(text: str, start: int, need_after: bool = True, limit: int | None = None) -> int | None:
    """End of a person name starting at ``start`` (surname + 1-2 characters), or None."""
    cfg = _config()
    if cfg["not_start_re"].match(text, start):
        return None
    surname = cfg["surname_re"].match(text, start)
    if not surname:
        return None
    # a two-word verb after a one-character given name is not part of a longer name (张伟担任 -> 张伟)
    shorter_then_verb = cfg["after_re"].match(text, surname.end() + 1)
    sizes = (1, 2) if shorter_then_verb and len(shorter_then_verb.group()) >= 2 else (2, 1)
    for size in sizes:
        end = surname.end() + size
        name = text[start:end]
        if end > (len(text) if limit is None else limit) or not ALL_HAN.fullmatch(name) or name in cfg["not_names"]:
            continue
        if cfg["post_re"].match(text, start) or cfg["post_re"].search(name):
            continue
        if not need_after or cfg["after_re"].match(text, end):
            return end
    return None


def find_persons(text: str, lex: Lexicons, previous: list[Candidate]) -> list[Candidate]:
    cfg, out = _config(), []
    for run in cfg["post_run_re"].finditer(text):
        end = _name_at(text, run.end())
        if end:
            post = cfg["post_re"].findall(run.group())[-1]
            out.append(
                Candidate(
                    run.end(),
                    end,
                    "Person",
                    "person.post_before",
                    kb_id=_post_id(post),
                    confidence=0.85,
                    priority=2,
                )
            )
    with_post_before = {(c.start, c.end) for c in out}
    for post in cfg["strong_after_re"].finditer(text):
        for size in (3, 2, 4):
            start = post.start() - size
            if (start, post.start()) in with_post_before:
                break  # 局长李建国同志: the post before says more than 同志
            if start >= 0 and _name_at(text, start, need_after=False) == post.start():
                out.append(
                    Candidate(
                        start,
                        post.start(),
                        "Person",
                        "person.post_after",
                        kb_id=_post_id(post.group()),
                        confidence=0.85,
                        priority=2,
                    )
                )
                break
    taken = {(c.start, c.end) for c in out}
    out += [c for c in _listed_persons(text, previous) if (c.start, c.end) not in taken]
    out += _continued(text, out)
    for cand in previous:
        if cand.label == "Organization" and cand.end < len(text):
            end = _name_at(text, cand.end)
            if end:
                taken = cfg["post_after_re"].match(text, end)
                kb_id = _post_id(taken.group(1)) if taken else ""
                out.append(
                    Candidate(cand.end, end, "Person", "person.after_org", kb_id=kb_id, confidence=0.75, priority=2)
                )
    return out


SEPARATORS = " \u3000\n\t，,、；;：:）)"


def _listed_persons(text: str, previous: list[Candidate]) -> list[Candidate]:
    """People of a composition or contact list: the names after a list label (组长：李毅; 成员：唐世民赵景林…),
    a name with a post in brackets (方文平（省军区参谋长）), a name before a head's post (许勤省长、徐建培副省长
    同意) or before a telephone number (谢园0311-89636835). Such a name stands after a separator or a label."""
    cfg, out = _config(), []
    bodies = {c.start: c.end for c in previous if c.label in ("Agency", "Organization")}
    for label in cfg["label_re"].finditer(text):
        post = re.sub("[ \u3000]", "", label.group(1))
        kb_id = _post_id(post) if post in cfg["posts"] else ""
        run = ALL_HAN.match(text, bodies.get(label.end(), label.end()))  # 联系人：厅政务服务处魏雷付幸
        if not run:
            continue
        stop = cfg["run_stop_re"].search(text, run.start() + 1, run.end() + 3)  # 李毅副组长：… ends before 副组长
        end = min(stop.start(), run.end()) if stop else run.end()
        end = min([end, *(b for b in bodies if run.start() < b < end)])  # 杨燕伟省人社厅党组书记: before the body
        names = _split_names(text, run.start(), end)
        out += [Candidate(s, e, "Person", "person.list", kb_id=kb_id, confidence=0.8, priority=2) for s, e in names]
    cues = [(m.start(), "", ()) for m in cfg["bracket_re"].finditer(text)]
    cues += [(m.start(), "", cfg["phone_name_after"]) for m in cfg["phone_re"].finditer(text)]
    cues += [(m.start(), m.group(), ()) for m in cfg["post_after_name_re"].finditer(text)]
    for start, end in bodies.items():  # 李建国　省财政厅副厅长: a name before a body and its post, spaces between
        gap = start
        while gap > 0 and start - gap < 3 and text[gap - 1] in " \u3000":
            gap -= 1
        if cfg["post_re"].match(text, end):  # …一级巡视员乔晓林省发展改革委一级巡视员: after a post, none between
            cues.append((gap, "", ("post",) if gap == start else ()))
    body_ends = set(bodies.values())
    for cue, post, leads in cues:
        start = _name_before(text, cue, body_ends, leads)
        if start is not None:
            kb_id = _post_id(post) if post else ""
            out.append(Candidate(start, cue, "Person", "person.list", kb_id=kb_id, confidence=0.75, priority=2))
    return out


def _continued(text: str, found: list[Candidate]) -> list[Candidate]:
    """Names listed after a name that holds a post, each between 、 and a separator (副部长杨学山、刘利华、尚冰，):
    people holding the same post."""
    cfg, out, taken = _config(), [], {c.start for c in found}
    for person in found:
        if not person.kb_id.startswith("post:"):
            continue
        at = person.end
        while at < len(text) and text[at] == "、" and at + 1 not in taken:
            end = _name_at(text, at + 1, need_after=False)
            if end is None or not cfg["continued_re"].match(text, end) or cfg["run_not_re"].search(text, at + 1, end):
                break
            out.append(Candidate(at + 1, end, "Person", "person.list", kb_id=person.kb_id, confidence=0.75, priority=2))
            at = end
    return out


def _name_before(text: str, cue: int, body_ends: set[int], leads: tuple[str, ...] = ()) -> int | None:
    """Start of a name ending at ``cue`` and standing after a separator (or 经, 由: name_lead_words), right after a
    body, or after one of ``leads`` (省教育厅学生处苑晓莉，0311-…: an office's head before a contact; ("post",): a
    post, in a list run together)."""
    cfg = _config()
    for size in (3, 2, 4):
        start = cue - size
        after_post = leads == ("post",) and post_before(text, start) is not None
        if start < 0 or (start > 0 and text[start - 1] not in SEPARATORS and start not in body_ends and not after_post
                         and text[start - 1] not in cfg["name_lead_words"] and text[start - 1] not in leads):
            continue
        if _name_at(text, start, need_after=False, limit=cue) == cue and not cfg["run_not_re"].search(
            text, start, cue
        ):
            return start
    return None


def _split_names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A run of names written together (崔青山彭素敏胡毅东甄红彬; 张建荣白铎) cut into names: each a surname and one
    or two characters; the fewest names, then the commonest surnames. Nothing when the run cannot be cut so or
    holds a word no name does (省工商局分管领导)."""
    cfg = _config()
    if end - start < 2 or end - start > 40 or cfg["run_not_re"].search(text, start, end):
        return []
    rank = cfg["surname_rank"]
    best: dict[int, tuple[int, int, list[tuple[int, int]]]] = {start: (0, 0, [])}
    for i in range(start, end):
        if i not in best:
            continue
        count, cost, names = best[i]
        for surname in (text[i : i + 2], text[i]):
            if surname not in rank:
                continue
            for given in (1, 2):
                j = i + len(surname) + given
                if j > end:
                    continue
                option = (count + 1, cost + rank[surname], [*names, (i, j)])
                if j not in best or option[:2] < best[j][:2]:
                    best[j] = option
    return best[end][2] if end in best else []


def _post_id(word: str) -> str:
    """The kb_id a person's post travels in, or none for a form of address (同志)."""
    return "" if word in _config()["not_posts"] else f"post:{word}"
