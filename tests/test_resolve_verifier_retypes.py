"""A title the entity verifier rejects as a Law but accepts as a PolicyDocument is kept as one (crf_features.yaml
verifier_retypes; decisions §54): trained on the annotators' types, the verifier learned to reject a department's
管理办法 typed Law, which dropped the document and its relations whole. A statute (…法) is never retyped."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import ingest
from kg.nlp import load_pipeline
from kg.pipeline import extract_document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "hebei"


def test_a_departments_rules_rejected_as_a_law_stay_a_policy_document() -> None:
    """Hebei jyt_3a4dcf_1134 (not annotated): …《关于印发<河北省现代职业教育发展专项资金管理办法>的通知》
    （冀财教〔2020〕87号）等文件规定 — the finance department's measures, read as a Law by the title rules."""
    extraction = extract_document(ingest(CORPUS / "jyt_3a4dcf_1134.txt"), load_pipeline())
    types = {e.name: e.type for e in extraction.entities}
    assert types.get("河北省现代职业教育发展专项资金管理办法") == "PolicyDocument"


def test_a_statute_is_never_retyped() -> None:
    from kg.resolve.verify import _law_by_name

    assert _law_by_name("中华人民共和国各级人民代表大会常务委员会监督法")
    assert not _law_by_name("河北省现代职业教育发展专项资金管理办法")
