"""The statistical NER layer: CLUENER2020 reading and scoring, BIO decoding, and the shipped tagger adding spans
only where the rules found nothing, on real text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.ingest import ingest
from kg.nlp import load_pipeline, recognize
from kg.nlp.cluener import read_cluener, score_spans
from kg.nlp.statistical import bio_spans
from kg.nlp.train import bio_tags

ROOT = Path(__file__).resolve().parents[1]
CLUENER_DEV = ROOT.parent / "shared" / "benchmarks" / "cluener2020" / "dev.json"


def test_cluener_offsets_are_inclusive_and_labels_mapped(tmp_path: Path) -> None:
    # the first line of CLUENER2020 dev, as published
    line = {
        "text": "彭小军认为，国内银行现在走的是台湾的发卡模式，先通过跑马圈地再在圈的地里面选择客户，",
        "label": {"address": {"台湾": [[15, 16]]}, "name": {"彭小军": [[0, 2]]}, "game": {"x": [[0, 0]]}},
    }
    path = tmp_path / "dev.json"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    (example,) = read_cluener(path)
    assert sorted(example.spans) == [(0, 3, "Person"), (15, 17, "Place")]
    assert example.text[15:17] == "台湾"


def test_cluener_bad_line_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "dev.json"
    path.write_text('{"text": "国务院"}\n{not json\n', encoding="utf-8")
    with pytest.raises(Exception, match=r"dev\.json.*line 2"):
        list(read_cluener(path))


def test_score_spans_needs_exact_span_and_label() -> None:
    gold = [((0, 3, "Agency"), (5, 7, "Place"))]
    predicted = [[(0, 3, "Agency"), (5, 8, "Place"), (9, 10, "Person")]]
    counts = score_spans(gold, predicted)
    assert (counts["Agency"].tp, counts["Place"].fp, counts["Place"].fn, counts["Person"].fp) == (1, 1, 1, 1)


def test_bio_round_trip_and_stray_inside_tags() -> None:
    tags = bio_tags(10, [(0, 3, "Agency"), (4, 6, "Person"), (1, 2, "Place")])  # the nested Place is dropped
    assert tags[:7] == ["B-Agency", "I-Agency", "I-Agency", "O", "B-Person", "I-Person", "O"]
    assert [s[:3] for s in bio_spans(tags)] == [(0, 3, "Agency"), (4, 6, "Person")]
    assert [s[:3] for s in bio_spans(["I-Place", "I-Place", "B-Agency", "I-Person"])] == [
        (0, 2, "Place"),
        (2, 3, "Agency"),
        (3, 4, "Person"),
    ]


def test_tagger_only_fills_gaps_and_keeps_offsets() -> None:
    paths = [ROOT / "seeds" / "002_51acc513f15262cb.txt", ROOT / "seeds" / "003_800e7386b3b145c4.txt"]
    documents = [ingest(p) for p in paths]
    rules = {d.doc_id: ms for d, ms in recognize(documents, load_pipeline())}
    both = {d.doc_id: (d, ms) for d, ms in recognize(documents, load_pipeline(statistical=True))}
    for doc_id, (document, mentions) in both.items():
        ruled = {(m.start, m.end, m.label) for m in rules[doc_id]}
        added = [m for m in mentions if m.source == "model.tagger"]
        assert {(m.start, m.end, m.label) for m in mentions if m.source != "model.tagger"} == ruled
        for m in added:
            assert document.text[m.start : m.end] == m.text
            assert 0.0 <= m.confidence <= 1.0
            assert not any(s < m.end and m.start < e for s, e, _ in ruled)


@pytest.mark.skipif(not CLUENER_DEV.is_file(), reason="../shared/benchmarks is not beside this checkout")
def test_kg_eval_cluener_prints_government_scores_for_three_systems() -> None:
    result = CliRunner().invoke(app, ["eval", "--cluener", "--cluener-file", str(CLUENER_DEV)])
    assert result.exit_code == 0, result.output
    for system in ("rules", "model", "rules+model"):
        assert f"dev.json: {system}" in result.output
    assert result.output.count("Agency (government)") == 3


@pytest.mark.skipif(not CLUENER_DEV.is_file(), reason="../shared/benchmarks is not beside this checkout")
def test_kg_train_writes_weights_the_pipeline_loads(tmp_path: Path) -> None:
    """One short epoch on 300 CLUENER sentences and one seed: the command runs end to end and its weights load."""
    small = tmp_path / "train.json"
    with open(CLUENER_DEV.parent / "train.json", encoding="utf-8") as source:
        small.write_text("".join(line for _, line in zip(range(300), source, strict=False)), encoding="utf-8")
    out = tmp_path / "weights"
    seed = ROOT / "seeds" / "004_c1d22c4bd29ea185.txt"
    args = ["train", "--cluener-train", str(small), "--silver", str(seed), "--epochs", "1", "--out", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "best epoch 1/1" in result.output
    assert (out / "model").is_file()
    from kg.nlp.pipeline import TAGGER, untrained_pipeline

    nlp = untrained_pipeline()
    nlp.get_pipe(TAGGER).from_disk(out, exclude=["vocab"])
    doc = nlp("益阳市行政审批服务局推进“一件事一次办”改革")
    assert len(doc) == len("益阳市行政审批服务局推进“一件事一次办”改革") and all(t.tag_ for t in doc)
