"""spaCy components of the govkg pipeline, registered by factory name (see pipeline.cfg)."""

from __future__ import annotations

from spacy.attrs import ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.nlp.rules import find_entities
from kg.nlp.tokenizer import TEXT_KEY

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
        # False when a later component sets doc.ents from the spans anyway (the learned layer, which always does):
        # the rules' own doc.ents took 0.85 CPU s a Hebei pass, overwritten whole (outside tokens reset to O)
        self.set_ents = True

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        text = doc_text(doc)
        one_per_char = len(doc) == len(text)  # the char tokenizer: token i is character i
        for cand in find_entities(text):
            if one_per_char and 0 <= cand.start < cand.end <= len(text):
                span = Span(doc, cand.start, cand.end, label=cand.label, kb_id=cand.kb_id, span_id=cand.rule)
            else:
                span = doc.char_span(cand.start, cand.end, label=cand.label, kb_id=cand.kb_id, span_id=cand.rule)
            if span is None:
                continue
            span._.confidence = cand.confidence
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        if self.set_ents:
            doc.ents = filter_spans(spans)
        return doc



def doc_text(doc: Doc) -> str:
    """``doc.text``: the text the char tokenizer kept (joining 4.8 M characters back took 0.6 CPU s, and three
    components ask), else read from the token array (``doc.text`` makes a Token object per character, which took
    a third as long as all the rules). A kept text is used only when it has one character per token: spaCy copies
    user_data into docs made of a span or of several docs, whose token count then differs."""
    kept = doc.user_data.get(TEXT_KEY)
    if isinstance(kept, str) and len(kept) == len(doc):
        return kept
    rows = doc.to_array([ORTH, SPACY])
    if len(rows) == 0 or rows[:, 1].any():
        return doc.text  # tokens with trailing spaces (another tokenizer): let spaCy join them
    strings = doc.vocab.strings
    chars = {orth: strings[orth] for orth in set(rows[:, 0].tolist())}
    return "".join([chars[orth] for orth in rows[:, 0].tolist()])


@Language.factory("govkg_rules")
def make_rule_recognizer(nlp: Language, name: str) -> RuleRecognizer:
    return RuleRecognizer(name)


@Language.factory("govkg_learned_entities")
def make_learned_entities(nlp: Language, name: str):
    from kg.nlp.crf import LearnedEntityLayer

    return LearnedEntityLayer(name)
