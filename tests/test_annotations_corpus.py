"""The annotation corpus (annotations/): every record is sound, the split is what was drawn, the checker catches
what an annotator gets wrong, and the gold JSON derived from a record is what score.py reads."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from kg.annotations import ROOT, check, documents, load, project, to_gold_schema
from kg.evaluate import score

RECORDS = sorted((ROOT / "records").glob("*.json")) + sorted((ROOT / "agreement").glob("*.json"))


@pytest.mark.parametrize("path", RECORDS, ids=[f"{p.parent.name}/{p.stem}" for p in RECORDS])
def test_annotations_record_is_sound(path: Path) -> None:
    """The checker on every annotated file: mentions occur verbatim, spans are the entity table's projection,
    relations join listed entities of the schema's types, evidence quotes sit at their offsets."""
    record = load(path)
    assert check(record) == []
    spans = [dict(s) for s in record["spans"]]
    assert project(record) == []
    assert record["spans"] == spans, "spans differ from the projection of the entity table"


def test_annotations_split_is_locked_and_disjoint() -> None:
    docs = documents()
    with (ROOT / "splits.tsv").open(encoding="utf-8") as handle:
        ids = [row["id"] for row in csv.DictReader(handle, delimiter="\t")]
    assert len(ids) == len(set(ids)) == len(docs)
    test = [d for d in docs.values() if d.split == "test"]
    assert len(test) >= 12 and len({d.kind for d in test}) >= 3
    # the locked test comes only from the Hebei corpus, which no rule was written against
    assert all(d.source.startswith("corpus/hebei/") for d in test)
    for path in RECORDS:
        record = load(path)
        assert record["sha256"] == docs[record["id"]].sha256


def _record() -> dict:
    text = "市政府印发《关于推进“放管服”改革的实施方案》，市司法局深化“放管服”改革。"
    import hashlib

    return {
        "id": "t", "source": "x/t.txt", "sha256": hashlib.sha256(text.encode()).hexdigest(), "status": "done",
        "report": {"author": "甲市人民政府", "year": 2023, "place": None},
        "entities": [
            {"type": "Agency", "name": "甲市人民政府", "mentions": ["市政府"]},
            {"type": "Agency", "name": "甲市司法局", "mentions": ["市司法局"]},
            {"type": "Reform", "name": "放管服", "mentions": ["“放管服”", "放管服"]},
            {"type": "PolicyDocument", "name": "关于推进放管服改革的实施方案",
             "mentions": ["关于推进“放管服”改革的实施方案"]},
        ],
        "relations": [
            {"head": "甲市人民政府", "label": "issued", "child": "关于推进放管服改革的实施方案",
             "evidence": "市政府印发"},
            {"head": "甲市司法局", "label": "implements", "child": "放管服", "evidence": "深化“放管服”改革"},
        ],
        "exclude": [], "spans": [], "text": text,
    }


def test_annotations_projection_spans_every_occurrence_once() -> None:
    record = _record()
    assert project(record) == [] and check(record) == []
    surfaces = [(record["text"][s["start"]:s["end"]], s["entity"]) for s in record["spans"]]
    # “放管服” twice (the bare 放管服 inside each quote is the same entity: no second span), the title once
    assert surfaces.count(("“放管服”", "放管服")) == 2 and ("放管服", "放管服") not in surfaces
    assert ("关于推进“放管服”改革的实施方案", "关于推进放管服改革的实施方案") in surfaces
    assert record["relations"][1]["evidence_start"] == record["text"].index("深化")


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        (lambda r: r["entities"][1]["mentions"].append("区司法局"), "does not occur"),
        (lambda r: r["relations"].append({"head": "放管服", "label": "implements", "child": "甲市司法局",
                                          "evidence": "深化"}), "joins Agency to Reform"),
        (lambda r: r["relations"][0].update(evidence="市政府发布"), "does not occur in the text"),
        (lambda r: r["relations"][1].pop("evidence"), "quote the words"),
        (lambda r: r["entities"].append({"type": "Reform", "name": "“放管服”改革", "mentions": []}), "quotes"),
        (lambda r: r["entities"][0].update(type="Goverment"), "is not one of"),
        (lambda r: r["report"].update(author="乙市人民政府"), "report author"),
        (lambda r: r.update(text=r["text"] + "。"), "sha256"),
    ],
)
def test_annotations_checker_reports_each_mistake(damage, problem: str) -> None:
    record = _record()
    damage(record)
    problems = project(record) + check(record)
    assert any(problem in p for p in problems), problems


def test_annotations_gold_json_scores_as_score_py_reads_it(tmp_path: Path) -> None:
    """The derived gold JSON read by the project's scorer: a prediction naming the entities by any surface form
    is right, a wrong type and a missing relation are counted."""
    record = _record()
    project(record)
    gold = to_gold_schema(record)
    assert {e["name"]: sorted(e["mentions"]) for e in gold["entities"]}["放管服"] == ["“放管服”"]
    prediction = {
        "entities": [{"type": "Agency", "name": "市司法局"}, {"type": "Reform", "name": "放管服"},
                     {"type": "Platform", "name": "市政府"}],
        "relations": [{"s": "市司法局", "p": "implements", "o": "放管服"}],
    }
    scores = score({"t": gold}, {"t": json.loads(json.dumps(prediction))})
    assert (scores.entities["Agency"].tp, scores.entities["Agency"].fn) == (1, 1)
    assert scores.entities["Platform"].fp == 1
    assert (scores.relations["implements"].tp, scores.relations["issued"].fn) == (1, 1)



def _adjudication():
    import importlib.util

    spec = importlib.util.spec_from_file_location("apply_adjudication", ROOT.parent / "tools" / "apply_adjudication.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_annotations_adjudication_brings_a_real_record_in_line() -> None:
    """tools/apply_adjudication.py on train records its verdicts name: a name judged a reform joins the table and is
    projected over the text, a name judged no reform leaves with its relations, and the record stays sound."""
    tool = _adjudication()
    added = load(ROOT / "records" / "jyt_e3d4a0_1109.json")  # 全面实施素质教育, recorded nowhere in this notice
    assert tool.apply(added, [{"name": "素质教育", "recorded": "false", "verdict": "reform"}]) == ["+ 素质教育"]
    assert project(added) == [] and check(added) == []
    assert any(s["entity"] == "素质教育" for s in added["spans"])
    removed = load(ROOT / "records" / "gxt_bbf35e_1006.json")  # “专精特新”企业: a kind of firm, no programme
    assert tool.apply(removed, [{"name": "专精特新", "recorded": "true", "verdict": "not_reform"}])
    assert "专精特新" not in {e["name"] for e in removed["entities"]}
    assert all("专精特新" not in (r["head"], r["child"]) for r in removed["relations"])
    assert project(removed) == [] and check(removed) == []


def test_annotations_adjudication_removes_only_what_its_verdicts_empty() -> None:
    """An entity listed without surface forms (a report's author the text never names) stays when a verdict
    empties a Reform of the same name."""
    record = _record()
    record["entities"].append({"type": "Agency", "name": "放管服", "mentions": []})
    assert _adjudication().apply(record, [{"name": "放管服", "recorded": "true", "verdict": "not_reform"}])
    assert [e["type"] for e in record["entities"] if e["name"] == "放管服"] == ["Agency"]
    assert [r["child"] for r in record["relations"]] == ["关于推进放管服改革的实施方案"]


def test_annotations_unread_train_records_are_the_later_draws_of_train() -> None:
    """annotations/unread_train.tsv (records training weights up, decisions §83) lists only train records, never a
    dev or locked-test one, and only those drawn after the rules were last fitted: none of the first three draws."""
    from kg.annotations import record_weights, unread_train_ids

    docs = documents()
    unread = unread_train_ids()
    assert len(unread) >= 41
    assert all(docs[i].split == "train" for i in unread)
    assert all(docs[i].source.startswith("corpus/hebei/") for i in unread)
    # the first records the rules were written on (../shared/corpus, seeds) are not among them
    assert not any(i.startswith(("0", "seeds")) for i in unread)
    weights = record_weights({i: {} for i in docs}, 3)
    assert {i for i, w in weights.items() if w == 3} == unread
    assert weights["01_shenzhen_longhua_fazhi_2019"] == 1
