"""One report made of a few real sentences, extracted: for the rules that read a report's frame and clauses."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import ingest
from kg.model import Extraction, Mention
from kg.nlp.pipeline import load_pipeline
from kg.nlp.rules import find_entities
from kg.nlp.rules.lexicon import load_lexicons
from kg.nlp.rules.reforms import find_quoted
from kg.pipeline import extract_document
from kg.relations.clauses import Ref


def extract_text(tmp_path: Path, text: str, learned: bool = False) -> Extraction:
    """The extraction of a report whose text is ``text`` (seed and corpus sentences, with a title or signature),
    by the rule layer unless ``learned``: the rule tests pin the rules, which the learned layers read."""
    (tmp_path / "report.txt").write_text(text, encoding="utf-8")
    return extract_document(ingest(tmp_path / "report.txt"), load_pipeline(learned=learned))


def relation_pairs(extraction: Extraction, predicate: str) -> set[tuple[str, str]]:
    """(subject name, object name) of the extraction's ``predicate`` relations."""
    names = {e.key: e.name for e in extraction.entities}
    return {(names[r.subject], names[r.object]) for r in extraction.relations if r.predicate == predicate}


def rule_spans(text: str, label: str) -> set[str]:
    """The texts of the rule layer's candidates of type ``label`` on ``text``."""
    return {text[c.start : c.end] for c in find_entities(text) if c.label == label}


def quoted_reforms(text: str) -> dict[str, str]:
    """Quoted-name rule candidates typed Reform on ``text``: the span without its quotes -> the canonical name."""
    return {text[c.start : c.end].replace("“", "").replace("”", ""): c.kb_id for c in find_quoted(text, load_lexicons())
            if c.label == "Reform"}


def named_ref(text: str, name: str, label: str, after: str) -> Ref:
    """A candidate reference to the first ``name`` written after ``after`` in ``text``, as the relation layer holds
    one (for its per-candidate tests)."""
    start = text.index(after) + text[text.index(after) :].index(name)
    return Ref(Mention(start, start + len(name), label, name, name, "test"), f"{label}/{name}")
