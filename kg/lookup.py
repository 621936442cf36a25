"""Names given to a query: any known variant finds its entity, and an unknown name gets the nearest names.

A named query's name parameter (``@zh-Hans`` default, kg.query) is matched by one exact label pattern. A user
may write a spelling no report used (法治政府建设实施纲要（2015–2020年）with another dash, 谁执法、谁普法) or a
synonym of the canonical name: such a value is read as the label the graph has (kg.resolve.canonical folds and
maps it the way keys are made). A name that matches no label in any spelling is an error that lists the
nearest labels (difflib), instead of an empty table that looks like "nothing there".
"""

from __future__ import annotations

import difflib

import pyoxigraph as ox

from kg.errors import QueryError
from kg.model import ENTITY_TYPES
from kg.namespace import PREFIXES
from kg.rdf.vocab import name_literal

_KNOWN = "ASK { ?entity skos:prefLabel|skos:altLabel ?name }"
_LABELS = "SELECT DISTINCT ?label WHERE { ?entity skos:prefLabel ?label ; dcterms:identifier ?key }"


class UnknownName(QueryError):
    """No entity has this name in any known spelling."""


def is_known(store: ox.Store, name: ox.Literal) -> bool:
    result = store.query(_KNOWN, use_default_graph_as_union=True, prefixes=PREFIXES,
                         substitutions={ox.Variable("name"): name})
    return bool(result)


def variants(text: str) -> list[str]:
    """Spellings of a name the graph may hold instead: folded, bare of list punctuation, a division's full name,
    canonical per type. Imported here: they load the gazetteer through kg.nlp (spaCy), which a name the graph
    has (the usual case) never needs."""
    from kg.nlp.rules.lexicon import load_gazetteer
    from kg.resolve.canonical import bare, canonical, fold

    full_place = load_gazetteer().short_names.get(text, "")  # 湖南 -> 湖南省, where a report never wrote 湖南
    found = [fold(text), bare(text), full_place, *(canonical(type_, text) for type_ in ENTITY_TYPES)]
    return [v for v in dict.fromkeys(found) if v and v != text]


def nearest_names(store: ox.Store, text: str, count: int = 5) -> list[str]:
    """The preferred labels closest to ``text``: those containing it or contained in it first, then by
    difflib's ratio."""
    labels = sorted({row[0].value for row in store.query(_LABELS, use_default_graph_as_union=True,
                                                            prefixes=PREFIXES)})
    from kg.resolve.canonical import fold  # after variants(): loaded already

    folded = fold(text)
    inside = [label for label in labels if folded in label or (len(label) > 1 and label in folded)]
    inside.sort(key=lambda label: (abs(len(label) - len(folded)), label))
    close = difflib.get_close_matches(folded, labels, n=count, cutoff=0.4)
    return list(dict.fromkeys([*close[:2], *inside, *close]))[:count]


def known_name(store: ox.Store, param: str, value: ox.Literal) -> ox.Literal:
    """``value`` if some entity is named so, else the first variant some entity is named by; UnknownName with
    the nearest names when there is none."""
    if is_known(store, value):
        return value
    for variant in variants(value.value):
        literal = name_literal(variant)
        if is_known(store, literal):
            return literal
    nearest = nearest_names(store, value.value)
    hint = f"; did you mean {', '.join(nearest)}?" if nearest else ""
    raise UnknownName(f"parameter {param!r}: no such entity {value.value!r}{hint}")
