"""`kg train` end to end on a small slice of the annotation corpus: every learned layer is written, and the pipeline
that loads the new folder extracts a real Hebei document with all of them (entity CRF, author ranker, entity
verifier, relation model)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from kg.annotations import load, record_path
from kg.ingest import ingest
from kg.nlp.pipeline import learned_weights_of, load_pipeline
from kg.pipeline import extract_document

ROOT = Path(__file__).resolve().parent.parent


def test_kg_train_small_slice_writes_every_layer_the_pipeline_runs(tmp_path: Path) -> None:
    out = tmp_path / "weights"
    run = subprocess.run(
        [sys.executable, "-m", "kg.cli", "train", "--max-docs", "12", "--iterations", "15", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"}, timeout=1200,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    for layer, file in [("entity_crf", "crf.npz"), ("author_model", "author.npz"),
                        ("entity_verifier", "entity_verifier.npz"), ("relation_model", "relations.npz")]:
        assert (out / layer / file).stat().st_size > 0, layer
    assert "entity verifier" in run.stdout and "relation layer" in run.stdout
    verifier = json.loads((out / "entity_verifier" / "entity_verifier.json").read_text(encoding="utf-8"))
    assert verifier["records"] == 12 and set(verifier["thresholds"]) >= {"Agency", "Reform"}

    # a dev record the slice never saw: 河北省科学技术厅's report, extracted by the new weights
    record = load(record_path("kjt_0439fb_0764"))
    text_file = tmp_path / "kjt_0439fb_0764.txt"
    text_file.write_text(record["text"], encoding="utf-8")
    nlp = load_pipeline(learned=True, learned_weights=out / "entity_crf")
    assert learned_weights_of(nlp) == out
    extraction = extract_document(ingest(text_file), nlp)
    names = {(e.type, e.name) for e in extraction.entities}
    assert ("Agency", "河北省科学技术厅") in names
    assert extraction.report.author_name == "河北省科学技术厅"


def test_kg_train_authors_only_retrains_the_ranker_beside_the_folders_crf(tmp_path: Path) -> None:
    """`kg train --authors-only --out DIR`: only author_model is written, from DIR's entity CRF (the shipped one
    copied there), on every train record; no other layer is trained."""
    import shutil

    from kg.nlp.pipeline import learned_dir

    out = tmp_path / "weights"
    shutil.copytree(learned_dir() / "entity_crf", out / "entity_crf")
    run = subprocess.run(
        [sys.executable, "-m", "kg.cli", "train", "--authors-only", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"}, timeout=1200,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    meta = json.loads((out / "author_model" / "author.json").read_text(encoding="utf-8"))
    assert len(meta["train_records"]) >= 200 and "author ranker: dev top-1" in run.stdout
    assert sorted(p.name for p in out.iterdir()) == ["author_model", "entity_crf"]


def test_kg_train_keep_relations_leaves_the_folders_relation_model(tmp_path: Path) -> None:
    """`kg train --keep-relations`: the entity CRF, ranker and verifier are written, the relation model in the
    folder (the shipped one copied there) stays byte for byte, and the pipeline runs the mix."""
    import shutil

    from kg.nlp.pipeline import learned_dir

    out = tmp_path / "weights"
    shutil.copytree(learned_dir() / "relation_model", out / "relation_model")
    before = {p.name: p.read_bytes() for p in (out / "relation_model").iterdir()}
    run = subprocess.run(
        [sys.executable, "-m", "kg.cli", "train", "--keep-relations", "--max-docs", "6", "--iterations", "10",
         "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"}, timeout=1200,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "relation layer: kept" in run.stdout
    assert {p.name: p.read_bytes() for p in (out / "relation_model").iterdir()} == before
    for layer, file in [("entity_crf", "crf.npz"), ("author_model", "author.npz"),
                        ("entity_verifier", "entity_verifier.npz")]:
        assert (out / layer / file).stat().st_size > 0, layer
    record = load(record_path("kjt_0439fb_0764"))
    text_file = tmp_path / "kjt_0439fb_0764.txt"
    text_file.write_text(record["text"], encoding="utf-8")
    extraction = extract_document(ingest(text_file), load_pipeline(learned=True, learned_weights=out / "entity_crf"))
    assert extraction.report.author_name == "河北省科学技术厅"
    assert ("Agency", "河北省科学技术厅") in {(e.type, e.name) for e in extraction.entities}
