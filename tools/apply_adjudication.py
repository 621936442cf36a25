"""Apply a cross-document adjudication of Reform names to the train records (annotations/adjudication/).

Different annotators recorded the same name in one document and not in the next (专精特新 in 3 train documents, left
out in 12). ``reform_variation_verdicts.tsv`` holds one verdict per (name, train document) where they disagreed,
made by one adjudicator for every document under SCHEMA.md: ``reform`` (record it), ``not_reform`` (do not),
``longer`` (a longer name is the right entry: left as it is here) or ``unsure``. This script brings each train
record into line with its verdicts:

- a name judged ``reform`` that the record does not list becomes a surface form of the record's Reform of the same
  name (quotes aside), or a new Reform; no relation is added (the adjudication judged names, not who acts);
- a name judged ``not_reform`` that the record lists as a Reform's surface form leaves that entity, and a Reform of
  that very name loses every form (信息共享 recorded from 信息共享制度); an entity left without surface forms leaves
  the table with its relations.

Then every changed record is projected again (kg.annotations.project) and must pass ``check``. Only train records
are touched: dev and the locked test are scored as their annotators left them.

    .venv/bin/python tools/apply_adjudication.py [--dry-run]
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.annotations import NAME_MARKS, check, dump, load, load_split, project  # noqa: E402
from kg.annotations import ROOT as ANNOTATIONS  # noqa: E402

VERDICTS = ANNOTATIONS / "adjudication" / "reform_variation_verdicts.tsv"


def unquoted(name: str) -> str:
    """The canonical name: a surface form without its quotes and title marks (“公务卡”结算 -> 公务卡结算)."""
    return "".join(c for c in name if c not in NAME_MARKS)


def apply(record: dict, verdicts: list[dict]) -> list[str]:
    """Change ``record``'s entity table after ``verdicts`` (its own); returns what changed, one line each."""
    changes: list[str] = []
    entities = record["entities"]
    emptied: list[dict] = []  # the Reforms these verdicts leave without a surface form
    for verdict in verdicts:
        name, listed = verdict["name"], verdict["recorded"] == "true"
        reforms = [e for e in entities if e["type"] == "Reform"]
        if verdict["verdict"] == "reform" and not listed:
            if any(name in e.get("mentions", []) for e in entities):
                continue  # listed under another type or already added: the adjudication judged the Reform reading
            same = [e for e in reforms if unquoted(e["name"]) == unquoted(name)]
            if same:
                same[0].setdefault("mentions", []).append(name)
            else:
                entities.append({"type": "Reform", "name": unquoted(name), "mentions": [name],
                                 "note": "added by the adjudication of Reform names (annotations/adjudication/)"})
            changes.append(f"+ {name}")
        elif verdict["verdict"] == "not_reform" and listed:
            for entity in reforms:
                if entity["name"] == unquoted(name) and entity.get("mentions"):  # the name itself: every form
                    changes.append(f"- {name} ({', '.join(entity['mentions'])})")
                    entity["mentions"] = []
                elif name in entity.get("mentions", []):
                    entity["mentions"].remove(name)
                    changes.append(f"- {name}")
                if not entity.get("mentions"):
                    emptied.append(entity)
    # only what the verdicts emptied leaves: an entity listed without forms (the author, named by no mention) stays
    gone = {e["name"] for e in emptied if not e.get("mentions")}
    if gone:
        record["entities"] = [e for e in entities if not any(e is g for g in emptied)]
        record["relations"] = [r for r in record["relations"] if r["head"] not in gone and r["child"] not in gone]
    return changes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="print the changes, write nothing")
    args = parser.parse_args()
    train = set(load_split("train"))
    by_doc: dict[str, list[dict]] = {}
    with VERDICTS.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["doc"] not in train:
                raise SystemExit(f"{VERDICTS}: {row['doc']} is not a train record; only train records are adjudicated")
            by_doc.setdefault(row["doc"], []).append(row)
    added = removed = 0
    for doc_id, verdicts in sorted(by_doc.items()):
        path = ANNOTATIONS / "records" / f"{doc_id}.json"
        record = load(path)
        changes = apply(record, verdicts)
        if not changes:
            continue
        problems = project(record) + check(record)
        if problems:
            raise SystemExit(f"{path}: after the adjudication: {problems[0]}")
        added += sum(c.startswith("+") for c in changes)
        removed += sum(c.startswith("-") for c in changes)
        print(f"{doc_id}: {', '.join(changes)}")
        if not args.dry_run:
            path.write_text(dump(record), encoding="utf-8")
    print(f"{added} surface forms added, {removed} removed, in {len(by_doc)} documents with verdicts")


if __name__ == "__main__":
    main()
