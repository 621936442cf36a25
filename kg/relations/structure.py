"""Relations read off names and titles rather than verbs: where a body is, which body it belongs to, who works
for it. The rules' words and patterns are in kg/resources/relations/rules.yaml."""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise
from typing import TYPE_CHECKING

from kg.model import Document, Entity, Report
from kg.nlp.rules.lexicon import LEVEL_CHARS, load_gazetteer
from kg.nlp.rules.persons import bare_post, post_after, post_before
from kg.relations.clauses import Ref, config
from kg.resolve.entities import level_words
from kg.resolve.places import country
from kg.resolve.report import place_in_name

if TYPE_CHECKING:
    from kg.relations import Collector


FULL_SPELLING = 5  # a placeless mention this long is a full name (人力资源社会保障部), not a short form (人社部)


def _full_spelling(written: str, name: str) -> bool:
    """Another full spelling of a body's name written without a place (人力资源社会保障部 for 人力资源和社会保障部),
    not its tail (领导小组办公室 for 益阳市…领导小组办公室: a short form any group's office shares)."""
    return len(written) >= FULL_SPELLING and not name.endswith(written)


def structural(entities: list[Entity], report: Report, collector: Collector) -> None:
    """locatedIn and subOrganizationOf from names: a body's place prefix, a sub-body's parent."""
    cfg = config()
    agencies = {e.name: e for e in entities if e.type == "Agency"}
    spellings = {a.key: _spellings(a) for a in agencies.values()}  # read once: each body is every other's parent
    places = _Places(entities)
    for entity in entities:
        implied = not entity.mentions and any(rule == "implied-parent" for _, rule in entity.merges)
        if entity.type not in ("Agency", "Organization") or (
            not entity.mentions and entity.key != report.author and not implied
        ):
            continue
        where = _implied_span(entity, entities) if implied else _evidence_span(entity)
        place = _located_in(entity, places, report)
        if place is not None:
            collector.add(entity.key, "locatedIn", place, *where, "locatedIn.name-prefix", 0.85)
        if entity.type != "Agency":
            continue
        for parent in _parents(entity, agencies, spellings, report, cfg):
            collector.add(entity.key, "subOrganizationOf", parent, *where, "subOrganizationOf.name", 0.8)


class _Places:
    """The report's Place entities, found by division code (湖南 -> 湖南省 -> code 43) or by name."""

    def __init__(self, entities: list[Entity]) -> None:
        places = [e for e in entities if e.type == "Place"]
        self.by_code = {e.attributes["divisionCode"]: e.key for e in places if e.attributes.get("divisionCode")}
        self.by_name = sorted(((e.name, e.key) for e in places), key=lambda item: -len(item[0]))
        self.keys = {e.key for e in places}
        self.code_of = {e.key: e.attributes["divisionCode"] for e in places if e.attributes.get("divisionCode")}
        self.country = {e.key for e in places if e.name == country()}

    def prefix_of(self, name: str) -> str | None:
        """The most specific place a name begins with that the report names (湖南银城律师事务所 -> 湖南省;
        深圳市光明区司法局 -> 光明区, not 深圳市), else the longest place name it starts with."""
        name = next((name.removeprefix(w) for w in config()["name_openers"] if name.startswith(w)), name)
        gaz = load_gazetteer()
        division = place_in_name(name)
        for above in gaz.ancestors(division.code) if division else []:
            if above.code in self.by_code:
                return self.by_code[above.code]
        for size in range(min(12, len(name) - 1), 1, -1):
            for division in gaz.lookup(name[:size]):
                if division.code in self.by_code:
                    return self.by_code[division.code]
        return next((key for place, key in self.by_name if name.startswith(place)), None)

    def inner_of(self, name: str) -> str | None:
        """The place written last inside a name that opens with no place, or with the country (政协河北省委员会,
        国家税务总局河北省税务局, 中国人民银行石家庄中心支行 -> 石家庄市), when the report names it."""
        gaz, found = load_gazetteer(), None
        for at in range(1, len(name) - 1):
            for size in range(min(12, len(name) - at), 1, -1):
                piece = name[at : at + size]
                key = next((self.by_code[d.code] for d in gaz.lookup(piece) if d.code in self.by_code), None)
                key = key or next((k for place, k in self.by_name if place == piece), None)
                if key is not None and key not in self.country:
                    found = key
                    break
        return found

    def level_prefix_of(self, name: str, report: Report) -> str | None:
        """省总工会, 市律师协会: a name opening with a level word (as the resolver leaves organisations) is in the
        report's place of that level (河北省 in a Hebei department's report), when the report names it."""
        code = self.code_of.get(report.place or "")
        if not name or name[0] not in LEVEL_CHARS or name[:2] in level_words() or code is None:
            return None
        above = next((d for d in load_gazetteer().ancestors(code) if d.name.endswith(name[0])), None)
        return self.by_code.get(above.code) if above else None


def _located_in(entity: Entity, places: _Places, report: Report) -> str | None:
    """The author and bodies named with a place are located there; the author's own parts (局办公室, its
    working groups) are located with the author and not stated again; a street's party committee is where
    the street is."""
    rules = {rule for _, rule in entity.merges}
    if entity.key != report.author and "author-body" in rules:
        return None
    place = places.prefix_of(entity.name)
    if place is None or place in places.country:  # national bodies get no locatedIn 中国 (SCHEMA)
        place = places.inner_of(entity.name)
    if place is None and (entity.key == report.author or "street-body" in rules) and report.place in places.keys:
        place = report.place
    if place is None:
        place = places.level_prefix_of(entity.name, report)
    return place

def _parents(entity: Entity, agencies: dict[str, Entity], spellings: dict[str, set[str]], report: Report,
             cfg: dict) -> Iterable[str]:
    for pattern in cfg["parent_patterns"]:
        parent = re.sub(pattern["pattern"], pattern["parent"], entity.name)
        if parent != entity.name and parent in agencies:
            yield agencies[parent].key
            return
    prefixes = [
        a
        for name, a in agencies.items()
        if a.key != entity.key and any(entity.name.startswith(n) and n != entity.name for n in spellings[a.key])
        and not _a_government_department(entity.name, a.name, cfg)
    ]
    # the author's working groups: named here only (key with @), or a street's (街道…领导小组 in its report)
    own_group = "@" in entity.key or any(rule == "street-body" for _, rule in entity.merges)
    if prefixes:
        yield max(prefixes, key=lambda a: max(len(n) for n in spellings[a.key] if entity.name.startswith(n))).key
    elif (written := _written_parent(entity, agencies, cfg)) is not None:
        yield written
    elif (own_group and entity.name.endswith(tuple(cfg["author_sub_heads"])) and report.author) or (
        report.author and any(rule == "author-body" for _, rule in entity.merges)
    ):
        yield report.author


def _a_government_department(name: str, parent: str, cfg: dict) -> bool:
    """河北省人民政府国有资产监督管理委员会 under 河北省人民政府: a department named after its government, not one of
    its offices; its name does not say it is part of it (rules.yaml government_department_heads)."""
    return parent.endswith(tuple(cfg["government_heads"])) and name.startswith(parent) and name.endswith(
        tuple(cfg["government_department_heads"]))


def _written_parent(entity: Entity, agencies: dict[str, Entity], cfg: dict) -> str | None:
    """The government a body's written name opens with (省人民政府 in 省人民政府科学技术行政部门, which resolves to
    河北省科学技术厅), when it is another agency of the report (rules.yaml written_parent_heads)."""
    by_mention = {m.norm: a.key for a in agencies.values() if a.key != entity.key for m in a.mentions}
    for mention in entity.mentions:
        for head in cfg["written_parent_heads"]:
            at = mention.norm.find(head)
            cut = at + len(head)
            if at > 0 and cut < len(mention.norm) and mention.norm[:cut] in by_mention:
                return by_mention[mention.norm[:cut]]
    return None


def founded(text: str, refs: list[Ref], collector: Collector) -> None:
    """A body one names as it sets it up is part of that body (科技部成立推进科技型中小企业创新发展工作小组, 省教育厅
    成立“…评选工作领导小组”): rules.yaml ``founding_re``, the words between the two names. ``refs`` sorted."""
    founding = config()["founding_re"]
    bodies = [r for r in refs if r.mention.label == "Agency"]
    for parent, child in pairwise(bodies):
        if parent.end <= child.start and founding.fullmatch(text, parent.end, child.start):
            collector.add(child.key, "subOrganizationOf", parent.key, parent.start, child.end,
                          "subOrganizationOf.founded", 0.8)


def _spellings(agency: Entity) -> set[str]:
    """A body's name and the full names the report writes for it (河北省科技厅 for 河北省科学技术厅: its office,
    河北省科技厅办公室, is named from that spelling; 人力资源社会保障部 for 人力资源和社会保障部, five characters
    or more when no place opens it), three characters or more; not a place written for its government (上海市 for
    上海市人民政府: 上海市嘉定区人民政府 is no part of it)."""
    gaz = load_gazetteer()
    written = {m.norm for m in agency.mentions
               if (gaz.lookup(m.norm[:2]) or _full_spelling(m.norm, agency.name)) and not gaz.lookup(m.norm)}
    return {n for n in {agency.name, *written} if len(n) >= 3}


def _implied_span(parent: Entity, entities: list[Entity]) -> tuple[int, int]:
    """Where the name that implies a party committee is written (中共新余市委全面依法治市委员会 for 中共新余市委员会):
    the committee's place is read there."""
    stem = parent.name.removesuffix("员会")
    children = [e for e in entities if e.mentions and e.name.startswith(stem) and e.key != parent.key]
    return _evidence_span(children[0]) if children else (0, 0)


def _evidence_span(entity: Entity) -> tuple[int, int]:
    first = min(entity.mentions, key=lambda m: m.start) if entity.mentions else None
    return (first.start, first.end) if first else (0, 0)


def employment(
    document: Document, refs: list[Ref], report: Report, collector: Collector, entities: list[Entity]
) -> None:
    """employs from posts and retaining verbs; a retained person's post (杨志武担当法律顾问) is held in the body
    that retains them, the report's author, not in their own firm: recorded as the person's post_in. In the
    genre's lists of people, a leading group employs its members and a notice's contact is employed where the
    notice says (rules.yaml post_bodies, group_heads, member_roles, contact_labels)."""

    cfg = config()
    people = {e.key: e for e in entities if e.type == "Person"}
    bodies = _Bodies(refs, entities, report, cfg)
    last: tuple[int, tuple[str, int, str, float]] = (-1, ("", 0, "", 0.0))
    for ref in (r for r in refs if r.mention.label == "Person"):
        mention = ref.mention
        if mention.source == "person.after_org":
            _retained(document, refs, report, collector, ref, people, cfg)
            continue
        own = _own_body(document, ref, report, bodies, cfg)
        if not own and (
            (last[0] == mention.start and last[1][2] == "employs.body-name")
            or (document.norm[last[0] : mention.start] == "、" and post_after(document.norm, mention.end) is None)
        ):  # 厅政务服务处魏雷付幸, 副部长杨学山、刘利华、尚冰: names listed together share the first one's body
            own = [last[1]]
        if own:
            last = (mention.end, own[0])
        for key, start, rule, confidence in own:  # evidence from the body or post to the name, or the reverse
            first, last_at = min(start, mention.start), max(mention.end, _after_end(document.norm, start, bodies))
            collector.add(key, "employs", ref.key, first, last_at, rule, confidence)
        for key, start, rule, confidence in _list_employers(document.norm, ref, report, bodies, cfg, bool(own)):
            collector.add(key, "employs", ref.key, start, mention.end, rule, confidence)
        post = mention.kb_id.removeprefix("post:")
        for org in refs:  # 湖南潇湘律师事务所律师张伟: the firm the post is held at
            if post and org.mention.label == "Organization" and org.end + len(post) == mention.start and (
                document.norm[org.end : mention.start] == post
            ):
                collector.add(org.key, "employs", ref.key, org.start, mention.end, "employs.org-post", 0.8)


def _retained(
    document: Document, refs: list[Ref], report: Report, collector: Collector, ref: Ref, people: dict, cfg: dict
) -> None:
    """A person named right after an organisation (律师事务所杨志武): the organisation employs them, and the
    report's author too when the sentence retains them (聘请…担当法律顾问)."""
    mention = ref.mention
    org = max(
        (r for r in refs if r.end == mention.start and r.mention.label == "Organization"),
        key=lambda r: r.end - r.start,
        default=None,
    )
    if org is not None:
        collector.add(org.key, "employs", ref.key, org.start, mention.end, "employs.org-name", 0.8)
    sentence = document.sentence_at(mention.start)
    span = document.sentences[sentence] if sentence is not None else None
    if report.author and span and any(t in document.norm[span.start : span.end] for t in cfg["employ_triggers"]):
        collector.add(report.author, "employs", ref.key, span.start, mention.end, "employs.retained", 0.75)
        if mention.kb_id.startswith("post:") and ref.key in people:
            people[ref.key].attributes["post_in"] = report.author


class _Bodies:
    """The report's bodies by where their mentions end and start, the groups among them, and the government a
    head's post names (rules.yaml post_bodies)."""

    def __init__(self, refs: list[Ref], entities: list[Entity], report: Report, cfg: dict) -> None:
        self.by_end: dict[int, Ref] = {}
        self.by_start: dict[int, Ref] = {}
        for ref in refs:
            if ref.mention.label not in ("Agency", "Organization"):
                continue
            if ref.end not in self.by_end or ref.start < self.by_end[ref.end].start:
                self.by_end[ref.end] = ref
            if ref.start not in self.by_start or ref.end > self.by_start[ref.start].end:
                self.by_start[ref.start] = ref
        names = {e.key: e.name for e in entities}
        heads = tuple(cfg["group_heads"])
        self.groups = sorted(
            (r for r in refs if r.mention.label == "Agency" and names.get(r.key, "").endswith(heads)),
            key=lambda r: r.end,
        )
        self.offices = sorted(
            (r for r in refs if r.mention.label == "Agency" and names.get(r.key, "").endswith(cfg["group_office_head"])
             and any(head in names[r.key] for head in heads)),
            key=lambda r: r.end,
        )
        agencies = [e for e in entities if (e.type == "Agency" and e.mentions) or e.key == report.author]
        self.heads: dict[str, str] = {}
        self.heads_after: dict[str, str] = {}
        self.person_ends = {r.end for r in refs if r.mention.label == "Person"}
        for rule in cfg["post_bodies"]:
            pattern = re.compile(rule["body"])
            matching = [e for e in agencies if e.type == "Agency" and pattern.search(e.name)]
            place = report.place_name or ""
            chosen = (
                [e for e in matching if e.key == report.author]
                or [e for e in matching if place and e.name.startswith(place)]
                or (matching if len(matching) == 1 else [])
            )
            for post in rule["posts"]:
                if chosen:
                    self.heads[post] = chosen[0].key
                    if rule.get("after_name", True):
                        self.heads_after[post] = chosen[0].key

    def group_before(self, at: int, window: int, not_keys: set[str], offices: bool = False) -> Ref | None:
        """The nearest group (or group's office) whose mention ends at or before ``at``, within ``window``."""
        for ref in reversed(self.offices if offices else self.groups):
            if ref.end <= at and at - ref.end <= window and ref.key not in not_keys:
                return ref
        return None


def _own_body(
    document: Document, ref: Ref, report: Report, bodies: _Bodies, cfg: dict
) -> list[tuple[str, int, str, float]]:
    """The body a person works in, as the text writes it next to the name: before the posts in front of it
    (省司法厅副厅长王大为), right before it (省教育厅信息中心李岩), in brackets or spaces after it (郭庚茂（常务
    副省长）, 王大为 省司法厅厅长), or the government a head's post names (许勤省长)."""

    text, mention = document.norm, ref.mention
    posts = cfg["employing_posts"]
    before = post_before(text, mention.start)
    if before is not None and before[0] in bodies.person_ends:
        before = None  # 许勤省长、赵一德副书记: the post is the name's before it
    if before is not None and before[1] in cfg["member_roles"] and ":" in text[before[0] : mention.start].replace(
        "：", ":"
    ):
        before = None  # 组长：李毅: a list's role, the group employs (_list_employers); the body may follow the name
    if before is not None:
        begin, post = before
        body = bodies.by_end.get(begin)
        if body is not None and body.start in bodies.person_ends:
            return _own_body_after(text, ref, bodies)  # 赵爱平省人社厅一级巡视员乔晓林: the body is the name's before
        if body is not None and body.mention.label != "Agency":
            body = None  # 律师事务所律师杨志武: the firm's is the org-post rule's, the post is held for the author
        if body is not None and body.key == f"Agency/中共{report.author_name}党组":
            body = None  # 局党组书记、局长X: the author's own leadership, the author employs X
        if body is not None:  # 市法院院长周强: the court, not the report's author
            return [(body.key, body.start, "employs.body-post", 0.8)]
        if post in bodies.heads:
            return [(bodies.heads[post], begin, "employs.head-post", 0.75)]
        if bare_post(post) in posts and report.author:
            return [(report.author, _post_start(document, mention.start), "employs.post", 0.7)]
        return []
    gap = mention.start
    while gap > 0 and text[gap - 1] in " \u3000":
        gap -= 1
    body = bodies.by_end.get(gap)
    if body is not None and mention.start - gap <= 2:
        return [(body.key, body.start, "employs.body-name", 0.75)]
    after = post_after(text, mention.end)
    if after in bodies.heads_after:
        return [(bodies.heads_after[after], mention.start, "employs.head-post", 0.75)]
    return _own_body_after(text, ref, bodies)


def _own_body_after(text: str, ref: Ref, bodies: _Bodies) -> list[tuple[str, int, str, float]]:
    """The body written after a name with its post: in brackets (张日训（省教育厅副厅长）), after spaces or none
    (王大为　省司法厅厅长; 杨燕伟省人社厅党组书记), or a head's post alone in brackets (郭庚茂（常务副省长）)."""

    mention = ref.mention
    at = mention.end
    bracket = text[at : at + 1] in ("（", "(")
    at += 1 if bracket else 0
    while not bracket and at < len(text) and at - mention.end < 3 and text[at] in " \u3000":
        at += 1
    body = bodies.by_start.get(at)
    if body is not None and (bracket or at > mention.end or body.mention.label == "Agency"):
        held = post_after(text, body.end)
        if held is not None:
            return [(body.key, body.start, "employs.body-after", 0.75)]
    if bracket and (held := post_after(text, at)) in bodies.heads:
        return [(bodies.heads[held], at, "employs.head-post", 0.75)]
    return []


def _after_end(text: str, start: int, bodies: _Bodies) -> int:
    """Where a body written after a name ends, with its post (王大为　省司法厅副厅长), or ``start``."""

    body = bodies.by_start.get(start)
    if body is None:
        return start
    post = post_after(text, body.end)
    return body.end + len(post) if post else body.end


def _list_employers(
    text: str, ref: Ref, report: Report, bodies: _Bodies, cfg: dict, has_body: bool
) -> list[tuple[str, int, str, float]]:
    """The group a member is listed in (组长：李毅; 柳宝全副省长任组长; …王大为为成员), and the employer of a notice's
    contact without a body of their own (教育厅联系人：盖冰清 -> the body before the label; 联系人：魏蓓蓓 -> the
    author)."""
    start, end = ref.mention.start, ref.mention.end
    label = _label_before(text, start, cfg)
    if label is not None:
        word, label_start = label
        if word in cfg["member_roles"] or word in cfg["office_roles"]:
            office = word in cfg["office_roles"]
            group = bodies.group_before(label_start, cfg["group_window"], {ref.key}, office)
            return [(group.key, group.start, "employs.group-list", 0.75)] if group else []
        if word in cfg["contact_labels"] and not has_body:
            body = bodies.by_end.get(label_start)
            if body is not None:
                return [(body.key, body.start, "employs.contact", 0.7)]
            return [(report.author, label_start, "employs.contact", 0.65)] if report.author else []
        return []
    clause_end = _MEMBER_BREAK.search(text, end)
    clause = text[end : clause_end.start() if clause_end else len(text)].rstrip()
    if _member_clause(cfg).search(clause):
        group = bodies.group_before(start, cfg["group_window"], {ref.key})
        if group is not None:
            return [(group.key, group.start, "employs.group-member", 0.75)]
    clause_start = max(text.rfind(mark, max(0, start - 40), start) for mark in "，,。；;\n")
    whole = text[clause_start + 1 : end] + clause  # 办公室主任由…杨智明担任; 周明同志兼任办公室主任
    if any(role in whole for role in cfg["office_roles"]) and any(verb in whole for verb in cfg["office_verbs"]):
        office = bodies.group_before(end + len(clause), cfg["group_window"], {ref.key}, offices=True)
        if office is not None:
            return [(office.key, office.start, "employs.group-office", 0.7)]
    return []


_MEMBER_BREAK = re.compile("[，,。；;\n]")


def _member_clause(cfg: dict) -> re.Pattern[str]:
    if "member_clause_re" not in cfg:
        cfg["member_clause_re"] = re.compile(
            f"(?:{'|'.join(cfg['member_verbs'])})(?:{'|'.join(cfg['member_roles'])})$"
        )
    return cfg["member_clause_re"]


def _label_before(text: str, start: int, cfg: dict) -> tuple[str, int] | None:
    """The list label governing a name: the last colon before it, within list_window characters and no full stop
    between, closing a member role or a contact label (组　长：, 联系人：); the label and where it starts."""
    lo = max(0, start - cfg["list_window"])
    colon = max(text.rfind("：", lo, start), text.rfind(":", lo, start))
    if colon < 0 or "。" in text[colon:start]:
        return None
    if "label_end_re" not in cfg:
        words = sorted([*cfg["member_roles"], *cfg["office_roles"], *cfg["contact_labels"]], key=len, reverse=True)
        cfg["label_end_re"] = re.compile(
            "(" + "|".join("[ \u3000]*".join(w) for w in words) + ")[ \u3000]*$"
        )
    found = cfg["label_end_re"].search(text, max(0, colon - 16), colon)
    if found is None:
        return None
    return re.sub("[ \u3000]", "", found.group(1)), found.start()


def _post_start(document: Document, name_start: int) -> int:
    """Where the evidence of a post before a name starts: up to 8 characters back, within the name's sentence
    (a speaker's line, 北京市市长 殷勇, is a sentence of its own under the header)."""
    index = document.sentence_at(name_start)
    floor = document.sentences[index].start if index is not None else 0
    return max(floor, name_start - 8)


