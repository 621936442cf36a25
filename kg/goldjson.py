"""Extractions in the gold annotation schema (../shared/gold/SCHEMA.md): report, entities, relations.

This is what ``kg extract`` writes and what ``kg eval`` scores: the same JSON a hand annotator writes.
"""

from __future__ import annotations

from kg.model import Extraction


def to_gold_schema(extraction: Extraction) -> dict:
    names = {entity.key: entity.name for entity in extraction.entities}
    entities = [
        {"type": e.type, "name": e.name, "mentions": sorted({m.text for m in e.mentions})}
        for e in sorted(extraction.entities, key=lambda e: (e.type, e.name))
    ]
    relations = [
        {"s": names[r.subject], "p": r.predicate, "o": names[r.object]}
        for r in sorted(extraction.relations, key=lambda r: (r.predicate, r.subject, r.object))
        if r.subject in names and r.object in names
    ]
    report = extraction.report
    return {
        "doc": extraction.document.path.rsplit("/", 1)[-1],
        "report": {"author": report.author_name, "year": report.year, "place": report.place_name},
        "entities": entities,
        "relations": relations,
    }
