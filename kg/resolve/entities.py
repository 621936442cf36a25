"""Canonical names and stable keys: mentions -> entities of one report.

A key is ``<Type>/<canonical name>`` when the name identifies the entity anywhere (益阳市人民政府, 国务院,
中华人民共和国民法典, 一件事一次办), and ``<Type>/<name>@<doc_id>`` when it only makes sense inside its report
(an unprefixed 政务服务中心, an unresolved 区委). Every rewrite of a surface form is recorded as a merge.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache

from kg.model import Document, Entity, Mention, Report
from kg.nlp.rules.agencies import abbreviation_template, anaphoric_heads, names_an_organization, standard_agency_name
from kg.nlp.rules.laws import official_title
from kg.nlp.rules.lexicon import LEVEL_CHARS, Division, load_gazetteer, load_lexicons
from kg.nlp.rules.places import inside_a_word
from kg.nlp.rules.titles import TRAILING_NOTE
from kg.resolve.canonical import canonical, person_name, reform_name, report_local, variants_of
from kg.resolve.canonical import is_global as canonical_is_global
from kg.resolve.places import (
    choose_division,
    country,
    division_key_name,
    in_context,
    is_generic,
    names_country,
    written_before,
)
from kg.resolve.places import config as place_config
from kg.resolve.report import place_in_name
from kg.resources import read_yaml

LEVEL_OF_CHAR = {
    "省": "province",
    "市": "prefecture",
    "州": "prefecture",
    "区": "county",
    "县": "county",
    "旗": "county",
    "镇": "township",
    "乡": "township",
}


@cache
def _config() -> dict:
    return read_yaml("resolve/abbreviation_words.yaml")


@cache
def level_words() -> frozenset[str]:
    """Words opening with a level character that are no level prefix (市场, 区域): the resolver's and the
    structural relations' reading of 省X / 市X."""
    return frozenset(_config()["level_words"])


@cache
def self_references() -> frozenset[str]:
    """How a document names itself (本办法, 本报告): the relation rules read it too."""
    return frozenset(_config()["self_references"])


@dataclass
class Context:
    document: Document
    report: Report
    places: dict[str, Division] = field(default_factory=dict)  # level -> the report's place at that level
    street: str | None = None
    # head (领导小组) -> canonical name of the last body with that head, for generic names that refer back
    antecedents: dict[str, str] = field(default_factory=dict)
    # names the report gives a national post (习近平总书记): that one person wherever the report names them
    national_people: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, document: Document, report: Report, named_codes: set[str]) -> Context:
        ctx = cls(document, report)
        gaz = load_gazetteer()
        place = gaz.by_code.get(report.place_code or "")
        if place is not None:
            for division in gaz.ancestors(place.code):
                if (
                    division.code == place.code
                    or division.code in named_codes
                    or division.level in ("province", "prefecture")  # a county's 市委 is its prefecture's
                ):
                    ctx.places.setdefault(division.level, division)
        author = report.author_name or ""
        own = place_in_name(author, named_codes) if author else None
        if own is not None and place is not None and place in gaz.ancestors(own.code):
            ctx.places.setdefault(own.level, own)  # a town's report: 镇司法所 is the town's, under its county
        if author.endswith("街道办事处"):
            ctx.street = author.removesuffix("办事处")
        return ctx

    def place_for(self, level_char: str) -> Division | None:
        """The report's place at the level a character names; in a county-level city's report (监利市) 市 is
        the city itself, not the prefecture above it, and in a municipality's (北京市) the municipality."""
        county = self.places.get("county")
        if level_char == "市" and county is not None and county.name.endswith("市"):
            return county
        province = self.places.get("province")
        if level_char == "市" and "prefecture" not in self.places and province and province.name.endswith("市"):
            return province  # 北京市's 市人大: a municipality is a province-level 市
        return self.places.get(LEVEL_OF_CHAR.get(level_char, ""))


def resolve_mention(mention: Mention, ctx: Context) -> tuple[str, str, bool, str] | None:
    """(type, canonical name, global?, rule) for a mention, or None when it cannot be resolved and means nothing
    on its own (我局 in a report whose author is unknown)."""
    if mention.source == "shared_head" and mention.kb_id:  # 向海 of 向海、莫莫格、哈泥保护区 names 向海保护区
        return mention.label, mention.kb_id, True, "shared-head"
    resolver = _RESOLVERS.get(mention.label, _as_written)
    resolved = resolver(mention, ctx)
    if resolved is not None and resolved[0] == "Agency":
        name = load_gazetteer().official_body_name(resolved[1], ctx.places.get("county"))
        resolved = (resolved[0], full_government(standard_agency_name(name)), *resolved[2:])
    return resolved


def full_government(name: str) -> str:
    """<place>政府 written in full as <place>人民政府 where a body's or a website's name starts with it
    (河北省政府办公厅秘书一处 -> 河北省人民政府办公厅秘书一处), the form every annotator and official list uses."""
    cfg = _config()["government_short"]
    for written, official in cfg["official"].items():
        name = name.replace(written, official)
    short, full = cfg["short"], cfg["full"]
    at = name.find(short)
    if at < 2 or name.startswith(full, at) or name.startswith(tuple(cfg["not_followed_by"]), at + len(short)):
        return name
    place = name[:at].removeprefix("中共")
    if place.endswith(tuple(cfg["not_after"])):
        return name
    if place[-1] not in LEVEL_OF_CHAR or not load_gazetteer().lookup(place):
        return name
    return name[:at] + full + name[at + len(short) :]


def _as_written(mention: Mention, ctx: Context) -> tuple[str, str, bool, str] | None:
    name = mention.norm.strip("“”\"'《》<>〈〉 ")
    return mention.label, name, _has_place_prefix(name), "as-written"


def _has_place_prefix(name: str) -> bool:
    gaz = load_gazetteer()
    name = name.removeprefix("中共")
    return any(gaz.lookup(name[:size]) for size in range(min(12, len(name)), 1, -1))


def _expand_level(name: str, ctx: Context) -> tuple[str, bool]:
    """市行政审批局 -> 新余市行政审批局; 市委组织部 -> 中共益阳市委组织部; 市民服务中心 -> 益阳市市民服务中心;
    自治区政务服务监督管理办公室 -> 广西壮族自治区政务服务监督管理办公室."""
    level_word = next((w for w in _config()["level_prefixes"] if name.startswith(w)), None)
    if level_word is not None:
        place = ctx.place_for(_config()["level_prefixes"][level_word])
        if place is None or not place.name.endswith(level_word):
            return name, False
        rest = name[len(level_word) :]
        party = "中共" if rest.startswith("党委") or (rest.startswith("委") and not rest.startswith("委员会")) else ""
        return party + load_gazetteer().body_prefix(place) + rest, True
    if not name or name[0] not in LEVEL_CHARS:
        return name, False
    place = ctx.place_for(name[0])
    if place is None:
        return name, False
    rest = name if name[:2] in level_words() else name[1:]
    expanded = load_gazetteer().body_prefix(place) + rest
    if rest.startswith("委") and not rest.startswith("委员会"):
        expanded = "中共" + expanded
    return expanded, True


def _place(mention: Mention, ctx: Context) -> tuple[str, str, bool, str] | None:
    if mention.kb_id.startswith("deictic:"):
        place = ctx.place_for(mention.kb_id.split(":", 1)[1])
        return ("Place", division_key_name(place), True, "deictic-place") if place else None
    if mention.kb_id.startswith("named:"):  # 河北雄安新区 -> 雄安新区 (gazetteer/named_places.tsv)
        return "Place", mention.kb_id.removeprefix("named:"), True, "named-place"
    name = mention.norm.strip("“”\"'《》<>〈〉 ")
    if inside_a_word(ctx.document.norm, mention.start, mention.end):
        return None  # 医保定点 holds no 保定, whoever read it
    if names_country(name):
        return "Place", country(), True, "country"
    if name in place_config()["kind_words"] and not _after_a_division(ctx.document.norm, mention.start):
        return None  # 小城镇, 物流园区: a kind of place (resolve/places.yaml kind_words)
    division = choose_division(mention, ctx.document.norm, [d.code for d in ctx.places.values()])
    if division is None:
        if len(name) < place_config()["min_name_length"]:
            return None  # 冀, 港澳台's 港: an abbreviation alone names no place
        return "Place", name, not is_generic(name), "as-written"
    return "Place", division_key_name(division), True, "gazetteer"


def _after_a_division(text: str, start: int) -> bool:
    """Right after a division's name (阳曲县中心镇): the word is the township's own name there."""
    return start > 0 and text[start - 1] in place_config()["division_ends"]


def _agency(mention: Mention, ctx: Context) -> tuple[str, str, bool, str] | None:
    kb = mention.kb_id
    if kb.startswith("anaphor:"):
        return _anaphor(mention, ctx)
    if kb == "deictic:author":
        author = ctx.report.author_name
        return ("Agency", author, True, "deictic-author") if author else None
    if mention.source == "agency.central":
        return "Agency", kb, True, "central-body"
    if mention.source == "agency.street":
        return "Agency", kb, True, "street-office"
    if kb.startswith("place_actor:"):
        return _place_government(mention, kb.removeprefix("place_actor:"), ctx)
    if "{" in kb:
        return _fill_template(mention, ctx)
    template = None if kb else abbreviation_template(mention.norm)
    if template:  # 省政协 found by the entity model alone: its standard short form all the same
        return _fill_template(replace(mention, kb_id=template), ctx)
    name, expanded = _expand_whole_place(mention.norm, ctx)
    if not expanded:
        name, expanded = _expand_level(name, ctx)
    if expanded or _has_place_prefix(name):
        party = _party_form(name)
        rule = "level-prefix" if expanded else ("party-committee" if party != name else "as-written")
        return "Agency", party, True, rule
    return _unprefixed_agency(name, ctx)


def _place_government(mention: Mention, last_place: str, ctx: Context) -> tuple[str, str, bool, str] | None:
    """江苏省南京市 opening a list item -> 南京市人民政府: the government of the last place written, the places before
    it choosing among divisions of that name (北京市朝阳区, not 朝阳市)."""
    gaz = load_gazetteer()
    divisions = gaz.lookup(last_place)
    if not divisions:
        return None
    written = mention.norm
    division = next((d for d in divisions
                     if any(a.name in written or gaz.lookup(written[:2]) == [a] for a in gaz.ancestors(d.code)[1:])),
                    divisions[0])
    return "Agency", gaz.body_prefix(division) + "人民政府", True, "place-actor"


def _party_form(name: str) -> str:
    """益阳市委全面依法治市委员会 -> 中共益阳市委全面依法治市委员会: a place's 委 is its party committee."""
    if name.startswith("中共"):
        return name
    gaz = load_gazetteer()
    for size in range(min(12, len(name) - 1), 1, -1):
        if gaz.lookup(name[:size]) and name[size] == "委" and not name.startswith("委员会", size):
            return "中共" + name
    return name


def _expand_whole_place(name: str, ctx: Context) -> tuple[str, bool]:
    """全市基层…指导组 -> 新余市基层…指导组: 全市 + a body is the report's city's."""
    for prefix, level_char in _config()["whole_place_prefixes"].items():
        place = ctx.place_for(level_char)
        if name.startswith(prefix) and len(name) > len(prefix) + 2 and place is not None:
            return place.name + name[len(prefix) :], True
    return name, False


def _unprefixed_agency(name: str, ctx: Context) -> tuple[str, str, bool, str]:
    """A body named without a place: the author's party organ or working group, a public service body of the
    report's place when the author belongs to that place, else a name that only means something here."""
    cfg, author = _config(), ctx.report.author_name
    if ctx.street and name.startswith("街道") and len(name) > 4:  # 街道法治建设工作领导小组 in a street's report
        return "Agency", ctx.street + name.removeprefix("街道"), True, "street-body"
    if author and len(name) > 2 and author != name and (
        author.endswith(_written_out(name, cfg["zone_words"])) or author.endswith(standard_agency_name(name))
    ):
        return "Agency", author, True, "author-short-form"  # 经开区管委会, 科技厅 in that body's own report
    if author and name.startswith(tuple(cfg["author_party_starts"])):
        return "Agency", f"中共{author}{name[name.index('党组'):]}", True, "author-body"
    if author and name.endswith(tuple(cfg["author_sub_heads"])):
        owner = ctx.street or author
        if name[0] == owner[-1] and not name.startswith(tuple(cfg["author_head_words"])):
            name = name[1:]  # 厅政务公开领导小组: the author's head, not part of the group's name
        return "Agency", f"{owner}{name}", True, "author-body"
    place = load_gazetteer().by_code.get(ctx.report.place_code or "")
    if place and author and author.startswith(place.name) and name.endswith(tuple(cfg["place_body_heads"])):
        return "Agency", place.name + name, True, "report-place"
    return "Agency", name, False, "as-written"


def _fill_template(mention: Mention, ctx: Context) -> tuple[str, str, bool, str] | None:
    kb, surface = mention.kb_id, mention.norm
    author, street = ctx.report.author_name, ctx.street
    if "{A}" in kb:
        return ("Agency", kb.replace("{A}", author), True, "author-body") if author else None
    if "{S}" in kb:
        return ("Agency", kb.replace("{S}", street), True, "street-body") if street else None
    level_char = next((c for c in surface if c in LEVEL_CHARS), "")
    for word, char in _config()["level_prefixes"].items():
        if word in surface:
            level_char = char
            break
    place = ctx.place_for(level_char)
    gaz = load_gazetteer()
    prefix = next((surface[:s] for s in range(min(12, len(surface)), 1, -1) if gaz.lookup(surface[:s])), "")
    if prefix:  # 益阳市委 / 中共益阳市委: the place is written; which 铁东区 the places before it say (四平市铁东区)
        written = written_before(ctx.document.norm, mention.start + surface.find(prefix))
        place = in_context(gaz.lookup(prefix), written, [d.code for d in ctx.places.values()])
    label = "Organization" if names_an_organization(kb) else "Agency"  # 省妇联: a people's organisation
    if place is None:
        return label, surface, False, "unresolved-abbreviation"
    written_level = next((w for w in _config()["level_prefixes"] if w in surface), level_char)
    name = kb.replace("{P}", gaz.body_prefix(place)).replace("{L}", written_level)
    return label, name, True, "abbreviation"


def _law(mention: Mention, ctx: Context) -> tuple[str, str, bool, str] | None:
    name = mention.norm.strip("《》<>〈〉 ")
    official = official_title(TRAILING_NOTE.sub("", name))
    if official:
        return "Law", official, True, "national-law"
    cfg = _config()
    national = (not _has_place_prefix(name) and name.endswith(tuple(cfg["national_law_suffixes"]))
                and not name.endswith(tuple(cfg["not_law_suffixes"])))
    if national and not name.startswith(cfg["national_prefix"]):
        return "Law", cfg["national_prefix"] + name, True, "national-law"
    return "Law", name, True, "as-written"


def _document(mention: Mention, ctx: Context) -> tuple[str, str, bool, str] | None:
    name = (mention.kb_id if mention.source.startswith("quote.") else mention.norm).strip("《》<>〈〉“” ")
    name = "".join(name.split())
    lex = load_lexicons()
    scoped = not (_has_place_prefix(name) or name.startswith(("中共", *lex.central)) or name[:2].isdigit())
    return "PolicyDocument", name, not scoped, "as-written"


def _reform(mention: Mention, ctx: Context) -> tuple[str, str, bool, str] | None:
    return "Reform", reform_name(mention.kb_id or mention.norm), True, "reform-canonical"


def _platform(mention: Mention, ctx: Context) -> tuple[str, str, bool, str] | None:
    name = mention.kb_id if mention.source.startswith("quote.") else mention.norm
    name = name.translate(_QUOTES)  # “河北人社”微信公众号 -> 河北人社微信公众号
    owned = _author_platform(name, ctx)
    if owned:
        return "Platform", owned, True, "author-platform"
    placed, expanded = _expand_level(_level_word_as_place(name), ctx)
    name, expanded = (placed, True) if expanded else _expand_level(name, ctx)
    name = full_government(name)
    return "Platform", name, expanded or _has_place_prefix(name), "level-prefix" if expanded else "as-written"


def _level_word_as_place(name: str) -> str:
    """省级科技管理平台 -> 省科技管理平台: a platform's level word stands for the level's place, which the level
    prefix then names (abbreviation_words.yaml platform_level_words); other names unchanged."""
    word = next((w for w in _config()["platform_level_words"] if name.startswith(w)), None)
    return word[0] + name[len(word) :] if word and len(name) > len(word) + 2 else name


def _author_platform(name: str, ctx: Context) -> str | None:
    """我厅门户网站, 厅网站 -> <author>门户网站, <author>网站; 厅长信箱 -> <author>厅长信箱: the author's own platform,
    named as the annotators and the bodies' own pages name it."""
    author, cfg = ctx.report.author_name, _config()
    if not author:
        return None
    if name.startswith(tuple(cfg["platform_keep_head"])) and author.endswith(name[0]):
        return author + name
    for deixis in sorted(cfg["platform_owner_deixis"], key=len, reverse=True):
        rest = name[len(deixis) :]
        if name.startswith(deixis) and author.endswith(deixis[-1]) and len(rest) >= 2:
            return author + _author_website(rest, ctx)
    for size in range(min(8, len(name) - 2), 2, -1):  # 科技厅门户网站 in the 河北省科学技术厅's report
        if name[size - 1] in cfg["platform_owner_heads"] and author.endswith(standard_agency_name(name[:size])):
            return author + _author_website(name[size:], ctx)
    return None


def _organization(mention: Mention, ctx: Context) -> tuple[str, str, bool, str] | None:
    """As written, but a listed organisation by its listed name (全国总工会 -> 中华全国总工会, organizations.tsv) and a
    level's people's organisation by its full name (省妇联 -> 河北省妇女联合会, organization_abbreviations.tsv)."""
    if mention.source == "organization.listed" and mention.kb_id:
        return "Organization", mention.kb_id, True, "listed"
    template = mention.kb_id if "{" in mention.kb_id else abbreviation_template(mention.norm)
    if template and names_an_organization(template):  # 省妇联 -> 河北省妇女联合会 (organization_abbreviations.tsv)
        return _fill_template(replace(mention, kb_id=template), ctx)
    return _as_written(mention, ctx)


def _author_website(rest: str, ctx: Context) -> str:
    """厅官网, 厅网站 in a report that calls the author's site its 门户网站 elsewhere: that one portal — or the site's
    full name where the report writes one (河北省科学技术厅网站), whatever word a mention uses."""
    cfg, text = _config(), ctx.document.text
    words = cfg["author_website_words"]
    if rest not in words:
        return rest
    written = next((w for w in words if f"{ctx.report.author_name}{w}" in text), None)
    return written or (cfg["author_website_name"] if cfg["author_website_name"] in text else rest)


def _person(mention: Mention, ctx: Context) -> tuple[str, str, bool, str] | None:
    """A person by name; one the report gives a national post anywhere (习近平总书记 … 习近平同志) is the one
    national figure throughout, and a national post written into the name (习近平总书记) is cut off it."""
    name, post = _national_post_cut(mention.norm)
    post = post or mention.kb_id.removeprefix("post:")
    national = post in _config()["national_posts"] or name in ctx.national_people
    return "Person", name, national, "as-written" if name == mention.norm else "post-cut"


def _national_people(mentions: list[Mention]) -> set[str]:
    """The names a report gives a national post, before (习近平总书记) or inside a mention (the tagger's)."""
    national = _config()["national_posts"]
    people = [m for m in mentions if m.label == "Person"]
    return ({m.norm for m in people if m.kb_id.removeprefix("post:") in national}
            | {name for name, post in map(_national_post_cut, (m.norm for m in people)) if post})


def _national_post_cut(name: str) -> tuple[str, str]:
    """(name, national post) of a name that ends with one (习近平总书记 -> 习近平, 总书记), else (name, "")."""
    post = next((p for p in _config()["national_posts"] if name.endswith(p) and len(name) - len(p) >= 2), "")
    return (name.removesuffix(post), post) if post else (name, "")


_QUOTES = str.maketrans("", "", "“”\"'‘’「」")

_RESOLVERS = {
    "Place": _place,
    "Agency": _agency,
    "Law": _law,
    "PolicyDocument": _document,
    "Reform": _reform,
    "Platform": _platform,
    "Person": _person,
    "Organization": _organization,
}


def build_entities(mentions: list[Mention], ctx: Context) -> tuple[list[Entity], dict[int, str]]:
    """Group mentions into entities; returns the entities and, per mention index, the key of its entity."""
    entities: dict[str, Entity] = {}
    key_of: dict[int, str] = {}
    own_title = _own_title(mentions, ctx)
    carried = _carried_titles(mentions, ctx)
    acting = _acting_places(mentions)
    ctx.national_people = _national_people(mentions)
    for index, mention in enumerate(mentions):
        if index in acting:
            continue
        resolved = resolve_mention(mention, ctx)
        if mention.norm in self_references():  # 制定本办法: the document itself, or nothing
            kind = mention.norm.removeprefix("本")  # 本办法 in 关于印发《…办法》的通知: the carried 办法
            body = None if own_title and title_stem(own_title[1]).endswith(kind) else next(
                (c for c in carried if title_stem(c[1]).endswith(kind)), None)
            resolved = (*body, "self-reference.carried") if body else own_title and (*own_title, "self-reference")
        if resolved is None or not resolved[1]:
            continue
        label, name, is_global, rule = resolved
        _remember_antecedent(label, name, mention, ctx)
        name = person_name(name) if label == "Person" else name
        key_name = canonical(label, name)
        scoped = not canonical_is_global(label, key_name, is_global)
        key = f"{label}/{key_name}@{_scope(label, ctx)}" if scoped else f"{label}/{key_name}"
        entity = entities.get(key)
        if entity is None:
            entity = entities[key] = Entity(key=key, type=label, name=name.split("#")[0])
            entity.aliases |= variants_of().get((label, key_name), frozenset())
            if "#" in name:
                entity.attributes["divisionCode"] = name.split("#")[1]
        entity.mentions.append(mention)
        if not report_local(rule, _has_place_prefix(mention.norm)):
            entity.aliases.add(mention.text)
        if mention.norm != entity.name:
            entity.merges.append((mention.text, rule))
        _add_attributes(entity, mention)
        key_of[index] = key
    return list(entities.values()), key_of


def _acting_places(mentions: list[Mention]) -> set[int]:
    """The last place of a list item's actor (江苏省南京市 -> 南京市人民政府): the government's mention, not a place of
    its own (as annotators read it); the places before it (江苏省) stay places, and so its locatedIn; a short form
    inside the last place (衢州 in 衢州市) goes with it."""
    last_places = [(m.end - len(m.kb_id.removeprefix("place_actor:")), m.end)
                   for m in mentions if m.kb_id.startswith("place_actor:")]
    lone = _lone_actors(mentions)
    return {i for i, m in enumerate(mentions)
            if m.label == "Place" and (any(s <= m.start and m.end <= e for s, e in last_places) or m.norm in lone)}


def _lone_actors(mentions: list[Mention]) -> set[str]:
    """The written forms of places that act alone in a list's items (35.上海市多措并举…, 45.浙江省深化…) and their
    short forms: the form is the government's, so the place it names elsewhere (36.上海市长宁区…) is no place of
    its own either (one written form, one entity: annotations/GUIDE.md; the annotators record 上海市长宁区人民政府
    with no 上海市 where 上海市 acts, and 天津市 where it does not)."""
    lone = {m.norm for m in mentions
            if m.kb_id.startswith("place_actor:") and m.norm == m.kb_id.removeprefix("place_actor:")}
    if not lone:
        return lone
    shorts = load_gazetteer().short_names
    return lone | {short for short, full in shorts.items() if full in lone}


def _scope(label: str, ctx: Context) -> str:
    """What a name is unique within: its report, but for a person the place the report speaks for (or, in a
    national body's report, that body), so that 殷勇 named in two reports of 北京市 is one person and a namesake
    in another place is not."""
    if label != "Person":
        return ctx.document.doc_id
    place = load_gazetteer().by_code.get(ctx.report.place_code or "")
    return load_gazetteer().body_prefix(place) if place else ctx.report.author_name or ctx.document.doc_id


def _own_title(mentions: list[Mention], ctx: Context) -> tuple[str, str, bool] | None:
    """(type, name, global?) of the document's own title: a law or document named where the text begins."""
    for mention in mentions:
        if mention.start > 2:
            break
        if mention.label in ("Law", "PolicyDocument") and mention.norm not in self_references():
            resolved = resolve_mention(mention, ctx)
            return resolved[:3] if resolved else None
    return None


def _plain_title(name: str) -> str:
    """A title compared without its quotes and 的 (印发河北省降低社会保险费率实施方案的通知 carries 《河北省降低社会
    保险费率实施方案》)."""
    return re.sub(r"[《》〈〉<>“”\"'「」的\s]", "", name)


def title_stem(name: str) -> str:
    """A title without its trailing notes (科技伦理审查办法（试行） -> 科技伦理审查办法): what 本办法 is matched
    against."""
    return re.sub(r"(?:[（(][^（()）]*[)）]|\d{4}年修订版|[》〉”])+$", "", name)


def _carried_titles(mentions: list[Mention], ctx: Context) -> list[tuple[str, str, bool]]:
    """(type, name, global?) of the documents a carrying notice's title names (关于印发《…办法》的通知): the text's
    self-references of their kind (本办法) name them, not the notice (abbreviation_words.yaml
    ``carried_self_reference``)."""
    cfg = _config()["carried_self_reference"]
    title = next((m for m in mentions if m.start <= 2 and m.label in ("Law", "PolicyDocument")
                  and m.norm not in self_references()), None)
    if title is None or not any(w in title.norm for w in cfg["carrying_words"]):
        return []
    name, counts = _plain_title(title.norm), Counter()
    for mention in mentions:  # the one in the notice's title first: it wins a tie
        plain = _plain_title(mention.norm)
        if (mention is title or mention.label not in ("Law", "PolicyDocument") or len(plain) < cfg["min_chars"]
                or plain not in name or any(w in plain for w in cfg["carrying_words"])):
            continue
        resolved = resolve_mention(mention, ctx)
        if resolved and resolved[1]:
            counts[resolved[:3]] += 1
    # the reading most of its mentions get (a carried 办法 read as a Law in the notice's title and its copy, as a
    # PolicyDocument in three lines below: the latter)
    return [resolved for resolved, _ in counts.most_common()]


def _anaphor(mention: Mention, ctx: Context) -> tuple[str, str, bool, str] | None:
    """领导小组办公室 -> <the leading group named before it>办公室; nothing when no such body was named."""
    head = mention.kb_id.split(":", 1)[1]
    antecedent = ctx.antecedents.get(head)
    if antecedent is None:
        return None
    surface = mention.norm
    rest = surface[surface.index(head) + len(head) :] if head in surface else ""
    return "Agency", antecedent + rest, True, "anaphor"


def _remember_antecedent(label: str, name: str, mention: Mention, ctx: Context) -> None:
    if label != "Agency" or mention.kb_id.startswith("anaphor:"):
        return
    for head in anaphoric_heads():
        if name.endswith(head):
            ctx.antecedents[head] = name


def _add_attributes(entity: Entity, mention: Mention) -> None:
    if entity.type == "Place" and "divisionCode" not in entity.attributes:
        named = load_gazetteer().by_name.get(entity.name, [])
        if len(named) == 1:  # a name with a code in its key (龙华区#440309) got the code with the key
            entity.attributes["divisionCode"] = named[0].code
    elif entity.type in ("Law", "PolicyDocument") and mention.kb_id and "{" not in mention.kb_id:
        entity.attributes.setdefault(
            "rank", mention.kb_id if mention.source.startswith("title.") else "normative"
        )
    elif entity.type == "Person" and mention.kb_id.startswith("post:"):
        entity.attributes["post"] = mention.kb_id.removeprefix("post:")


def _written_out(name: str, words: dict[str, str]) -> str:
    for short, full in words.items():
        name = name.replace(short, full)
    return name
