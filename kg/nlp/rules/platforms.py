"""Platforms (…平台, …系统, …APP, 12345…热线) and named organisations (…律师事务所, …书店, …公司): a head word and
a free qualifier scanned back to the nearest boundary word; generic ones (网上办事平台, 业务系统) are dropped."""

from __future__ import annotations

import re
from functools import cache

from kg.nlp.rules.lexicon import Lexicons, alternation
from kg.nlp.rules.scan import free_name_start, left_edge_ok, run_start
from kg.nlp.rules.spans import Candidate
from kg.resources import read_tsv, read_yaml


@cache
def _config() -> dict:
    cfg = read_yaml("ner/platforms.yaml")
    cfg["platform_re"] = re.compile(alternation(cfg["platform_heads"]) + "(?!站)")  # 政府网站: the head is 网站
    cfg["platform_block_re"] = re.compile(alternation(cfg["platform_not_followed_by"]))
    cfg["platform_generic_re"] = re.compile(f"{alternation(cfg['platform_generic'])}*$")
    cfg["site_res"] = [re.compile(pattern) for pattern in cfg["site_patterns"]]
    cfg["place_site_re"] = re.compile(alternation(cfg["place_site_heads"]))
    cfg["place_site_block_re"] = re.compile(alternation(cfg["place_site_not_followed_by"]))
    cfg["national_store_re"] = re.compile(alternation(cfg["national_store_heads"]))
    cfg["org_re"] = re.compile(alternation(cfg["organization_heads"]))
    cfg["org_block_re"] = re.compile(alternation(cfg["organization_not_followed_by"]))
    cfg["org_generic_re"] = re.compile(f"{alternation(cfg['organization_generic'])}*$")
    cfg["org_place_re"] = re.compile(alternation(cfg["organization_place_heads"]))
    cfg["org_place_generic_re"] = re.compile(f"{alternation(cfg['organization_place_generic'])}*$")
    listed: dict[str, str] = {}  # written form -> name (ner/organizations.tsv)
    for name, *others in read_tsv("ner/organizations.tsv", (1, 2)):
        listed[name] = name
        listed.update({other: name for other in (others[0].split("|") if others else []) if other})
    cfg["org_listed"] = listed
    cfg["org_listed_re"] = re.compile(alternation(listed))
    return cfg


def organization_heads() -> tuple[str, ...]:
    """Last words of organisation names (…研究院, …律师事务所), for other rules that type a name by its end."""
    return (*_config()["organization_heads"], *_config()["organization_place_heads"])


def _headed(
    text: str,
    lex: Lexicons,
    head_re: re.Pattern,
    generic_re: re.Pattern,
    label: str,
    block_re: re.Pattern | None = None,
    whole_words: bool = False,
) -> list[Candidate]:
    out = []
    for match in head_re.finditer(text):
        if block_re is not None and block_re.match(text, match.end()):
            continue
        start = free_name_start(text, match.start(), match.end(), lex, whole_words=whole_words)
        if start is None:
            continue
        if label == "Organization" and match.group() not in _config()["organization_branch_heads"]:
            start = _after_the_last_body(text, start, match.start(), lex)
        qualifier = text[start : match.start()]
        if generic_re.fullmatch(qualifier):
            continue
        out.append(Candidate(start, match.end(), label, f"{label.lower()}.head", confidence=0.7, priority=1))
    return out


def _after_the_last_body(text: str, start: int, head_start: int, lex: Lexicons) -> int:
    """Where the last of several names written together begins: after another body's or organisation's head that
    a place follows (a joint notice's signatures run into one line: 河北省人力资源和社会保障厅河北省总工会
    河北省企业家协会… -> 河北省企业家协会), else ``start``."""
    cfg = _config()
    heads = (*lex.heads, *cfg["organization_heads"], *cfg["organization_place_heads"], *cfg["organization_run_heads"])
    for pos in range(head_start - 2, start, -1):
        if text.endswith(heads, 0, pos) and any(
            lex.gazetteer.lookup(text[pos : pos + size]) for size in range(2, 8) if pos + size <= head_start
        ):
            return pos
    return start


def find_platforms(text: str, lex: Lexicons) -> list[Candidate]:
    cfg = _config()
    found = _headed(
        text, lex, cfg["platform_re"], cfg["platform_generic_re"], "Platform", cfg["platform_block_re"],
        whole_words=True,
    )
    found += [
        Candidate(m.start(), m.end(), "Platform", "platform.site", confidence=0.8, priority=2)
        for pattern in cfg["site_res"]
        for m in pattern.finditer(text)
    ]
    placed = _headed(text, lex, cfg["place_site_re"], cfg["platform_generic_re"], "Platform",
                     cfg["place_site_block_re"], whole_words=True)
    found += [c for c in placed if _a_site_of_a_place(text[c.start : c.end], lex)]
    found += _built_by_a_task(text, lex)
    stores = _headed(text, lex, cfg["national_store_re"], cfg["platform_generic_re"], "Platform", whole_words=True)
    found += [Candidate(c.start, c.end, "Platform", "platform.national_store", confidence=0.8, priority=2)
              for c in stores if _a_national_store(text[c.start : c.end])]
    return [c for c in found if not _names_a_sector(text[c.start : c.end])]


def _a_site_of_a_place(name: str, lex: Lexicons) -> bool:
    """河北德育网, 全国征兵网: does a name ending with a place-only site head open with a division the gazetteer
    knows (or the nation) and go on to name a site, not a network (河北省工业互联网, 城市地下管网)?"""
    cfg = _config()
    if name.endswith(tuple(cfg["place_site_not_ending"])):
        return False
    sizes = [len(s) for s in cfg["place_site_starts"] if name.startswith(s)]
    sizes += [size for size in range(min(len(name) - 1, 8), 1, -1) if lex.gazetteer.lookup(name[:size])]
    return any(len(name) - size >= 3 for size in sizes[:1])


def _built_by_a_task(text: str, lex: Lexicons) -> list[Candidate]:
    """推进市场准入效能评估信息化平台建设: a platform a government's task builds, named between the task's verb and
    建设 (platforms.yaml platform_task_*), which the head's match otherwise leaves (建设 ends no name)."""
    cfg, out = _config(), []
    for match in cfg["platform_re"].finditer(text):
        if not text.startswith(cfg["platform_task_object"], match.end()):
            continue
        start = free_name_start(text, match.start(), match.end(), lex, whole_words=True)
        if start is None or not text.endswith(tuple(cfg["platform_task_verbs"]), 0, start):
            continue
        if cfg["platform_generic_re"].fullmatch(text[start : match.start()]):
            continue
        out.append(Candidate(start, match.end(), "Platform", "platform.task", confidence=0.8, priority=2))
    return out


def _a_national_store(name: str) -> bool:
    """国家科技项目评审专家库, 全国科技型中小企业数据库: a store of records named for the nation is a platform; a
    province's or a body's (省级专业教学资源库, 项目库) is a kind of resource a plan asks for."""
    cfg = _config()
    start = next((s for s in cfg["national_store_starts"] if name.startswith(s)), None)
    head = max((h for h in cfg["national_store_heads"] if name.endswith(h)), key=len, default="")
    return start is not None and len(name) - len(start) - len(head) >= 2


def _names_a_sector(name: str) -> bool:
    """全省自然资源系统: the bodies of one line of work across a place, not an information system; a longer
    platform head (全国中小学生学籍信息管理系统, 全省…信息系统) names a system whatever place it serves."""
    cfg = _config()
    head = max((h for h in cfg["platform_heads"] if name.endswith(h)), key=len, default="")
    return head in cfg["sector_heads"] and name.startswith(tuple(cfg["sector_starts"]))


def find_organizations(text: str, lex: Lexicons, places: list[Candidate] = ()) -> list[Candidate]:
    cfg = _config()
    found = _headed(text, lex, cfg["org_re"], cfg["org_generic_re"], "Organization", cfg["org_block_re"])
    placed = _headed(text, lex, cfg["org_place_re"], cfg["org_generic_re"], "Organization")
    found += [c for c in placed if _one_named_after_a_place(text[c.start : c.end], lex)]
    found += _opened_by_a_place(text, lex, places, found)
    return found + _listed(text, lex, found)


def _opened_by_a_place(
    text: str, lex: Lexicons, places: list[Candidate], found: list[Candidate]
) -> list[Candidate]:
    """A school's, university's or association's name that opens with its place where a boundary word or particle
    stands inside it (河北经贸大学: 经, 唐山市第一职业中等专业学校: 等, 河北城乡建设学校: 建设, 邢台市信都区…: 都),
    so the scan from the head (``_headed``) found no name or only its tail. The name runs from a place the rules
    found at a name's left edge to the head; what it says beside its places is not only a kind of school
    (河北省普通高等学校) and holds no body's head, verb or list word (河北省教育厅指导…学院, 河北和天津高校:
    platforms.yaml organization_opening_not_inside)."""
    cfg, out = _config(), []
    spots = [(p.start, p.end) for p in places if p.rule != "place.deictic"]
    heads = [(m, False) for m in cfg["org_re"].finditer(text)] + [(m, True) for m in cfg["org_place_re"].finditer(text)]
    for match, school in heads:
        floor = max(run_start(text, match.start(), lex), match.start() - cfg["organization_opening_max_length"])
        opening = [a for a, b in spots if floor <= a and b <= match.start() and left_edge_ok(text, a, lex)]
        if not opening:
            continue
        start = min(opening)
        if any(c.start <= start and c.end == match.end() for c in found):
            continue  # the scan from the head already named it from there or further left
        inside = [(a, b) for a, b in spots if start <= a and b <= match.start()]
        rest = "".join(ch for i, ch in enumerate(text[start : match.start()], start)
                       if not any(a <= i < b for a, b in inside))
        if not lex.forbidden_chars.isdisjoint(rest) or any(w in rest for w in cfg["organization_opening_not_inside"]):
            continue
        ends, starts = {b for _, b in inside}, {a for a, _ in inside}
        if any(text[i] in cfg["organization_opening_joints"] and (i in ends or i + 1 in starts)
               for i in range(start, match.start())):
            continue
        generic = cfg["org_place_generic_re"] if school else cfg["org_generic_re"]
        if (school or rest) and generic.fullmatch(rest):
            continue
        out.append(Candidate(start, match.end(), "Organization", "organization.opened_by_place", confidence=0.7,
                             priority=1))
    return out


def _listed(text: str, lex: Lexicons, found: list[Candidate]) -> list[Candidate]:
    """Firms and international or people's organisations by the names reports write them with (华为, 中国移动,
    上合组织, 全国总工会 -> 中华全国总工会; ner/organizations.tsv), where a name may begin or after another in a
    list (支持华为、腾讯), and not inside a longer organisation's name the head words found; one the head words'
    name goes on from (华为 + 技术有限公司) is that name, as written."""
    cfg, out = _config(), []
    for m in cfg["org_listed_re"].finditer(text):
        start, end = m.span()
        free = end - start >= cfg["organization_listed_free_length"]
        if start and not free and text[start - 1] not in cfg["organization_list_marks"] and not left_edge_ok(
            text, start, lex
        ):
            continue
        if any(c.start <= start and end <= c.end and (c.start, c.end) != (start, end) for c in found):
            continue
        longer = next((c.end for c in found if c.start == end), None)
        if longer is not None:  # 华为 + 技术有限公司: the head words' name began at the listed one's end
            out.append(Candidate(start, longer, "Organization", "organization.listed", confidence=0.8, priority=2))
            continue
        out.append(Candidate(start, end, "Organization", "organization.listed", kb_id=cfg["org_listed"][m.group()],
                             confidence=0.85, priority=2))
    return out


def _one_named_after_a_place(name: str, lex: Lexicons) -> bool:
    """Does a name open with a division the gazetteer knows and go on to name one of its kind (石家庄铁路运输学校,
    not 河北省普通高等学校)?"""
    for size in range(min(len(name) - 1, 8), 1, -1):
        if lex.gazetteer.lookup(name[:size]):
            rest = name[size:]
            for head in _config()["organization_place_heads"]:
                rest = rest.removesuffix(head)
            return not _config()["org_place_generic_re"].fullmatch(rest)
    return False
