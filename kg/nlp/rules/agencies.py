"""Agencies: national bodies from a lexicon, local bodies by grammar, and their standard abbreviations.

The grammar is [中共] [place] [level] [委] function-words head (益阳市 行政审批服务 局, 市委 全面依法治市 委员会).
Heads that are single characters (局, 部, 委) only count after function words from the lexicon, since they end
countless ordinary words (格局, 干部, 委员). Multi-character heads (领导小组, 服务中心, 办事处) also take a free
qualifier scanned back to the nearest boundary word (调整[法治建设工作领导小组]).
"""

from __future__ import annotations

import re
from functools import cache

from kg.nlp.rules.lexicon import LEVEL_CHARS, Lexicons, alternation, load_lexicons
from kg.nlp.rules.scan import free_name_start, holds_boundary, left_edge_ok, run_start
from kg.nlp.rules.spans import Candidate
from kg.resources import read_tsv, read_yaml


@cache
def _config() -> dict:
    lex = load_lexicons()
    cfg = read_yaml("ner/agencies.yaml")
    func = lex.functions_re
    strict_heads = alternation(lex.heads)
    cfg["structured_re"] = re.compile(f"{func}(?:[和与]?{func})*({strict_heads})")
    cfg["free_heads_re"] = re.compile(
        alternation([h for h, (mode, _) in lex.heads.items() if mode == "free"])
    )
    cfg["central_re"] = re.compile(alternation(lex.central))
    cfg["congress_term_re"] = re.compile(cfg["congress_term"])
    cfg["central_units_re"] = re.compile(alternation(cfg["central_units"]))
    surfaces: dict[str, str] = {}
    for short, template in [*lex.abbreviations, *lex.organization_abbreviations]:
        for level in [*LEVEL_CHARS, "自治区"] if "{L}" in short else [" "]:
            surfaces[short.replace("{L}", level)] = template
    cfg["abbr"] = surfaces
    cfg["abbr_organizations"] = frozenset(template for _, template in lex.organization_abbreviations)
    cfg["abbr_re"] = re.compile(alternation(surfaces))
    cfg["deictic_re"] = re.compile(alternation(cfg["deictic"]))
    cfg["place_actor_item_re"] = re.compile(cfg["place_actor_item"], re.MULTILINE)
    cfg["deictic_not_after_re"] = re.compile(f"(?:{'|'.join(map(re.escape, cfg['deictic_not_after']))})$")
    cfg["party_re"] = re.compile(alternation(cfg["party_prefixes"]) + "$")
    cfg["generic"] = frozenset(cfg["generic_names"])
    cfg["anaphoric_re"] = re.compile(alternation(cfg["anaphoric_names"]))
    cfg["unit_re"] = re.compile(
        f"{alternation(cfg['unit_prefixes'])}({alternation(cfg['unit_functions'])}{alternation(cfg['unit_heads'])})"
    )
    cfg["branch_re"] = re.compile(alternation(cfg["branch_heads"]))
    cfg["branch_qualifier_re"] = re.compile(f"[\u4e00-\u9fff]{{1,{int(cfg['branch_max_qualifier'])}}}")
    cfg["branch_not_re"] = re.compile(alternation(cfg["branch_not_qualifier"]))
    cfg["group_setup_re"] = re.compile(
        f"(?:{alternation(cfg['group_setup_verbs'])})([^，。；、：,;:\n“”《》（）()]{{2,{cfg['group_setup_max']}}}?"
        f"(?:{alternation(cfg['group_setup_heads'])}))(?!{alternation(cfg['group_setup_not_before'])})"
    )
    return cfg


def _head_blocked(text: str, head: str, end: int, compound: bool = False) -> bool:
    """Is the head the start of an ordinary word here (局面, 中心工作)? A ``compound`` head of the lexicon obeys
    its last word's rule too (保护中心 as 中心); a short form (局党组) only its own and its last character's."""
    if text.startswith(tuple(_config()["head_followed_ok"]), end):
        return False
    keys = (head, head[-2:], head[-1]) if compound else (head, head[-1])
    for key in dict.fromkeys(keys):
        for word in _config()["head_not_followed_by"].get(key, ()):
            if text.startswith(word, end):
                return True
    return False


def _extend_prefix(text: str, start: int, places_by_end: dict[int, Candidate]) -> tuple[int, bool]:
    """Move ``start`` left over 委 / a level character / a place / 中共; True when a place or level was taken."""
    pos, anchored = start, False
    for party in ("党委", "委"):  # 市委[全面依法治市]委员会, 自治区党委[依法治区]办
        cut = pos - len(party)
        if text.startswith(party, cut) and (cut in places_by_end or text[cut - 1 : cut] in LEVEL_CHARS):
            pos = cut
            break
    if pos in places_by_end:
        pos, anchored = places_by_end[pos].start, True
    elif text.startswith("自治区", pos - 3):
        pos, anchored = pos - 3, True
    elif pos >= 1 and text[pos - 1] in LEVEL_CHARS:
        pos, anchored = pos - 1, True
        if pos in places_by_end:  # 益阳 + 市: short name then level
            pos = places_by_end[pos].start
    party = _config()["party_re"].search(text, max(0, pos - 5), pos)
    if party:
        pos = party.start()
    return pos, anchored


def find_agencies(text: str, lex: Lexicons, places: list[Candidate]) -> list[Candidate]:
    places_by_end: dict[int, Candidate] = {}
    for place in places:
        if place.rule != "place.deictic" and place.length > places_by_end.get(place.end, place).length - 1:
            places_by_end[place.end] = place
    out = _central(text) + _structured(text, places_by_end) + _abbreviations(text, lex, places_by_end)
    out += _units_of_bodies(text, lex, out)
    out += _free(text, lex, out) + _streets(text, lex) + _deictic(text) + _anaphors(text, lex)
    out += _branches(text, places_by_end, out) + _author_units(text, lex) + _place_actors(text, places)
    out += _groups_set_up(text) + _institutions(text, lex, places) + _designated(text, lex, places_by_end)
    return [_anaphor(c, text) for c in out if _kept(text[c.start : c.end])]


def _place_actors(text: str, places: list[Candidate]) -> list[Candidate]:
    """40.江苏省南京市着力打造…: the places opening a list item, as the body that acts (their government), when what
    follows is no body's head, list or possessive, in a document that lists several places so (agencies.yaml,
    place_actor_*): 1.石家庄生物医药产业集群 in a provincial plan names a thing. The places stay nested inside."""
    cfg = _config()
    by_start: dict[int, Candidate] = {}
    for place in places:
        if place.rule != "place.deictic" and place.length > by_start.get(place.start, place).length - 1:
            by_start[place.start] = place
    out = []
    for item in cfg["place_actor_item_re"].finditer(text):
        end, last = item.end(), None
        while end in by_start:
            last = by_start[end]
            end = last.end
        if last is None or text.startswith(tuple(cfg["place_actor_not_followed_by"]), end) or end >= len(text):
            continue
        if not text.endswith(tuple(cfg["place_actor_suffixes"]), last.start, last.end):
            continue
        # priority 3: a lone place (45.浙江省深化…) is the same span as its Place mention and acts all the same
        out.append(Candidate(item.end(), end, "Agency", "agency.place_actor",
                             kb_id=f"place_actor:{text[last.start : last.end]}", confidence=0.8, priority=3))
    if len({c.kb_id for c in out}) < cfg["place_actor_min_places"]:
        return []
    return out


def _units_of_bodies(text: str, lex: Lexicons, bodies: list[Candidate]) -> list[Candidate]:
    """A department's or bureau's unit named after it (教育部财务司, 财政部科教和文化司, 省教育厅发展规划处): a body the
    rules found, then the unit's function (Han characters, not opening with a boundary word: 省教育厅负责处…, no
    particle) and a unit head (agencies.yaml body_unit_*). The body stays nested inside (the unit's parent)."""
    cfg = _config()
    if "body_unit_re" not in cfg:
        cfg["body_unit_re"] = re.compile(
            f"([\u4e00-\u9fff]{{2,{int(cfg['body_unit_max_function'])}}}?)({alternation(cfg['body_unit_heads'])})")
    out = []
    for body in bodies:
        if text[body.end - 1 : body.end] not in cfg["body_unit_parents"]:
            continue
        match = cfg["body_unit_re"].match(text, body.end)
        if match is None or _head_blocked(text, match.group(2), match.end()):
            continue
        function = match.group(1)
        if lex.boundary_re.match(function) or not lex.forbidden_chars.isdisjoint(function):
            continue
        if match.group(2) in cfg["body_unit_named_heads"] and (
            not left_edge_ok(text, body.start, lex) or holds_boundary(text, body.end, match.start(2), lex)
        ):
            continue  # 安全[监察局信息中心]: a cut body; 信息化厅新闻发布工作围绕中心: a verb, not a unit's name
        if function.startswith(tuple(cfg["body_unit_not_functions"])):
            continue
        out.append(Candidate(body.start, match.end(), "Agency", "agency.body_unit", confidence=0.8, priority=3))
    return out


def _institutions(text: str, lex: Lexicons, places: list[Candidate]) -> list[Candidate]:
    """Public institutions (SCHEMA: Agency): a library, museum, hospital, academy or laboratory named with a place
    or as the country's (陕西省图书馆, 北京儿童医院, 培育人工智能陕西实验室, 中国信息通信研究院). The free
    qualifier before the head (kg.nlp.rules.scan.free_name_start) holds a place the rules found, and what it says
    beside the place is not only a kind (河北省公共图书馆, 县级医院: agencies.yaml institution_generic) nor an
    organisation's name or a list (河北医科大学…实验室, 衡水等市与京津三甲医院: institution_not_inside and
    institution_list_joints)."""
    cfg = _config()
    if "institution_re" not in cfg:
        cfg["institution_re"] = re.compile(alternation(cfg["institution_heads"]))
        cfg["institution_generic_re"] = re.compile(f"{alternation(cfg['institution_generic'])}*")
    spots = [(p.start, p.end) for p in places if p.rule != "place.deictic"]
    spots += [m.span() for m in re.finditer(alternation(cfg["institution_national"]), text)]
    out = []
    for match in cfg["institution_re"].finditer(text):
        if _head_blocked(text, match.group(), match.end()):
            continue
        start = free_name_start(text, match.start(), match.end(), lex)
        inside = [(a, b) for a, b in spots if start is not None and start <= a and b <= match.start()]
        if not inside:  # a boundary word inside the name (陕西考古博物馆: 考): from a place that may open a name
            floor = run_start(text, match.start(), lex)
            opening = [(a, b) for a, b in spots if floor <= a and b <= match.start() and left_edge_ok(text, a, lex)]
            if not opening:
                continue
            start = min(a for a, _ in opening)
            inside = [(a, b) for a, b in spots if start <= a and b <= match.start()]
        rest = "".join(ch for i, ch in enumerate(text[start : match.start()], start)
                       if not any(a <= i < b for a, b in inside))
        if cfg["institution_generic_re"].fullmatch(rest) and rest:
            continue
        if any(word in text[start : match.start()] for word in cfg["institution_not_inside"]):
            continue
        if _joins_places(text, start, match.start(), spots, cfg["institution_list_joints"]):
            continue
        out.append(Candidate(start, match.end(), "Agency", "agency.institution", confidence=0.8, priority=2))
    return out


def _joins_places(text: str, start: int, end: int, spots: list[tuple[int, int]], joints: list[str]) -> bool:
    """Does a list word of text[start:end] touch a place there (衡水等市, 北京和天津), making it a list of places
    rather than one institution's name (北京协和医院: 和 is a character of 协和)?"""
    ends, starts = {b for _, b in spots}, {a for a, _ in spots}
    return any(text[i] in joints and (i in ends or i + 1 in starts) for i in range(start, end))


def _groups_set_up(text: str) -> list[Candidate]:
    """成立X领导小组: the group a document sets up, named from the verb to the head (agencies.yaml group_setup_*);
    not a generic group (成立领导小组) nor one named for a kind of body (各地要成立…)."""
    cfg = _config()
    generic, out = set(cfg["generic_names"]), []
    for m in cfg["group_setup_re"].finditer(text):
        if m.group(1) in generic or m.group(1).startswith(tuple(cfg["group_setup_not_opening"])):
            continue
        sentence = max(text.rfind(mark, 0, m.start()) for mark in "。；;\n")
        if any(word in text[sentence + 1 : m.start()] for word in cfg["group_setup_not_after"]):
            continue  # 各级…要成立…领导小组: others are told to set one up
        out.append(Candidate(m.start(1), m.end(1), "Agency", "agency.group_set_up", confidence=0.8, priority=3))
    return out


def _anaphors(text: str, lex: Lexicons) -> list[Candidate]:
    """Generic names standing alone (将领导小组办公室设…), not the end of a longer name."""
    return [
        Candidate(m.start(), m.end(), "Agency", "agency.anaphor", priority=0)
        for m in _config()["anaphoric_re"].finditer(text)
        if left_edge_ok(text, m.start(), lex)
    ]


def anaphoric_heads() -> frozenset[str]:
    """Heads whose generic names refer back to the last body named with them (领导小组)."""
    return frozenset(_config()["anaphoric_names"].values())


def names_an_organization(template: str) -> bool:
    """Is this short form's template a people's organisation's (organization_abbreviations.tsv: 省妇联)?"""
    return template in _config()["abbr_organizations"]


def abbreviation_template(surface: str) -> str | None:
    """The canonical template of a body's standard short form (省政协 -> 中国人民政治协商会议{P}委员会;
    abbreviations.tsv), for a mention the entity model found where the rule did not."""
    return _config()["abbr"].get(surface)


def standard_agency_name(name: str) -> str:
    """The standard form of an agency's name: a department's short form written in full (市市场监管局 ->
    市市场监督管理局, agencies.yaml), and a street office by its street alone, as the street rule names it
    (长沙市岳麓区望月湖街道办事处 -> 望月湖街道办事处: the places before the street only locate it), a people's
    congress without its term (河北省第十一届人民代表大会常务委员会 -> 河北省人民代表大会常务委员会)."""
    name = _config()["congress_term_re"].sub("", name)
    name = _department_of_designation(name)
    for short, full in _config()["function_abbreviations"].items():
        if name.endswith(short) and not name.endswith(full):
            name = name[: -len(short)] + full
            break
    if name.endswith("街道办事处"):
        street_end = len(name) - len("办事处")
        for start in range(street_end - 2):
            if load_lexicons().gazetteer.by_name.get(name[start:street_end]):
                return name[start:]
    return name


@cache
def _designation_name_re() -> re.Pattern[str]:
    cfg = _config()
    levels, government = alternation(cfg["designation_levels"]), re.escape(cfg["designation_government"])
    qualifiers = "".join(f"(?:{re.escape(word)})?" for word in cfg["designation_qualifiers"])
    return re.compile(f"(.*?(?:{levels}))(?:{government})?({alternation(_designations())}){qualifiers}"
                      + re.escape(cfg["designation_head"]))


def _department_of_designation(name: str) -> str:
    """河北省人民政府科学技术行政部门 -> 河北省科学技术厅, 张家口市市场监督管理部门 -> 张家口市市场监督管理局: a local
    government's department named by a function one department holds (designated_departments.tsv); the annotated
    records name the department. National designations (国务院…部门) and other functions stay as written."""
    match = _designation_name_re().fullmatch(name)
    if match is None:
        return name
    place, function = match.groups()
    province, city = _designations()[function]
    provincial = place.endswith(("省", "自治区"))
    department = province if provincial else city
    return place + department if department else name


def names_a_kind(name: str) -> bool:
    """A bare head (政府, 党组, 服务中心) or a generic name (工作领导小组): it names a kind of body, not one body,
    so the genre's annotations hold no agency there (the statistical layer asks before adding one)."""
    return name in load_lexicons().heads or name in _config()["generic"]


def _kept(name: str) -> bool:
    if load_lexicons().quantity_re.search(name):
        return False  # 新建20个区域养老服务中心 counts centres, it names none (names.yaml, quantity_pattern)
    return name not in _config()["generic"] or name in _config()["anaphoric_names"]


def _anaphor(cand: Candidate, text: str) -> Candidate:
    """A generic name that refers back (领导小组办公室) carries ``anaphor:<head of its antecedent>``."""
    head = _config()["anaphoric_names"].get(text[cand.start : cand.end])
    if head:
        cand.kb_id, cand.rule, cand.confidence = f"anaphor:{head}", "agency.anaphor", 0.6
    return cand


def _central(text: str) -> list[Candidate]:
    """National bodies by their official names, with the general office written after one (教育部办公厅 in
    《教育部办公厅财政部办公厅关于…》 is the ministry's office, not the ministry)."""
    lex, units = load_lexicons(), _config()["central_units_re"]
    out = []
    for m in _config()["central_re"].finditer(text):
        if text.startswith(tuple(_config()["central_not_followed_by"].get(m.group()[-1], ())), m.end()):
            continue  # 各级教育部门, 城乡建设部门: a kind of department, not the ministry
        unit = units.match(text, m.end())
        end, suffix = (unit.end(), unit.group()) if unit else (m.end(), "")
        out.append(Candidate(m.start(), end, "Agency", "agency.central", kb_id=lex.central[m.group()] + suffix,
                             confidence=0.95, priority=3))
    return out


def _structured(text: str, places_by_end: dict[int, Candidate]) -> list[Candidate]:
    out = []
    for match in _config()["structured_re"].finditer(text):
        head = match.group(1)
        if _head_blocked(text, head, match.end(), compound=True):
            continue
        start, anchored = _extend_prefix(text, match.start(), places_by_end)
        if not anchored and load_lexicons().heads[head][0] == "anchored":
            continue  # 法治政府 is an ideal, 市政府 a body
        if not anchored and load_lexicons().boundary_re.fullmatch(text, match.start(), match.end() - len(head)):
            continue  # 组织专班人员: the verb 组织 before a head, not a function (市委组织部 has its place)
        conf = 0.9 if anchored else 0.75
        start = start if anchored else _parallel_start(text, start)
        out.append(Candidate(start, match.end(), "Agency", "agency.grammar", confidence=conf, priority=3))
        out.extend(_parents(text, start, match.end(), head))
    return out


def _parents(text: str, start: int, end: int, head: str) -> list[Candidate]:
    """The parent body named inside a compound head (X委员会办公室 -> X委员会)."""
    parent = load_lexicons().heads.get(head, ("", ""))[1]
    if not parent:
        return []
    cut = end - len(head) + len(parent)
    if cut - start <= len(parent):
        return []
    return [Candidate(start, cut, "Agency", "agency.parent", confidence=0.85, priority=2)]


def _abbreviations(text: str, lex: Lexicons, places_by_end: dict[int, Candidate]) -> list[Candidate]:
    cfg, out, last_end = _config(), [], -1
    for match in cfg["abbr_re"].finditer(text):
        surface, start = match.group(), match.start()
        if _head_blocked(text, surface, match.end()):
            continue
        if (
            surface[0] in LEVEL_CHARS and start + 1 in places_by_end
        ):  # 益阳市委: the place's own level character
            place = places_by_end[start + 1]
            party = cfg["party_re"].search(text, max(0, place.start - 5), place.start)
            start = party.start() if party else place.start
        elif not (start == last_end or left_edge_ok(text, start, lex) or _paired(text, surface, match.end())):
            continue
        template = cfg["abbr"][surface]
        label = "Organization" if template in cfg["abbr_organizations"] else "Agency"
        out.append(Candidate(start, match.end(), label, f"{label.lower()}.abbreviation", kb_id=template,
                             confidence=0.9, priority=4))
        last_end = match.end()
    return out


def _paired(text: str, surface: str, end: int) -> bool:
    """省委 in 省委、省政府: a level's party committee written with the same level's government (agencies.yaml
    abbreviation_pair)."""
    if surface[0] not in LEVEL_CHARS or surface[1:] not in ("委", "党委"):
        return False
    return _pair_re(surface[0]).match(text, end) is not None


@cache
def _pair_re(level: str) -> re.Pattern[str]:
    return re.compile(_config()["abbreviation_pair"].replace("{L}", level))


def _free(text: str, lex: Lexicons, found: list[Candidate]) -> list[Candidate]:
    ends = {c.end for c in found}
    out = []
    for match in _config()["free_heads_re"].finditer(text):
        head = match.group()
        if match.end() in ends or _head_blocked(text, head, match.end(), compound=True):
            continue
        start = free_name_start(text, match.start(), match.end(), lex)
        if start is None:
            continue
        start = _parallel_start(text, start)
        out.append(Candidate(start, match.end(), "Agency", "agency.free", confidence=0.7, priority=1))
        out.extend(_parents(text, start, match.end(), head))
    return out


def _author_units(text: str, lex: Lexicons) -> list[Candidate]:
    """局法规科, 厅执法监督局: a unit of the report's author, named after the author's head word."""
    return [
        Candidate(m.start(), m.end(), "Agency", "agency.unit", kb_id="{A}" + m.group(1), confidence=0.8, priority=4)
        for m in _config()["unit_re"].finditer(text)
        if left_edge_ok(text, m.start(), lex) and not _head_blocked(text, m.group()[-1], m.end())
    ]


def _branches(text: str, places_by_end: dict[int, Candidate], found: list[Candidate]) -> list[Candidate]:
    """岳阳楼区分局, 市公安局赫山分局: a branch office is named by the division it serves, after its bureau or alone."""
    cfg, out = _config(), []
    bureaus_by_end = {c.end: c for c in found if text[c.start : c.end].endswith(tuple(cfg["branch_parents"]))}
    for match in cfg["branch_re"].finditer(text):
        head_start = match.start()
        if head_start in bureaus_by_end:
            continue  # 区公安分局 is the grammar's
        start = None
        place = places_by_end.get(head_start)
        if place is not None:
            start = place.start
            bureau = bureaus_by_end.get(start)
            start = bureau.start if bureau is not None else start
        else:
            for size in range(1, int(cfg["branch_max_qualifier"]) + 1):
                bureau = bureaus_by_end.get(head_start - size)
                qualifier = text[head_start - size : head_start]
                if bureau is not None and cfg["branch_qualifier_re"].fullmatch(qualifier):
                    if not cfg["branch_not_re"].search(qualifier):
                        start = bureau.start
                    break
        if start is not None:
            out.append(Candidate(start, match.end(), "Agency", "agency.grammar", confidence=0.85, priority=3))
    return out


@cache
def _designations() -> dict[str, tuple[str, str]]:
    """Function as written -> (the province's department, the city's or county's): designated_departments.tsv."""
    out: dict[str, tuple[str, str]] = {}
    for row in read_tsv("ner/designated_departments.tsv", (2, 3)):
        for written in row[0].split("|"):
            out[written] = (row[1], row[2] if len(row) > 2 else "")
    return out


@cache
def _designated_re() -> re.Pattern[str]:
    return re.compile(alternation(_designations()))


def _designated(text: str, lex: Lexicons, places_by_end: dict[int, Candidate]) -> list[Candidate]:
    """省人民政府科学技术行政部门, 张家口市市场监督管理部门, 国务院商务主管部门: a department named by its function,
    as laws and rules write it (agencies.yaml designation_*). The nearest prefix that leaves a function one
    department holds wins; a national prefix also takes a free function (国家密码管理部门). A government written
    in it stays nested as its parent (subOrganizationOf)."""
    cfg, out = _config(), []
    designated = _designated_re()
    national = tuple(cfg["designation_national"])
    government = cfg["designation_government"]
    for match in re.finditer(re.escape(cfg["designation_head"]), text):
        if text.startswith(tuple(cfg["designation_not_followed_by"]), match.end()):
            continue
        core = match.start()
        for word in reversed(cfg["designation_qualifiers"]):
            core -= len(word) if text.endswith(word, 0, core) else 0
        for start in range(core - 1, max(core - 1 - int(cfg["designation_max_function"]), 0), -1):
            function = text[start:core]
            prefix_end = start - len(government) if text.endswith(government, 0, start) else start
            begin = _designation_prefix(text, prefix_end, places_by_end, cfg, lex)
            is_national = text.endswith(national, 0, prefix_end)
            if begin is None or any(w in function for w in cfg["designation_not_inside"]):
                continue
            if designated.fullmatch(function) or (is_national and len(function) >= 2):
                out.append(Candidate(begin, match.end(), "Agency", "agency.designated", confidence=0.85, priority=3))
                if prefix_end < start:  # 省人民政府 in 省人民政府科学技术行政部门: the government, its parent
                    out.append(Candidate(begin, start, "Agency", "agency.parent", confidence=0.85, priority=2))
                break
    return out


def _designation_prefix(
    text: str, end: int, places_by_end: dict[int, Candidate], cfg: dict, lex: Lexicons
) -> int | None:
    """Where a designation's prefix ending at ``end`` begins (国务院, 张家口市, 省), or None; a level character
    only where a name may begin (城市管理部门 holds none)."""
    for word in cfg["designation_national"]:
        if text.endswith(word, 0, end):
            return end - len(word)
    if end in places_by_end:
        return places_by_end[end].start
    for level in cfg["designation_levels"]:
        if text.endswith(level, 0, end):
            begin = end - len(level)
            listed = text.endswith(tuple(cfg["designation_level_joints"]), 0, begin) and (
                text.endswith(tuple(cfg["designation_levels"]), 0, begin - 1) or text[begin - 1] == "）")
            edge = left_edge_ok(text, begin, lex) or text.endswith(tuple(cfg["designation_after_verbs"]), 0, begin)
            if listed or not edge or text.endswith(tuple(cfg["designation_not_after"]), 0, begin):
                return None
            return begin
    return None


def _parallel_start(text: str, start: int) -> int:
    """Take in parallel words listed with 、 that share their last character (党务、政务公开领导小组)."""
    while start >= 3 and text[start - 1] == "、" and text[start - 2] == text[start + 1] and text[start - 3] != "、":
        if not ("\u4e00" <= text[start - 3] <= "\u9fff"):
            break
        start -= 3
    return start


def _streets(text: str, lex: Lexicons) -> list[Candidate]:
    """X街道: the street office of a township-level division in the gazetteer (汽车路街道)."""
    out = []
    for match in re.finditer("街道", text):
        end = match.end()
        for size in range(min(10, end), 2, -1):
            name = text[end - size : end]
            if lex.gazetteer.by_name.get(name):
                out.append(
                    Candidate(
                        end - size,
                        end,
                        "Agency",
                        "agency.street",
                        kb_id=f"{name}办事处",
                        confidence=0.85,
                        priority=2,
                    )
                )
                break
    return out


def _deictic(text: str) -> list[Candidate]:
    """我局, 本办: the author, unless 本 ends a word before it (日本办展, 基本办结) or the head starts a word after it
    (本办法, 本院校: head_not_followed_by)."""
    cfg = _config()
    return [
        Candidate(
            m.start(), m.end(), "Agency", "agency.deictic", kb_id="deictic:author", confidence=0.9, priority=2
        )
        for m in cfg["deictic_re"].finditer(text)
        if not cfg["deictic_not_after_re"].search(text, max(0, m.start() - 2), m.start())
        and not text.startswith(tuple(cfg["head_not_followed_by"].get(m.group()[-1], ())), m.end())
    ]
