"""Merges that need every entity of the report: short forms of a longer name, and bodies a name implies.

A report names a slogan in full once (“一件事一次办”) and then by its tail (套餐事项“一次办”); a party organ's name
(中共新余市委全面依法治市委员会) names its committee even where the report never names the committee alone.
Each merge is recorded on the entity it lands in, with the rule, so a user can see why mentions became one node.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from kg.model import Entity
from kg.resolve.canonical import report_local
from kg.resources import read_yaml


@cache
def _config() -> dict:
    cfg = read_yaml("resolve/merges.yaml")
    cfg["implied_res"] = [(re.compile(p["pattern"]), p["parent"]) for p in cfg["implied_parents"]]
    return cfg


def _bare(name: str) -> str:
    return "".join(ch for ch in name if ch not in _config()["ignored_punctuation"])


def merge_short_forms(entities: list[Entity], key_of: dict[int, str]) -> list[Entity]:
    """Fold a reform named by the tail of a longer reform named before it (or written with other
    punctuation: 三集中三到位 after 三集中、三到位), or by the reform's name and a head word (信用监管改革 where the
    report names 信用监管 too), into that reform.

    Candidates are looked up by bare form and by name suffix, in list order, rather than by comparing every two
    reforms (hundreds in a long report)."""
    reforms = [e for e in entities if e.type == "Reform" and e.mentions]
    firsts = [min(m.start for m in e.mentions) for e in reforms]
    by_bare: dict[str, list[int]] = {}
    by_suffix: dict[str, list[int]] = {}  # every non-empty tail of a name -> the reforms whose name ends so
    for i, reform in enumerate(reforms):
        by_bare.setdefault(_bare(reform.name), []).append(i)
        for cut in range(len(reform.name)):
            by_suffix.setdefault(reform.name[cut:], []).append(i)
    into: dict[str, tuple[Entity, str]] = {}
    for j, headed in enumerate(reforms):
        bare = headed.name.removesuffix(next((w for w in _config()["head_words"] if headed.name.endswith(w)), ""))
        slogan = [i for i in by_bare.get(_bare(bare), []) if i != j] if bare != headed.name else []
        if slogan:
            into[headed.key] = (reforms[slogan[0]], "head-word")
    for j, short in enumerate(reforms):
        if short.key in into:
            continue
        first = firsts[j]
        variant = [i for i in by_bare[_bare(short.name)] if i != j and firsts[i] < first]
        if variant:
            into[short.key] = (reforms[variant[0]], "punctuation-variant")
            continue
        if len(short.name) < _config()["short_form_min_chars"]:
            continue
        tails = by_suffix.get(short.name, []) if short.name else range(len(reforms))
        longer = [i for i in tails if i != j and firsts[i] < first]
        if len(longer) == 1:
            into[short.key] = (reforms[longer[0]], "short-form")
    return fold_into(entities, key_of, into,
                     share_aliases=lambda rule: not report_local(rule, surface_has_place=False))


def fold_into(
    entities: list[Entity],
    key_of: dict[int, str],
    into: dict[str, tuple[Entity, str]],
    dropped: frozenset[str] = frozenset(),
    share_aliases: Callable[[str], bool] = lambda rule: False,
) -> list[Entity]:
    """Carry out merges decided elsewhere: each entity of ``into`` (key -> (the entity it joins, the rule)) moves
    its mentions into the entity its target ends up in (a target merged in turn passes them on), recorded on it
    with the rule, and its aliases where ``share_aliases(rule)`` (一次办 after 一件事一次办 is this report's word, kept
    off the node's aliases); ``key_of`` follows, and the entities of ``dropped`` lose their mentions' keys."""
    def landing(key: str) -> Entity:
        seen = {key}
        target = into[key][0]
        while target.key in into and target.key not in seen:
            seen.add(target.key)
            target = into[target.key][0]
        return target

    by_key = {e.key: e for e in entities}
    for key, (_, rule) in into.items():
        moved, target = by_key[key], landing(key)
        target.mentions.extend(m for m in moved.mentions if m not in target.mentions)
        if share_aliases(rule):
            target.aliases |= moved.aliases
        target.merges.extend((m.text, rule) for m in moved.mentions)
    for index, key in list(key_of.items()):
        if key in dropped:
            del key_of[index]
        elif key in into:
            key_of[index] = landing(key).key
    return [e for e in entities if e.key not in into and e.key not in dropped]


def add_implied_parents(entities: list[Entity]) -> list[Entity]:
    """The party committee an organ's name implies, when the report does not name it on its own."""
    known = {e.name for e in entities if e.type == "Agency"}
    added: dict[str, Entity] = {}
    for entity in [e for e in entities if e.type == "Agency" and e.mentions]:
        for pattern, parent in _config()["implied_res"]:
            match = pattern.match(entity.name)
            if match is None:
                continue
            name = match.expand(parent)
            if name in known:
                continue
            implied = added.setdefault(name, Entity(key=f"Agency/{name}", type="Agency", name=name))
            implied.merges.extend((m.text, "implied-parent") for m in entity.mentions[:1])
    return entities + list(added.values())
