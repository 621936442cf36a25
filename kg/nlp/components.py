"""spaCy components of the govkg pipeline, registered by factory name (see pipeline.cfg)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.nlp.rules import find_entities

SPAN_KEY = "govkg"

if not Span.has_extension("confidence"):
    Span.set_extension("confidence", default=1.0)


class RuleRecognizer:
    """Runs the rule families (kg/nlp/rules, data in kg/resources/ner) over the folded text.

    All mentions, nested ones included, go to ``doc.spans["govkg"]`` with the rule in ``span.id_`` and the
    rule's canonical hint in ``span.kb_id_``; the outermost layer also becomes ``doc.ents``.
    """

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for cand in find_entities(doc.text):
            span = doc.char_span(cand.start, cand.end, label=cand.label, kb_id=cand.kb_id, span_id=cand.rule)
            if span is None:
                continue
            span._.confidence = cand.confidence
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        doc.ents = filter_spans(spans)
        return doc


@Language.factory("govkg_rules")
def make_rule_recognizer(nlp: Language, name: str) -> RuleRecognizer:
    return RuleRecognizer(name)
