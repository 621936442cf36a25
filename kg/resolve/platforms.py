"""Generic platform words as mentions of the document's named platform of their kind.

A report names its WeChat account in full once (“河北工信”微信公众号) and then writes 微信公众号; a notice publishes on
the 门户网站 of a body it names. The annotators record such a word as a mention of that named platform and never as
a platform of its own, and leave it unrecorded where the document names no platform of the kind
(resources/resolve/platforms.yaml). Resolution therefore moves a generic platform's mentions to the named one, or
drops them. Relations are read off ``key_of`` after resolution, so a relation found on the generic word lands on
the named node and keeps its own evidence span; each move is recorded on the entity as a merge.
"""

from __future__ import annotations

import re
from functools import cache

from kg.model import Entity
from kg.resolve.merge import fold_into
from kg.resources import read_yaml


@cache
def _config() -> dict:
    cfg = read_yaml("resolve/platforms.yaml")
    words = [(word, kind) for kind, heads in cfg["kinds"].items() for word in heads]
    cfg["heads"] = sorted(words, key=lambda pair: -len(pair[0]))  # 门户网站 before 网站
    cfg["generic"] = frozenset(cfg["generic_words"])
    cfg["service_number_re"] = re.compile(cfg["service_number"])
    return cfg


def platform_kind(name: str) -> tuple[str, str] | None:
    """(kind, the words before the kind's word) of a platform's name: 河北工信微信公众号 -> (wechat, 河北工信)."""
    for word, kind in _config()["heads"]:
        if name.endswith(word):
            return kind, name[: -len(word)]
    return None


def is_generic(qualifier: str) -> bool:
    """Whether the words before a kind's word are only words every body's platform carries (政府, 官方, 本), or
    name a kind of body (人社部门公共服务网站, 第三方渠道APP)."""
    return _only_generic(qualifier) or any(
        qualifier[:cut].endswith(tuple(_config()["owner_kinds"])) and _only_generic(qualifier[cut:])
        for cut in range(len(qualifier), 1, -1))


def _only_generic(qualifier: str) -> bool:
    if not qualifier:
        return True
    return any(qualifier.startswith(w) and _only_generic(qualifier[len(w) :]) for w in _config()["generic"])


def link_generic_platforms(entities: list[Entity], key_of: dict[int, str], author: str | None) -> list[Entity]:
    """Move the platforms of one public service number into one, each generic platform (门户网站, 微信公众号) into the
    document's named platform of its kind, the author's own account of a brand kind (厅政务微博) into the one
    brand-named account of that kind, and one brand named with two words of a kind (“科技河北”公众号, “科技河北”微信
    公众号) into one; drop a generic platform with no named one."""
    cfg = _config()
    platforms = [e for e in entities if e.type == "Platform" and e.mentions]
    numbered = _one_per_number(platforms)  # key -> (the platform it joins, the rule)
    platforms = [e for e in platforms if e.key not in numbered]
    kinds = {e.key: platform_kind(e.name) for e in platforms}
    generic = [e for e in platforms if kinds[e.key] and is_generic(kinds[e.key][1])]
    own = [e for e in platforms if author and e not in generic and kinds[e.key]
           and kinds[e.key][0] in cfg["author_brand_kinds"]
           and kinds[e.key][1].startswith(author) and is_generic(kinds[e.key][1][len(author) :])]
    named: dict[str, list[Entity]] = {}
    for entity in platforms:
        if kinds[entity.key] and entity not in generic and entity not in own:
            named.setdefault(kinds[entity.key][0], []).append(entity)
    into: dict[str, tuple[Entity, str]] = {}  # key -> (the named platform it joins, the rule)
    for kind, found in named.items():  # one brand, two words of its kind: the longer name
        by_brand: dict[str, list[Entity]] = {}
        for entity in found:
            by_brand.setdefault(kinds[entity.key][1], []).append(entity)
        for same in by_brand.values():
            keep = max(same, key=lambda e: (len(e.name), -_first(e)))
            into.update({e.key: (keep, "brand-account") for e in same if e is not keep})
        named[kind] = [e for e in found if e.key not in into]
    for entity in own:
        brands = named.get(kinds[entity.key][0], [])
        if len(brands) == 1:
            into[entity.key] = (brands[0], "author-account")
    dropped = set()
    for entity in generic:
        target = _named_for(entity, named.get(kinds[entity.key][0], []), author)
        if target is None:
            dropped.add(entity.key)
        else:
            into[entity.key] = (target, "generic-platform")
    into |= numbered
    return fold_into(entities, key_of, into, frozenset(dropped))


def _one_per_number(platforms: list[Entity]) -> dict[str, tuple[Entity, str]]:
    """Platforms whose names hold the same public service number (省12345热线, 河北省12345政务服务便民热线) join the
    one with the longest name, which is left for the other rules to place."""
    by_number: dict[str, list[Entity]] = {}
    for entity in platforms:
        for number in set(_config()["service_number_re"].findall(entity.name)):
            by_number.setdefault(number, []).append(entity)
    into: dict[str, tuple[Entity, str]] = {}
    for same in by_number.values():
        keep = max(same, key=lambda e: (len(e.name), -_first(e)))
        into.update({e.key: (keep, "service-number") for e in same if e is not keep and e.key not in into})
    return into


def _first(entity: Entity) -> int:
    return min(m.start for m in entity.mentions)


def _named_for(entity: Entity, named: list[Entity], author: str | None) -> Entity | None:
    """The named platform a generic word stands for: the author's where the author has one, else the only one, else
    the one named last before the word (or first after it)."""
    if not named:
        return None
    owned = [e for e in named if author and e.name.startswith(author)]
    if owned:
        return owned[0]
    if len(named) == 1:
        return named[0]
    start = _first(entity)
    before = [e for e in named if _first(e) < start]
    if before:
        return max(before, key=lambda e: max(m.start for m in e.mentions if m.start < start))
    return min(named, key=_first)
