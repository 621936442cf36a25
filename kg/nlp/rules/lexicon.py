"""The rule layer's data, loaded from kg/resources once per process and compiled into regular expressions.

Everything a rule family knows about the genre lives in the data files; this module only turns word lists into
fast matchers (one alternation per list, longest alternative first) and lookup sets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from kg.resources import read_tsv, read_words, read_yaml

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
LEVEL_CHARS = "省市区县州镇乡旗"


def alternation(words: list[str] | tuple[str, ...] | set[str] | dict, dispatch: bool = False) -> str:
    """A non-capturing regex matching any of ``words``, built as a trie so that matching costs the length of the
    word, not the size of the list; at every branch the longest word is tried first. ``dispatch``: long branch
    lists in buckets behind character classes (``_dispatch``), for a pattern searched on its own: the engine
    then no longer skips ahead to the positions where a word may start (it does so only for a pattern whose
    alternatives all open with a character), which costs the rule patterns more than it gains them."""
    trie: dict = {}
    for word in words:
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    if not trie:
        return "(?!)"

    def build(node: dict) -> str:
        chars = sorted(char for char in node if char)
        branches = [re.escape(char) + build(node[char]) for char in chars]
        if not branches:
            return ""
        alternatives = _dispatch(chars, branches) if dispatch else "|".join(branches)
        body = branches[0] if len(branches) == 1 else "(?:" + alternatives + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + build(trie) + ")"


_BUCKET = 32  # alternatives tried one by one, at most, before character classes send the engine on


def _dispatch(chars: list[str], branches: list[str]) -> str:
    """``|``.join(branches), each branch starting with its char, in buckets behind a lookahead of their first
    characters when there are many: the regex engine tries a branch list one by one, so at a position where a
    word of a list of 800 first characters may start it made 800 tests (a third of a second per million
    characters for the corpus names; a quarter of that in buckets). The branches keep their order, and a bucket
    whose class does not match held no branch that could, so every match (and backtrack) is the plain list's."""
    if len(branches) <= _BUCKET:
        return "|".join(branches)
    size = max(_BUCKET, int((10 * len(branches)) ** 0.5) + 1)  # a lookahead costs about ten branch tests
    buckets = []
    for i in range(0, len(branches), size):
        klass = "".join(re.escape(char) for char in chars[i : i + size])
        buckets.append(f"(?=[{klass}])(?:{'|'.join(branches[i : i + size])})")
    return "|".join(buckets)


def first_chars(words: list[str] | tuple[str, ...] | set[str] | dict) -> str:
    """A lookahead for the characters ``words`` begin with, to open a pattern that starts with an optional part.

    A pattern that starts with an alternation is searched fast already (the regex engine skips the positions
    where none of its first characters stands); one that starts with an optional group is tried at every
    position, and this lookahead makes that attempt one character-class test (4x faster for the law names)."""
    chars = sorted({word[0] for word in words if word})
    return "(?=[" + "".join(re.escape(char) for char in chars) + "])" if chars else "(?!)"


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str  # province, prefecture, county, township
    parent: str


@dataclass
class Gazetteer:
    """Administrative divisions by full name and by the short names that reports use (益阳, 江西)."""

    by_name: dict[str, list[Division]] = field(default_factory=dict)
    short_names: dict[str, str] = field(default_factory=dict)  # short form -> full name
    by_code: dict[str, Division] = field(default_factory=dict)
    # short forms of every division down to counties (珲春 -> 珲春市), ambiguous ones too: a place only where a
    # list of places names it (长春、松原、白城; 珲春、集安等地), see kg/nlp/rules/places.py
    listed_names: dict[str, list[str]] = field(default_factory=dict)
    # places the division list does not hold and no code names (雄安新区, 京津冀, 黄河): surface -> name
    named: dict[str, str] = field(default_factory=dict)
    # named places that count only where a name may begin (关中, not in 相关中央): gazetteer/regions.tsv
    named_at_edge: set[str] = field(default_factory=set)

    def lookup(self, name: str) -> list[Division]:
        full = self.short_names.get(name, name)
        found = self.by_name.get(full, [])
        if found or name not in self.listed_names:
            return found
        return [d for full in self.listed_names[name] for d in self.by_name[full]]

    def body_prefix(self, division: Division) -> str:
        """The place as its bodies' official names write it: a city district with its city (深圳市光明区人民政府,
        中共北京市通州区委员会: district names repeat across cities), every other division by its own name."""
        if division.level != "county" or not division.name.endswith("区"):
            return division.name
        city = next((d for d in self.ancestors(division.parent) if d.name.endswith("市") and d.name != "市辖区"), None)
        return (city.name if city else "") + division.name

    def official_body_name(self, name: str, division: Division | None) -> str:
        """A body's name written with its district alone (光明区人民政府) as its official name writes it
        (深圳市光明区人民政府), when ``division`` is that district."""
        if division is None or not name.startswith(division.name):
            return name
        return self.body_prefix(division) + name[len(division.name) :]

    def ancestors(self, code: str) -> list[Division]:
        """The division with this code and every division above it, nearest first."""
        chain = []
        while code in self.by_code or (len(code) == 4 and code[:2] in self.by_code):
            # a municipality's districts hang under its 市辖区 (1101), which the division list leaves out
            division = self.by_code.get(code) or self.by_code[code[:2]]
            chain.append(division)
            code = division.parent
        return chain


@dataclass
class Lexicons:
    heads: dict[str, tuple[str, str]]  # head -> (mode, parent part)
    head_re: re.Pattern[str]
    functions_re: str
    boundary_words: tuple[str, ...]
    boundary_re: re.Pattern[str]
    not_boundary_re: re.Pattern[str]  # 自治 in 自治区: no edge after its 自
    quantity_re: re.Pattern[str]  # a number and its measure word (170家): a qualifier holding one names a kind
    generic_starts: tuple[str, ...]
    generic_inside: re.Pattern[str]
    stop_chars: frozenset[str]
    min_qualifier: int
    level_qualifiers: str
    conjunctions: str  # one-character boundaries that join a list: they cut even inside a dictionary word
    noun_tags: frozenset[str]  # jieba's part-of-speech tags of the nouns a platform's name edge does not split
    forbidden_chars: frozenset[str]
    max_length: int
    gazetteer: Gazetteer
    central: dict[str, str]  # alias -> canonical national body
    abbreviations: list[tuple[str, str]]
    organization_abbreviations: list[tuple[str, str]]  # 省妇联 -> {P}妇女联合会: people's organisations


def _short_form(name: str, level: str, strip: list[str]) -> str | None:
    """益阳市 -> 益阳, 江西省 -> 江西; only for provinces and prefectures, whose stems are distinctive."""
    if level not in ("province", "prefecture"):
        return None
    for suffix in strip:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


@cache
def load_gazetteer() -> Gazetteer:
    gaz = Gazetteer()
    places = read_yaml("ner/places.yaml")
    strip, unnamed = places["short_form_strip"], frozenset(places["unnamed_divisions"])
    for code, name, level, parent in read_tsv("gazetteer/divisions.tsv", 4):
        if name in unnamed:
            continue
        division = Division(code, name, level, parent)
        gaz.by_name.setdefault(name, []).append(division)
        gaz.by_code[code] = division
        short = _short_form(name, level, strip)
        if short and short not in gaz.short_names:
            gaz.short_names[short] = name
        listed = short or _listed_form(name, level, places["listed_form_strip"])
        if listed and name not in gaz.listed_names.setdefault(listed, []):
            gaz.listed_names[listed].append(name)
    regions = read_tsv("gazetteer/regions.tsv", (3, 4))
    for row in regions:
        gaz.named_at_edge.update([row[0], *(a for a in (row[3] if len(row) > 3 else "").split("|") if a)])
    for name, code, level, *others in [*read_tsv("gazetteer/named_places.tsv", (3, 4)), *regions]:
        aliases = [a for a in (others[0] if others else "").split("|") if a]
        if code:  # 台湾省, 香港特别行政区, 澳门特别行政区: provinces of GB/T 2260 the statistics list leaves out
            division = Division(code, name, level, "")
            gaz.by_name.setdefault(name, []).append(division)
            gaz.by_code[code] = division
            for alias in aliases:
                gaz.short_names.setdefault(alias, name)
        else:
            for surface in (name, *aliases):
                gaz.named[surface] = name
    return gaz


def _listed_form(name: str, level: str, strip: list[str]) -> str | None:
    """珲春市 -> 珲春, 通榆县 -> 通榆: a county's name without its level, two characters at least."""
    if level != "county":
        return None
    for suffix in strip:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


def _central_bodies() -> dict[str, str]:
    table: dict[str, str] = {}
    rows = [*read_tsv("ner/central_bodies.tsv", (1, 2)), *read_tsv("ner/national_bodies.tsv", (1, 2))]
    for row in rows:
        canonical = row[0]
        table[canonical] = canonical
        if len(row) > 1 and row[1]:
            for alias in row[1].split("|"):
                table[alias.strip()] = canonical
    return table


@cache
def load_lexicons() -> Lexicons:
    heads = {
        row[0]: (row[1], row[2] if len(row) > 2 else "") for row in read_tsv("ner/agency_heads.tsv", (2, 3))
    }
    names = read_yaml("ner/names.yaml")
    boundary = read_words("ner/boundary_words.tsv")
    return Lexicons(
        heads=heads,
        head_re=re.compile(alternation(heads)),
        functions_re=alternation(read_words("ner/agency_functions.tsv")),
        boundary_words=boundary,
        boundary_re=re.compile(alternation(boundary)),
        quantity_re=re.compile(names["quantity_pattern"]),
        not_boundary_re=re.compile(alternation(names["not_boundary_words"])),
        generic_starts=tuple(names["generic_starts"]),
        generic_inside=re.compile(alternation(names["generic_inside"])),
        stop_chars=frozenset(names["stop_chars"]),
        min_qualifier=int(names["min_qualifier"]),
        level_qualifiers=str(names["level_qualifiers"]),
        conjunctions=str(names["conjunctions"]),
        noun_tags=frozenset(names["noun_tags"]),
        forbidden_chars=frozenset(names["forbidden_chars"]),
        max_length=int(names["max_length"]),
        gazetteer=load_gazetteer(),
        central=_central_bodies(),
        abbreviations=[(row[0], row[1]) for row in read_tsv("ner/abbreviations.tsv", 2)],
        organization_abbreviations=[(row[0], row[1]) for row in read_tsv("ner/organization_abbreviations.tsv", 2)],
    )
