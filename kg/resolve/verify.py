"""The entity verifier: after resolution, one decision per entity of a report — is this a named thing the genre's
annotators would record, or a descriptive phrase (加强监督机制), a kind of thing (创新平台), a piece of a longer
name? The span taggers decide one character at a time and see a few characters around; the verifier sees the whole
entity at once: its name's head and first characters, how often and where the report names it, whether it is
quoted or bracketed, which rules or model found it, the words before and after each mention. A logistic
regression over those features (kg/linear.py), trained by ``kg train`` on the annotation corpus's train records
extracted out of fold (kg/resolve/verify_train.py), keeps an entity when its probability reaches its type's
threshold; the report's author and place are always kept. Reports (a title saying 报告, or a body pasted
without one) keep every entity but those only the corpus's names added (kg/nlp/corpus_names.py), as they keep
the rules' relations: the verifier learned from plans, notices and rules, and on the rule-of-law reports of
../shared/gold it dropped the reports' own working groups and committees (entity F1 0.926 -> 0.852 there).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from pathlib import Path

from kg.ingest.genre import is_report
from kg.linear import HashedLogistic
from kg.model import Document, Entity, Report
from kg.resources import read_yaml

MODEL = "entity_verifier"
_COORDINATION = re.compile("[、和与及并]")
_OPEN, _CLOSE = "“《〈<「『\"", "”》〉>」』\""


@cache
def load_verifier(learned: Path) -> HashedLogistic | None:
    """The verifier beside the other learned layers, or None where it was not trained (older weights)."""
    if not (learned / MODEL / f"{MODEL}.npz").exists():
        return None
    return HashedLogistic.load(learned / MODEL, MODEL)


def _bucket(value: int, edges: tuple[int, ...]) -> int:
    return sum(value > edge for edge in edges)


def entity_features(entity: Entity, document: Document, title_end: int) -> list[str]:
    """What the verifier reads of one entity; every feature is also conjoined with the entity's type."""
    text, name, mentions = document.text, entity.name, entity.mentions
    own = [
        f"len={_bucket(len(name), (3, 5, 7, 10, 15))}",
        f"count={_bucket(len(mentions), (1, 2, 4, 8))}",
        f"h1={name[-1:]}", f"h2={name[-2:]}", f"h3={name[-3:]}",
        f"f1={name[:1]}", f"f2={name[:2]}",
        f"global={'@' not in entity.key}",
        f"coordination={bool(_COORDINATION.search(name))}",
        f"digits={any(c.isdigit() for c in name)}",
        f"intitle={any(m.start < title_end for m in mentions)}",
        f"forms={_bucket(len({m.norm for m in mentions}), (1, 2))}",
    ]
    own += [f"src={s}" for s in sorted({m.source for m in mentions})]
    own += [f"srcfam={s}" for s in sorted({m.source.split(".")[0] for m in mentions})]
    own.append(f"kb={any(m.kb_id for m in mentions)}")
    quoted = bracketed = False
    for mention in mentions[:6]:
        before, after = text[max(0, mention.start - 2) : mention.start], text[mention.end : mention.end + 2]
        own += [f"b2={before}", f"b1={before[-1:]}", f"a1={after[:1]}", f"a2={after}"]
        quoted |= before[-1:] in tuple(_OPEN) or after[:1] in tuple(_CLOSE)
        bracketed |= before.endswith("《")
    own += [f"quoted={quoted}", f"bracketed={bracketed}"]
    return own + [f"{entity.type}|{feature}" for feature in own] + [f"type={entity.type}"]


def title_end_of(document: Document) -> int:
    text = document.text
    line = text.find("\n")
    return min(len(text), 160, line if line > 0 else 160)


def decided(document: Document, entities: list[Entity], report: Report) -> list[tuple[Entity, list[str]]]:
    """The entities the verifier decides on, with their features: every entity named in the text but the report's
    author and place and the places acting in a list's items (47.浙江省衢州市深化…: the list names who acts; dropped,
    its acts fell to the list's author), which are always kept (the same set at training and at run time)."""
    keep_always, title_end = {report.author, report.place}, title_end_of(document)
    return [(e, entity_features(e, document, title_end)) for e in entities
            if e.mentions and e.key not in keep_always and not _acts_in_list(e)]


def _corpus_only(entity: Entity) -> bool:
    from kg.nlp.corpus_names import SOURCE

    return all(m.source == SOURCE for m in entity.mentions)


def _acts_in_list(entity: Entity) -> bool:
    """Named by a rule whose spans stand over the learned layers (crf_features.yaml rules_over_model: a place
    acting in a list's item, the names of a composition or contact list): too rare in the corpus to learn."""
    from kg.nlp.crf import _overrides

    standing = _overrides("rules_over_model")
    return any(m.source in standing for m in entity.mentions)


def verify_entities(
    document: Document,
    entities: list[Entity],
    key_of: dict[int, str],
    report: Report,
    learned: Path,
) -> tuple[list[Entity], dict[int, str]]:
    """Drop the entities the verifier rejects, and their mentions' keys (relations then skip them)."""
    model = load_verifier(learned)
    if model is None:
        return entities, key_of
    scored = decided(document, entities, report)
    if is_report(document.norm):  # reports keep what the rules and the CRF found (the module docstring), not
        scored = [(e, f) for e, f in scored if _corpus_only(e)]  # what only the corpus's names added
    probabilities = model.probabilities([features for _, features in scored])
    thresholds = model.meta.get("thresholds", {})
    rejected = {
        e.key for (e, _), p in zip(scored, probabilities, strict=True) if p < thresholds.get(e.type, 0.0)
    }
    entities, key_of, rejected = _retyped(document, entities, key_of, rejected, model, thresholds, report)
    if not rejected:
        return entities, key_of
    return ([e for e in entities if e.key not in rejected],
            {i: k for i, k in key_of.items() if k not in rejected})


def _law_by_name(name: str) -> bool:
    """A statute by its name (…法, kg.nlp.rules.titles ranks), which no verifier retypes: SCHEMA makes every 法 a
    Law. (Amending decisions are left to the verifier: the annotators type them either way.)"""
    from kg.nlp.rules.titles import title_type

    return title_type(name)[1] == "law"


@cache
def _retype_config() -> tuple[dict[str, str], int]:
    """crf_features.yaml's verifier_retypes (Law>PolicyDocument: the type rejected > the type scored instead) and
    verifier_retype_min_chars (no shorter title is retyped)."""
    config = read_yaml("nlp/crf_features.yaml")
    return dict(pair.split(">") for pair in config["verifier_retypes"]), int(config["verifier_retype_min_chars"])


def _retyped(
    document: Document, entities: list[Entity], key_of: dict[int, str], rejected: set[str],
    model: HashedLogistic, thresholds: dict, report: Report,
) -> tuple[list[Entity], dict[int, str], set[str]]:
    """A title rejected as one type is scored as the other (crf_features.yaml verifier_retypes: a Law the annotators
    record as a PolicyDocument, 《河北省省级科技计划专项经费管理办法》 of a department): the verifier learned to reject
    the type the rules or the model gave, not the name; it is kept with the type it accepts."""
    retypes, shortest = _retype_config()
    wanted = [e for e in entities if e.key in rejected and e.type in retypes and len(e.name) >= shortest
              and not _law_by_name(e.name)]
    if not wanted:
        return entities, key_of, rejected
    title_end = title_end_of(document)
    others = [replace(e, type=retypes[e.type], key=f"{retypes[e.type]}/{e.key.split('/', 1)[1]}") for e in wanted]
    scores = model.probabilities([entity_features(e, document, title_end) for e in others])
    existing = {e.key for e in entities}
    moved: dict[str, str] = {}
    added = []
    for old, new, p in zip(wanted, others, scores, strict=True):
        if p >= thresholds.get(new.type, 0.0) and new.key != report.author:
            moved[old.key] = new.key
            if new.key not in existing:
                added.append(new)
                existing.add(new.key)
    if not moved:
        return entities, key_of, rejected
    entities = [e for e in entities if e.key not in moved] + added
    return entities, {i: moved.get(k, k) for i, k in key_of.items()}, rejected - set(moved)
