"""Reforms related across reports by a shared slogan core (rule and words in kg/resources/resolve/related.yaml).

一件事一次办 (益阳, 防城港) and 高效办成一件事 (新余) share the core 一件事: the same line of reform under two
names. They stay two concepts, linked as related, because a merge would claim they are one programme.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from kg.resources import read_yaml


@cache
def _config() -> dict:
    cfg = read_yaml("resolve/related.yaml")
    cfg["core_re"] = re.compile(cfg["core_must_contain"])
    return cfg


def _cores(name: str) -> set[str]:
    """Every part of ``name`` that may be a slogan core, keeping only the longest at each start."""
    cfg = _config()
    size = cfg["min_core_chars"]
    found = set()
    for start in range(len(name) - size + 1):
        for end in range(len(name), start + size - 1, -1):
            part = name[start:end]
            if cfg["core_re"].search(part) and not any(g in part for g in cfg["generic_cores"]):
                found.add(part)
    return found


def related_pairs(names: list[str]) -> list[tuple[str, str, str]]:
    """(name, name, shared core) for every two different names sharing a core, each pair once, sorted."""
    by_core: dict[str, set[str]] = defaultdict(set)
    for name in set(names):
        for core in _cores(name):
            by_core[core].add(name)
    pairs: dict[tuple[str, str], str] = {}
    for core, holders in by_core.items():
        for a in holders:
            for b in holders:
                if a < b and len(core) > len(pairs.get((a, b), "")):
                    pairs[(a, b)] = core
    return sorted((a, b, core) for (a, b), core in pairs.items())
