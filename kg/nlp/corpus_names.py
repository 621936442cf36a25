"""Corpus-level consistency in recognition: a name the pipeline recognises in many reports of the corpus, and in
most of the reports that write it, is recognised where a report writes it and nothing else was recognised over
it (kg/resources/ner/mined_entities.tsv, mined from the unannotated Hebei documents by
tools/mine_entity_lexicon.py). The added mentions carry the rule id ``corpus.mined_entities``; the entity
verifier (kg/resolve/verify.py) then decides on them as on every other entity."""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Span
from spacy.util import filter_spans

from kg.ingest.genre import is_report

SOURCE = "corpus.mined_entities"


@cache
def confident_names(lexicon: str, min_documents: int, min_share: float) -> tuple[re.Pattern[str], dict[str, str]]:
    """The lexicon's forms recognised in at least ``min_documents`` documents and in at least ``min_share`` of the
    documents writing them, with their type (the type recognised in most documents where a form has several).

    A reform the rules refuse whoever found it (kg.nlp.rules.reforms.is_generic_reform: 四个意识, 五位一体, 回避制度)
    is left out too: the lexicon was mined before those refusals, and this pass runs after the model's spans were
    held to them (decisions §46)."""
    from kg.nlp.rules.lexicon import alternation
    from kg.nlp.rules.reforms import is_generic_reform
    from kg.resources import read_tsv

    best: dict[str, tuple[int, str]] = {}
    for form, kind, documents, _, _, occurs in read_tsv(lexicon, columns=6):
        count = int(documents)
        if count >= min_documents and count >= min_share * int(occurs) and count > best.get(form, (0, ""))[0]:
            best[form] = (count, kind)
    types = {form: kind for form, (_, kind) in best.items() if kind != "Reform" or not is_generic_reform(form)}
    return re.compile(alternation(sorted(types), dispatch=True)), types


class CorpusNames:
    """Adds a span for every confident corpus name written where no span of the document lies; in a report, none
    of ``report_types_left_out``: the names are what the Hebei departments' plans and notices recognise, and the
    reports (other provinces and levels) name those practices in passing (decisions §52)."""

    def __init__(self, name: str, lexicon: str, min_documents: int, min_share: float,
                 report_types_left_out: list[str] | None = None) -> None:
        self.name, self.settings = name, (lexicon, min_documents, min_share)
        self.report_types_left_out = frozenset(report_types_left_out or ())

    def __call__(self, doc):
        from kg.nlp.components import SPAN_KEY, doc_text

        pattern, types = confident_names(*self.settings)
        text = doc_text(doc)
        left_out = self.report_types_left_out if is_report(text) else frozenset()
        spans = list(doc.spans.get(SPAN_KEY, []))
        covered = bytearray(len(doc) + 1)
        for span in spans:
            covered[span.start : span.end] = b"\x01" * (span.end - span.start)
        added = [Span(doc, m.start(), m.end(), label=types[m.group()], span_id=SOURCE)
                 for m in pattern.finditer(text)
                 if types[m.group()] not in left_out and not any(covered[m.start() : m.end()])]
        if added:
            doc.spans[SPAN_KEY] = sorted([*spans, *added], key=lambda s: (s.start, -len(s)))
            doc.ents = filter_spans(doc.spans[SPAN_KEY])
        return doc


@Language.factory(
    "govkg_corpus_names",
    default_config={"lexicon": "ner/mined_entities.tsv", "min_documents": 2, "min_share": 0.7,
                    "report_types_left_out": []},
)
def make_corpus_names(nlp: Language, name: str, lexicon: str, min_documents: int, min_share: float,
                      report_types_left_out: list[str]) -> CorpusNames:
    return CorpusNames(name, lexicon, min_documents, min_share, report_types_left_out)
