"""The rule layer: every family proposes candidate spans on the folded text; ``find_entities`` keeps a
consistent set (nested mentions allowed, crossing ones not)."""

from __future__ import annotations

from kg.nlp.rules.agencies import find_agencies
from kg.nlp.rules.laws import find_named_laws
from kg.nlp.rules.lexicon import load_lexicons
from kg.nlp.rules.persons import find_persons
from kg.nlp.rules.places import find_places
from kg.nlp.rules.platforms import find_organizations, find_platforms
from kg.nlp.rules.reforms import find_programmes_in_titles, find_quoted, find_unquoted_reforms
from kg.nlp.rules.shared_heads import find_shared_heads
from kg.nlp.rules.spans import Candidate, outermost, select
from kg.nlp.rules.titles import find_titles

__all__ = ["Candidate", "find_entities", "outermost"]


def find_entities(text: str) -> list[Candidate]:
    """All rule candidates on ``text`` (the document's folded view), resolved into a consistent set."""
    lex = load_lexicons()
    places = find_places(text, lex)
    titles = find_titles(text, lex)
    found = titles + find_quoted(text, lex) + places + find_programmes_in_titles(text, lex, titles)
    found += find_agencies(text, lex, places)
    found += find_named_laws(text) + find_shared_heads(text)
    found += find_platforms(text, lex) + find_organizations(text, lex, places) + find_unquoted_reforms(text, lex)
    found += find_persons(text, lex, found)
    return select(found)
