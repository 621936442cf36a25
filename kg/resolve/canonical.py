"""One key per thing across reports: spellings folded, synonyms mapped, local slogans and deixis kept local.

A report's own name for an entity (what the gold-schema JSON prints) may be any spelling; the key the graph
names the node by is canonical, so 双随机 and 双随机、一公开, 法治政府建设实施纲要(2015-2020年) and （2015—2020年）,
习近平 and 习近平总书记 are one node, while a short counting slogan (一次办, 四个一) is a different thing in each
report and is keyed by it. The rules and the synonym table are data (kg/resources/resolve/canonical.yaml,
synonyms.tsv).
"""

from __future__ import annotations

import re
from functools import cache

from kg.nlp.rules.lexicon import load_gazetteer, load_lexicons
from kg.resources import read_tsv, read_yaml


@cache
def config() -> dict:
    cfg = read_yaml("resolve/canonical.yaml")
    cfg["fold_table"] = str.maketrans(cfg["fold_characters"])
    cfg["edition_re"] = re.compile(cfg["edition_pattern"])
    cfg["counting"] = frozenset(cfg["counting_characters"])
    cfg["local_rules"] = frozenset(cfg["report_local_rules"])
    cfg["reform_lead_re"] = re.compile(cfg["reform_lead_words"])
    return cfg


def whole_marks(name: str) -> str:
    """A name without the marks of a quote or bracket pair it holds only one half of (黑名单”制度 -> 黑名单制度):
    what a reader and a user's query expect, since the key folds quotes anyway (canonical.yaml paired_marks)."""
    for opening, closing in config()["paired_marks"]:
        if name.count(opening) != name.count(closing):
            name = name.replace(opening, "").replace(closing, "")
    return name


def reform_name(name: str) -> str:
    """A reform's name without a word in front that is not its own (我区机构改革 -> 机构改革, 第三轮回天行动 ->
    回天行动): canonical.yaml reform_lead_words; kept when too little would remain."""
    lead = config()["reform_lead_re"].match(name)
    return name[lead.end():] if lead and len(name) - lead.end() >= 3 else name


@cache
def synonyms() -> dict[tuple[str, str], str]:
    """(type, variant folded) -> canonical name, from synonyms.tsv and the reform lexicon."""
    table: dict[tuple[str, str], str] = {}
    for row in read_tsv("ner/reform_lexicon.tsv", (1, 2)):
        for variant in row[1].split("|") if len(row) > 1 and row[1] else []:
            table[("Reform", fold(variant))] = row[0]
    for canonical, type_, variants, _source in read_tsv("resolve/synonyms.tsv", 4):
        for variant in variants.split("|"):
            table[(type_, fold(variant))] = canonical
    for (type_, canonical), variants in variants_of().items():  # 谁执法,谁普法: list punctuation aside
        for variant in (canonical, *variants):
            table.setdefault((type_, bare(variant)), canonical)
    return table


def bare(name: str) -> str:
    """A name without list punctuation (谁执法,谁普法 -> 谁执法谁普法), as merges.yaml ignores it."""
    return "".join(ch for ch in fold(name) if ch not in config()["list_punctuation"])


@cache
def variants_of() -> dict[tuple[str, str], frozenset[str]]:
    """(type, canonical) -> every variant the tables know (the aliases a lookup accepts)."""
    found: dict[tuple[str, str], set[str]] = {}
    for row in read_tsv("ner/reform_lexicon.tsv", (1, 2)):
        variants = row[1].split("|") if len(row) > 1 else []
        found.setdefault(("Reform", row[0]), set()).update(v for v in variants if v)
    for canonical, type_, variants, _source in read_tsv("resolve/synonyms.tsv", 4):
        found.setdefault((type_, canonical), set()).update(variants.split("|"))
    return {key: frozenset(values) for key, values in found.items()}


def fold(name: str) -> str:
    """Dashes and brackets in one spelling each (（2015—2020年） -> (2015-2020年))."""
    return name.translate(config()["fold_table"])


def canonical(type_: str, name: str) -> str:
    """The name a key is made of: folded, a synonym mapped to its canonical name, a reform without a level
    qualifier (省市国资国企改革 -> 国资国企改革), a person without a post written after the name."""
    cfg, name = config(), fold(name)
    if type_ == "Reform":
        qualifier = next((q for q in cfg["reform_level_qualifiers"] if name.startswith(q)), "")
        if qualifier and len(name) - len(qualifier) >= 2:
            name = name[len(qualifier):]
    if type_ == "Person":
        name = person_name(name)
    if type_ == "Agency":
        name = full_body_name(name)
    table = synonyms()
    return table.get((type_, name)) or table.get((type_, bare(name)), name)


def full_body_name(name: str) -> str:
    """深圳市光明区委 -> 中共深圳市光明区委员会, 深圳市龙华区政府 -> 深圳市龙华区人民政府, 陕西省政协 ->
    中国人民政治协商会议陕西省委员会: a place written out and a short form of its body (abbreviations.tsv), the
    body's full name, as 区委 alone in the place's own report resolves to."""
    body = name.removeprefix("中共")
    run = _place_run(body)
    if not run or run == len(body):
        return name
    place, rest = body[:run], body[run:]
    for short, template in load_lexicons().abbreviations:
        if short.startswith("{L}") and short[3:] == rest:
            return template.replace("{P}", place).replace("{L}", place[-1])
    return name


def _place_run(name: str) -> int:
    """How many characters of ``name`` are division names written one after another (深圳市光明区)."""
    gaz, pos = load_gazetteer(), 0
    while pos < len(name):
        size = next((n for n in range(min(12, len(name) - pos), 1, -1) if name[pos : pos + n] in gaz.by_name), 0)
        if not size:
            break
        pos += size
    return pos


def person_name(name: str) -> str:
    """习近平总书记 -> 习近平: the name without a post written after it."""
    for post in sorted(config()["person_posts_after"], key=len, reverse=True):
        if name.endswith(post) and len(name) - len(post) >= 2:
            return name[: -len(post)]
    return name


def is_global(type_: str, name: str, global_as_resolved: bool) -> bool:
    """Whether the canonical ``name`` identifies its entity in every report: a national leader, an edition of a
    document, a slogan that is not a short counting one; otherwise what resolution decided."""
    cfg = config()
    if type_ == "Person" and name in cfg["national_leaders"]:
        return True
    if type_ in ("Law", "PolicyDocument") and cfg["edition_re"].search(name):
        return True
    if type_ == "Reform" and is_local_slogan(name):
        return False
    return global_as_resolved


def is_local_slogan(name: str) -> bool:
    """一次办, 四个一: short and counting, unknown to the lexicon: a different thing in each report."""
    cfg = config()
    return (len(name) <= cfg["local_slogan_max_chars"] and not cfg["counting"].isdisjoint(name)
            and ("Reform", name) not in variants_of())


def report_local(rule: str, surface_has_place: bool) -> bool:
    """A surface resolved through its report (市委, 全市, 我局, 市行政审批局) is no global alias of the entity."""
    return rule in config()["local_rules"] and not surface_has_place
