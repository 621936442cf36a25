"""Speed-ups of recognition that must not change its output (docs/decisions.md 45): the CRF's emissions from dense
tables, and the text the char tokenizer keeps for the components."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import ingest
from kg.nlp import load_pipeline
from kg.nlp.components import SPAN_KEY, doc_text
from kg.nlp.crf import RuleSpan, feature_keys

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def test_crf_emissions_from_dense_tables_equal_the_key_matrix_ones(nlp) -> None:
    """Real reports with their rule spans: the emissions read from the dense tables (character unigrams and
    bigrams remapped, rule tags, cues) are the hash table's emissions of the full key matrix, bit for bit."""
    model = nlp.get_pipe("govkg_learned_entities").model
    assert {1, 6, 9, 16, 28, 31} <= set(model._dense) and not {10, 11, 12} & set(model._dense)
    rules = nlp.get_pipe("govkg_rules")
    compared = 0
    for path in SEEDS[:6]:
        text = ingest(path).norm + "\U0001f600 Ｚ"  # characters no key has, one past 16 bits
        doc = rules(nlp.make_doc(text))
        spans = [RuleSpan(s.start_char, s.end_char, s.label_, s.id_) for s in doc.spans[SPAN_KEY]]
        expected = model.emissions(feature_keys(text, spans))
        assert model.text_emissions(text, spans).tobytes() == expected.tobytes()
        compared += len(text)
    assert compared > 20_000


def test_doc_text_is_the_tokenized_text_and_not_a_copied_one(nlp) -> None:
    """The char tokenizer keeps the report's text for the components; a doc made of a span copies user_data, and
    doc_text then reads the span's own characters."""
    text = ingest(SEEDS[0]).norm
    doc = nlp.make_doc(text)
    assert doc_text(doc) is doc.user_data["govkg.text"] and doc_text(doc) == doc.text == text
    part = doc[5:40].as_doc(copy_user_data=True)
    assert part.user_data["govkg.text"] == text and doc_text(part) == text[5:40]


def test_alternation_in_buckets_matches_as_the_plain_list() -> None:
    """The corpus names (2,827 forms, 800 first characters) and the mined quotes over real reports: the pattern
    with its branch lists in buckets finds exactly the plain alternation's matches, and is built of buckets."""
    import re

    from kg.nlp.corpus_names import confident_names
    from kg.nlp.crf import _mined
    from kg.nlp.rules.lexicon import alternation

    text = "\n".join(ingest(path).norm for path in SEEDS)
    for pattern, forms in (confident_names("ner/mined_entities.tsv", 2, 0.7), _mined()):
        assert "(?=[" in pattern.pattern
        plain = re.compile(alternation(sorted(forms)))
        found = [m.span() for m in pattern.finditer(text)]
        assert found == [m.span() for m in plain.finditer(text)] and len(found) > 100


def test_rules_leave_doc_ents_to_the_learned_layer_which_sets_the_same(nlp) -> None:
    """In the learned pipeline the rules do not set doc.ents (the learned layer sets them from every span, and
    resets the tokens outside them): a real report's entities are those of the same pipeline whose rules do."""
    from kg.nlp.pipeline import load_pipeline

    text = ingest(SEEDS[1]).norm
    rules = nlp.get_pipe("govkg_rules")
    assert rules.set_ents is False and not rules(nlp.make_doc(text)).ents
    assert load_pipeline(learned=False).get_pipe("govkg_rules").set_ents is True
    expected = [(e.start, e.end, e.label_, e.kb_id_, e.id_) for e in nlp(text).ents]
    iob = [t.ent_iob_ for t in nlp(text)]
    try:
        rules.set_ents = True
        doc = nlp(text)
        assert [(e.start, e.end, e.label_, e.kb_id_, e.id_) for e in doc.ents] == expected and len(expected) > 20
        assert [t.ent_iob_ for t in doc] == iob
    finally:
        rules.set_ents = False
