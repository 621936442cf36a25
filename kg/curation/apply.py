"""Apply the curator's decisions to one report's Extraction, between extraction and RDF (kg.build.build_report).

Identity first, then content: merges and renames (in file order), then rejections, then acceptances. A name
matches an entity by its key, its preferred name or the name in its key (Traditional folded to Simplified), never
by an alias alone: 市行政审批局 is an alias of the bureaus of two cities, and a merge must not take both
(``kg curate`` turns an alias into the key it denotes, and refuses one that denotes several).
Each decision that changes or confirms something in the report is returned as ``Applied`` with the entities and
facts it touched, which kg.rdf.curation attributes to the curator. A decision that matches nothing here leaves
the report as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.curation.file import Decision
from kg.ingest import fold
from kg.model import ENTITY_TYPES, RELATION_SIGNATURES, Entity, Evidence, Extraction, Relation
from kg.rdf.iri import split_key

ORDER = ("merge", "rename", "reject", "accept")
ACCEPT_RULE = "curation.accept"  # the rule named by the evidence of a fact a curator added


@dataclass(slots=True)
class Applied:
    decision: Decision
    entities: set[str] = field(default_factory=set)  # Entity.keys the decision changed or confirmed
    facts: set[tuple[str, str, str]] = field(default_factory=set)  # (subject key, predicate, object key)


def apply_curation(extraction: Extraction, decisions: tuple[Decision, ...] | list[Decision]
                   ) -> tuple[Extraction, list[Applied]]:
    """``extraction`` with the decisions that concern it applied (changed in place), and what each did."""
    applied = []
    doc_id = extraction.document.doc_id
    for action in ORDER:
        for decision in decisions:
            if decision.action == action and decision.report in ("", doc_id):
                done = _APPLY[action](extraction, decision)
                if done is not None:
                    applied.append(done)
    return extraction, applied


def find_entities(extraction: Extraction, name: str) -> list[Entity]:
    """The entities ``name`` names: by key or preferred name (the class fixed by a key prefix)."""
    type_, sep, rest = name.partition("/")
    wanted_type = type_ if sep and type_ in ENTITY_TYPES else None
    wanted = fold(rest if wanted_type else name)
    return [e for e in extraction.entities if wanted_type in (None, e.type)
            and (e.key == name or wanted in (e.name, fold(split_key(e.key)[1])))]


def _merge(x: Extraction, d: Decision) -> Applied | None:
    sources = find_entities(x, d.subject)
    if not sources:
        return None
    done = Applied(d)
    for source in sources:
        targets = [e for e in find_entities(x, d.object) if e.type == source.type and e is not source]
        if targets:
            target = targets[0]
            target.mentions += source.mentions
            target.aliases |= source.aliases | {source.name}
            for key, value in source.attributes.items():
                target.attributes.setdefault(key, value)
            x.entities.remove(source)
        else:  # the entity kept is not in this report: the source takes its key and name
            key = d.object if d.object.partition("/")[0] in ENTITY_TYPES else f"{source.type}/{fold(d.object)}"
            target = Entity(key, split_key(key)[0], split_key(key)[1], source.mentions,
                            source.aliases | {source.name}, source.attributes, source.merges)
            x.entities[x.entities.index(source)] = target
        _rekey(x, source.key, target.key, target.name)
        done.entities.add(target.key)
        done.facts |= {(r.subject, r.predicate, r.object) for r in x.relations if target.key in (r.subject, r.object)}
    return done


def _rename(x: Extraction, d: Decision) -> Applied | None:
    found = find_entities(x, d.subject)
    for entity in found:
        entity.aliases.add(entity.name)
        entity.name = fold(d.object)
        entity.attributes["curatedName"] = entity.name  # the graph's preferred label, over the key's canonical name
        entity.aliases.discard(entity.name)
        if x.report.author == entity.key:
            x.report.author_name = entity.name
        if x.report.place == entity.key:
            x.report.place_name = entity.name
    return Applied(d, {e.key for e in found}) if found else None


def _reject(x: Extraction, d: Decision) -> Applied | None:
    if d.predicate:
        subjects = {e.key for e in find_entities(x, d.subject)}
        objects = {e.key for e in find_entities(x, d.object)}
        kept = [r for r in x.relations
                if not (r.subject in subjects and r.predicate == d.predicate and r.object in objects)]
        if len(kept) == len(x.relations):
            return None
        x.relations = kept
        return Applied(d)
    found = {e.key for e in find_entities(x, d.subject)}
    if not found:
        return None
    x.entities = [e for e in x.entities if e.key not in found]
    x.relations = [r for r in x.relations if r.subject not in found and r.object not in found]
    for metric in x.metrics:
        metric.subject = None if metric.subject in found else metric.subject
        metric.about = [key for key in metric.about if key not in found]
    if x.report.author in found:
        x.report.author = x.report.author_name = None
    if x.report.place in found:
        x.report.place = x.report.place_name = None
    return Applied(d)


def _accept(x: Extraction, d: Decision) -> Applied | None:
    subjects, objects = find_entities(x, d.subject), find_entities(x, d.object)
    domain, range_ = RELATION_SIGNATURES[d.predicate]
    pairs = [(s.key, o.key) for s in subjects for o in objects if s.type in domain and o.type in range_]
    found = {(r.subject, r.predicate, r.object) for r in x.relations
             if (r.subject, r.object) in pairs and r.predicate == d.predicate}
    if found:
        return Applied(d, facts=found)
    if not pairs or not d.quote:
        return None
    document = x.document
    start = document.text.find(d.quote)
    if start < 0:
        start = document.norm.find(fold(d.quote))
    if start < 0:
        return None
    end = start + len(d.quote)
    status = document.status_at(start)
    subject, object_ = pairs[0]
    evidence = Evidence(document.sentence_at(start), start, end, ACCEPT_RULE, 1.0, status)
    x.relations.append(Relation(subject, d.predicate, object_, [evidence], status))
    return Applied(d, facts={(subject, d.predicate, object_)})


def _rekey(x: Extraction, old: str, new: str, name: str) -> None:
    """Every reference to ``old`` made to ``new``; facts that became the same are one, with all their evidence."""
    merged: dict[tuple[str, str, str], Relation] = {}
    for relation in x.relations:
        relation.subject = new if relation.subject == old else relation.subject
        relation.object = new if relation.object == old else relation.object
        if relation.subject == relation.object:  # 'A subOrganizationOf B' once A is B
            continue
        key = (relation.subject, relation.predicate, relation.object)
        if key in merged:
            seen = {(e.start, e.end, e.rule) for e in merged[key].evidence}
            merged[key].evidence += [e for e in relation.evidence if (e.start, e.end, e.rule) not in seen]
        else:
            merged[key] = relation
    x.relations = list(merged.values())
    for metric in x.metrics:
        metric.subject = new if metric.subject == old else metric.subject
        metric.about = list(dict.fromkeys(new if key == old else key for key in metric.about))
    if x.report.author == old:
        x.report.author, x.report.author_name = new, name
    if x.report.place == old:
        x.report.place, x.report.place_name = new, name


_APPLY = {"merge": _merge, "rename": _rename, "reject": _reject, "accept": _accept}
