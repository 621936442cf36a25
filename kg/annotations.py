"""The in-domain annotation corpus: one record per document, spans with character offsets, and the checks.

A record (``annotations/records/<id>.json``) holds, as Prodigy and doccano write them, the document's ``text``,
its ``spans`` (``start``, ``end``, ``label`` and the ``entity`` they mention) and its ``relations`` (``head``,
``label``, ``child``, with the ``evidence`` quote that states it and its offsets), plus the entity table the
annotator keeps (type, canonical name, surface forms) and the report's author, year and place. Spans are
*projected* from the entity table: every occurrence of a listed surface form, less the occurrences the
annotator excluded (``exclude``: [start, end] pairs). The gold-schema JSON that ``../shared/tools/score.py``
reads is derived from a record by :func:`to_gold_schema`, never written by hand.

The schema (entity and relation types, which types a relation joins) is ../shared/gold/SCHEMA.md's, mirrored
by the ontology's domains and ranges.
"""

from __future__ import annotations

import csv
import hashlib
import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.errors import InputError
from kg.model import ENTITY_TYPES
from kg.model import RELATION_SIGNATURES as RELATION_TYPES

# a relation a name or the report frame states needs no quoted sentence
EVIDENCE_OPTIONAL = frozenset({"locatedIn", "subOrganizationOf"})
SPLITS = ("train", "dev", "test")
NAME_MARKS = "《》“”\"<>"  # quotes and title marks: a surface form may hold them, a canonical name never
ROOT = Path(__file__).resolve().parent.parent / "annotations"


@dataclass(frozen=True)
class Document:
    """A row of annotations/splits.tsv: which document, which split, what kind, where its text comes from."""

    id: str
    split: str
    kind: str
    source: str
    chars: int
    sha256: str


@cache
def documents(root: Path = ROOT) -> dict[str, Document]:
    path = root / "splits.tsv"
    if not path.is_file():
        raise InputError(path, "the annotation corpus is not here (it ships with a checkout, not with the package)")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return {r["id"]: Document(r["id"], r["split"], r["kind"], r["source"], int(r["chars"]), r["sha256"]) for r in rows}


def record_path(doc_id: str, root: Path = ROOT, second: bool = False) -> Path:
    """The record of a document; ``second`` is the independent second annotation kept for agreement."""
    return root / ("agreement" if second else "records") / f"{doc_id}.json"


def new_record(doc: Document, shared: Path, annotator: str) -> dict:
    """An empty record carrying the document's text exactly as its file decodes (offsets refer to it)."""
    data = (shared / doc.source).read_bytes()
    if hashlib.sha256(data).hexdigest() != doc.sha256:
        raise InputError(shared / doc.source, "file differs from the one annotations/splits.tsv was drawn from")
    return {
        "id": doc.id,
        "source": doc.source,
        "sha256": doc.sha256,
        "annotator": annotator,
        "status": "in progress",
        "report": {"author": None, "year": None, "place": None},
        "entities": [],
        "relations": [],
        "exclude": [],
        "spans": [],
        "text": data.decode("utf-8"),
    }


def load(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(path, f"not a readable annotation record ({exc})") from exc


def dump(record: dict) -> str:
    """Pretty JSON with one entity, relation or span a line, so a diff shows what an annotator changed."""
    lines = ["{"]
    keys = list(record)
    for i, key in enumerate(keys):
        value = record[key]
        comma = "," if i < len(keys) - 1 else ""
        if isinstance(value, list) and value:
            items = [json.dumps(v, ensure_ascii=False) for v in value]
            lines.append(f'  "{key}": [\n    ' + ",\n    ".join(items) + f"\n  ]{comma}")
        else:
            lines.append(f'  "{key}": {json.dumps(value, ensure_ascii=False)}{comma}')
    return "\n".join(lines) + "\n}\n"


def project(record: dict) -> list[str]:
    """Fill ``spans`` and the relations' evidence offsets from the entity table; returns the problems found.

    Every occurrence of a surface form is a span of its entity, unless excluded or inside a longer occurrence of
    the same entity (放管服 inside 放管服改革). Occurrences inside another entity's mention stay: 益阳市 inside
    益阳市司法局 is a nested span, as spancat reads them; a flat tagger keeps the outermost.
    """
    text = record["text"]
    excluded = {tuple(pair) for pair in record.get("exclude", [])}
    owner: dict[str, str] = {}
    problems: list[str] = []
    for entity in record["entities"]:
        for mention in entity.get("mentions", []):
            if mention in owner and owner[mention] != entity["name"]:
                problems.append(f"surface form {mention!r} is listed under {owner[mention]!r} and {entity['name']!r}")
            owner[mention] = entity["name"]
    types = {e["name"]: e["type"] for e in record["entities"]}
    found: list[tuple[int, int, str]] = []
    for mention, name in owner.items():
        start = text.find(mention)
        if start < 0:
            problems.append(f"surface form {mention!r} of {name!r} does not occur in the text")
        while start >= 0:
            if (start, start + len(mention)) not in excluded:
                found.append((start, start + len(mention), name))
            start = text.find(mention, start + 1)
    found.sort(key=lambda s: (s[0], -s[1]))
    spans: list[dict] = []
    for start, end, name in found:
        if any(s["entity"] == name and s["start"] <= start and end <= s["end"] for s in spans[-20:]):
            continue
        spans.append({"start": start, "end": end, "label": types[name], "entity": name})
    record["spans"] = spans
    for relation in record["relations"]:
        quote = relation.get("evidence")
        if not quote:
            continue
        start = relation.get("evidence_start")
        if start is None or text[start : start + len(quote)] != quote:
            start = text.find(quote)
        if start < 0:
            problems.append(f"evidence of {_triple(relation)} does not occur in the text: {quote!r}")
            relation.pop("evidence_start", None)
            relation.pop("evidence_end", None)
            continue
        relation["evidence_start"], relation["evidence_end"] = start, start + len(quote)
    return problems


def check(record: dict) -> list[str]:
    """What is wrong with a record: every problem a line, empty when it is sound."""
    problems: list[str] = []
    text = record.get("text", "")
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != record.get("sha256"):
        problems.append("text differs from the document it was drawn from (sha256)")
    names: dict[str, str] = {}
    for entity in record.get("entities", []):
        name, kind = entity.get("name", ""), entity.get("type")
        if kind not in ENTITY_TYPES:
            problems.append(f"entity {name!r}: type {kind!r} is not one of {', '.join(ENTITY_TYPES)}")
        if name in names:
            problems.append(f"entity {name!r} is listed twice")
        if any(q in name for q in NAME_MARKS):
            problems.append(f"entity {name!r}: canonical names carry no quotes or title marks")
        names[name] = kind
    spanned = {s["entity"] for s in record.get("spans", [])}
    for span in record.get("spans", []):
        if span["entity"] not in names:
            problems.append(f"span {span['start']}-{span['end']} names no listed entity ({span['entity']!r})")
        elif span["label"] != names[span["entity"]]:
            problems.append(f"span {span['start']}-{span['end']} is labelled {span['label']}, its entity is not")
        if not 0 <= span["start"] < span["end"] <= len(text):
            problems.append(f"span {span['start']}-{span['end']} lies outside the text")
    author = (record.get("report") or {}).get("author")
    for name in names:
        if name not in spanned and name != author:
            problems.append(f"entity {name!r} has no mention in the text")
    problems += _check_report(record.get("report") or {}, names)
    problems += _check_relations(record.get("relations", []), names, text)
    return problems


def _check_report(report: dict, names: dict[str, str]) -> list[str]:
    problems = []
    if report.get("author") not in names or names[report["author"]] not in ("Agency", "Organization"):
        problems.append(f"report author {report.get('author')!r} is not a listed Agency or Organization")
    place = report.get("place")
    if place is not None and names.get(place) != "Place":
        problems.append(f"report place {place!r} is not a listed Place")
    year = report.get("year")
    if year is not None and not (isinstance(year, int) and 1949 <= year <= 2100):
        problems.append(f"report year {year!r} is not a year")
    return problems


def _check_relations(relations: list[dict], names: dict[str, str], text: str) -> list[str]:
    problems, seen = [], set()
    for relation in relations:
        label, head, child = relation.get("label"), relation.get("head"), relation.get("child")
        triple = _triple(relation)
        if triple in seen:
            problems.append(f"relation {triple} is listed twice")
        seen.add(triple)
        if label not in RELATION_TYPES:
            problems.append(f"relation {triple}: {label!r} is not one of {', '.join(RELATION_TYPES)}")
            continue
        if head not in names or child not in names:
            problems.append(f"relation {triple}: both ends must be listed entities")
            continue
        heads, children = RELATION_TYPES[label]
        if names[head] not in heads or names[child] not in children:
            problems.append(f"relation {triple}: {label} joins {'/'.join(sorted(heads))} to "
                            f"{'/'.join(sorted(children))}, not {names[head]} to {names[child]}")
        if label not in EVIDENCE_OPTIONAL and not relation.get("evidence"):
            problems.append(f"relation {triple}: quote the words that state it (evidence)")
        start, end = relation.get("evidence_start"), relation.get("evidence_end")
        if relation.get("evidence") and (start is None or text[start:end] != relation["evidence"]):
            problems.append(f"relation {triple}: evidence offsets do not match its quote (run project)")
    return problems


def _triple(relation: dict) -> str:
    return f"({relation.get('head')} {relation.get('label')} {relation.get('child')})"


def to_gold_schema(record: dict, doc: Document | None = None) -> dict:
    """The record as ../shared/gold/SCHEMA.md's JSON: what score.py and ``kg eval`` read."""
    mentions: dict[str, set[str]] = {e["name"]: set() for e in record["entities"]}
    for span in record["spans"]:
        mentions[span["entity"]].add(record["text"][span["start"] : span["end"]])
    return {
        "doc": Path(record["source"]).name,
        "report": dict(record["report"]),
        "entities": [
            {"type": e["type"], "name": e["name"], "mentions": sorted(mentions[e["name"]])}
            for e in record["entities"]
        ],
        "relations": [{"s": r["head"], "p": r["label"], "o": r["child"]} for r in record["relations"]],
    }


def unread_train_ids(root: Path = ROOT) -> frozenset[str]:
    """The train records no rule was written reading (annotations/unread_train.tsv), which training weights up."""
    path = root / "unread_train.tsv"
    if not path.is_file():
        return frozenset()
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    return frozenset(row[0] for row in rows if row[0] != "id")


def record_weights(records: dict[str, dict], unread_weight: int, root: Path = ROOT) -> dict[str, int]:
    """How many times each record counts in training: ``unread_weight`` for the unread train records, 1 for the
    rest. Why: on records the rules were written reading, their spans are right more often than on unseen text, and
    layers trained only on those learn to trust the rules more than they deserve (decisions §82, §83)."""
    unread = unread_train_ids(root)
    return {doc_id: unread_weight if doc_id in unread else 1 for doc_id in records}


def load_split(split: str, root: Path = ROOT) -> dict[str, dict]:
    """The finished records (status ``done``) of a split (``all`` for every split), by document id."""
    wanted = SPLITS if split == "all" else (split,)
    records = {}
    for doc in documents(root).values():
        path = record_path(doc.id, root)
        if doc.split in wanted and path.exists():
            record = load(path)
            if record.get("status") == "done":
                records[doc.id] = record
    return records


def agreement(root: Path = ROOT):
    """Inter-annotator agreement: each finished second annotation scored against the first, as score.py scores
    a system (entity and relation F1 are symmetric in which one is taken as gold)."""
    from kg.evaluate import score

    first, second = {}, {}
    for path in sorted((root / "agreement").glob("*.json")):
        other = load(path)
        mine = record_path(path.stem, root)
        if other.get("status") == "done" and mine.exists() and load(mine).get("status") == "done":
            first[path.stem] = to_gold_schema(load(mine))
            second[path.stem] = to_gold_schema(other)
    return score(first, second), sorted(first)


@contextmanager
def record_files(records: dict[str, dict]) -> Iterator[dict[str, Path]]:
    """The records' texts as files named as their sources, by document id: ingest reads them exactly as it reads
    the originals (the text is the file's decoded bytes), so offsets and document ids are the records'."""
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for doc_id, record in records.items():
            path = Path(tmp) / Path(record["source"]).name
            path.write_bytes(record["text"].encode("utf-8"))
            files[doc_id] = path
        yield files
