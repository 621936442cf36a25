"""Scoring against gold annotations, with exactly the matching rules of ../shared/tools/score.py.

Per document and set-based: a predicted entity matches a gold entity of the same type when its normalised name
equals the gold name or any gold mention; a predicted relation matches when predicate, subject and object match
that way (predicted names also reach gold entities through the predicted entity's own mentions). Normalised:
Traditional -> Simplified, quotes, brackets and spaces stripped. Micro P/R/F1 per type, summed over documents.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import opencc

_STRIP = re.compile(r"[\s《》<>〈〉“”\"'‘’「」『』()（）]")


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def norm(text: str) -> str:
    """score.py's normalisation: Traditional -> Simplified, quotes, brackets and spaces stripped."""
    return _STRIP.sub("", _t2s().convert(text or ""))


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    entities: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    relations: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    report: dict[str, list[int]] = field(
        default_factory=lambda: {"author": [0, 0], "year": [0, 0], "place": [0, 0]}
    )

    @staticmethod
    def total(table: dict[str, Counts]) -> Counts:
        return Counts(*(sum(getattr(c, k) for c in table.values()) for k in ("tp", "fp", "fn")))


def score_document(gold: dict, pred: dict, scores: Scores) -> None:
    gents, pents = gold.get("entities", []), pred.get("entities", [])
    name_to_gold: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(gents):
        for key in {norm(g["name"])} | {norm(m) for m in g.get("mentions", [])}:
            name_to_gold[key].append(i)
    seen, matched = set(), set()
    for p in pents:
        key = (p.get("type", ""), norm(p.get("name", "")))
        if key in seen:
            continue
        seen.add(key)
        hits = [i for i in name_to_gold.get(key[1], []) if gents[i]["type"] == key[0]]
        if hits and not set(hits) & matched:
            scores.entities[key[0]].tp += 1
            matched.add(hits[0])
        elif not hits:
            scores.entities[key[0]].fp += 1
    for i, g in enumerate(gents):
        if i not in matched:
            scores.entities[g["type"]].fn += 1
    _score_relations(gold, pred, gents, pents, name_to_gold, scores)
    _score_report(gold, pred, scores)


def _score_relations(
    gold: dict, pred: dict, gents: list, pents: list, name_to_gold: dict, scores: Scores
) -> None:
    alias: dict[str, set[str]] = defaultdict(set)
    for p in pents:
        n = norm(p.get("name", ""))
        alias[n] |= {n} | {norm(m) for m in p.get("mentions", [])}

    def gold_ids(name: str) -> set[int]:
        return {i for k in alias.get(norm(name), {norm(name)}) for i in name_to_gold.get(k, [])}

    gold_id = {norm(g["name"]): i for i, g in enumerate(gents)}
    gold_rels = {
        (gold_id[norm(r["s"])], r["p"], gold_id[norm(r["o"])])
        for r in gold.get("relations", [])
        if norm(r["s"]) in gold_id and norm(r["o"]) in gold_id
    }
    found, seen = set(), set()
    for r in pred.get("relations", []):
        key = (norm(r.get("s", "")), r.get("p", ""), norm(r.get("o", "")))
        if key in seen:
            continue
        seen.add(key)
        candidates = {(s, key[1], o) for s in gold_ids(r.get("s", "")) for o in gold_ids(r.get("o", ""))}
        hit = (candidates & gold_rels) - found
        if hit:
            scores.relations[key[1]].tp += 1
            found.add(next(iter(hit)))
        elif not candidates & gold_rels:
            scores.relations[key[1]].fp += 1
    for rel in gold_rels - found:
        scores.relations[rel[1]].fn += 1


def _score_report(gold: dict, pred: dict, scores: Scores) -> None:
    for key, tally in scores.report.items():
        expected = (gold.get("report") or {}).get(key)
        if expected is None:
            continue
        got = (pred.get("report") or {}).get(key)
        tally[1] += 1
        tally[0] += int(got is not None and norm(str(expected)) == norm(str(got)))


def load_gold(gold_dir: Path) -> dict[str, dict]:
    """Gold files by document stem."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))}


def score(gold: dict[str, dict], predictions: dict[str, dict]) -> Scores:
    scores = Scores()
    for stem, gold_doc in gold.items():
        score_document(gold_doc, predictions.get(stem, {"entities": [], "relations": []}), scores)
    return scores


def evaluate_folder(
    gold_dir: str | Path, docs_dir: str | Path, statistical: bool = False, learned: bool = True
) -> Scores:
    """Extract the documents the gold files name (found in ``docs_dir``) and score them."""
    from kg.errors import InputError
    from kg.goldjson import to_gold_schema
    from kg.nlp import load_pipeline
    from kg.pipeline import extract_paths

    gold_dir, docs_dir = Path(gold_dir), Path(docs_dir)
    gold = load_gold(gold_dir)
    if not gold:
        raise InputError(gold_dir, "no gold .json files here")
    paths = []
    for stem, record in gold.items():
        path = docs_dir / record.get("doc", f"{stem}.txt")
        if not path.exists():
            raise InputError(path, f"document named by gold file {stem}.json not found (use --docs)")
        paths.append(path)
    nlp = load_pipeline(statistical=statistical, learned=learned)
    predictions = {ex.document.doc_id: to_gold_schema(ex) for ex in extract_paths(paths, nlp)}
    return score(gold, predictions)


def evaluate_split(
    split: str, statistical: bool = False, predictions_dir: Path | None = None, learned: bool = True
) -> dict[str, Scores]:
    """Extract the annotated documents of a split (train, dev, test; ``all``: each) from their records' own text
    and score them against the gold JSON derived from those records. Returns scores by split."""

    from kg.annotations import SPLITS, documents, load_split, record_files
    from kg.annotations import to_gold_schema as record_gold
    from kg.errors import InputError
    from kg.goldjson import to_gold_schema
    from kg.nlp import load_pipeline
    from kg.pipeline import extract_paths

    wanted = SPLITS if split == "all" else (split,)
    records = {k: v for s in wanted for k, v in load_split(s).items()}
    if not records:
        raise InputError(f"annotations/records ({split})", "no finished annotation records in this split")
    nlp = load_pipeline(statistical=statistical, learned=learned)
    with record_files(records) as files:
        predictions = {ex.document.doc_id: to_gold_schema(ex) for ex in extract_paths(files.values(), nlp)}
    if predictions_dir:
        predictions_dir.mkdir(parents=True, exist_ok=True)
        for doc_id in records:
            (predictions_dir / f"{doc_id}.json").write_text(
                json.dumps(predictions[doc_id], ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    docs = documents()
    by_split = {}
    for name in wanted:
        gold = {k: record_gold(r) for k, r in records.items() if docs[k].split == name}
        if gold:
            by_split[name] = score(gold, predictions)
    return by_split
