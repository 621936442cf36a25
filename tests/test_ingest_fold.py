"""Folding keeps every offset: Traditional -> Simplified and full-width -> half-width, same length."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kg.ingest import ingest
from kg.ingest.fold import fold, fold_chars

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"  # shared/ sits beside the checkout


def seed_text(stem: str) -> str:
    return next(SEEDS.glob(f"{stem}_*.txt")).read_bytes().decode("utf-8")


@pytest.mark.parametrize("stem", ["000", "001", "002", "003", "004"])
def test_ingest_fold_same_length_on_seeds(stem: str) -> None:
    text = seed_text(stem)
    assert len(fold(text)) == len(text)
    assert len(fold_chars(text)) == len(text)


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("法治政府建設", "法治政府建设"),
        ("贛公網安備", "赣公网安备"),
        ("來源:防城港市大數據和行政審批局", "来源:防城港市大数据和行政审批局"),
        ("發表時間", "发表时间"),
        ("壓實主體責任", "压实主体责任"),
    ],
)
def test_ingest_fold_traditional_to_simplified(traditional: str, simplified: str) -> None:
    assert fold(traditional) == simplified
    assert fold_chars(traditional) == simplified


@pytest.mark.parametrize(
    ("wide", "narrow"),
    [
        ("（一）抓组织领导，细化分解普法责任。", "(一)抓组织领导,细化分解普法责任。"),
        ("来源：市司法局", "来源:市司法局"),
        ("ＩＣＰ备１２３４５６号", "ICP备123456号"),
        ("\u3000\u3000一、工作总结", "  一、工作总结"),
        ("《法治政府建设实施纲要》“放管服”〈条例〉", "《法治政府建设实施纲要》“放管服”〈条例〉"),
    ],
)
def test_ingest_fold_full_width_to_ascii(wide: str, narrow: str) -> None:
    assert fold(wide) == narrow


def test_ingest_fold_norm_of_traditional_seed_is_simplified() -> None:
    doc = ingest(next(SEEDS.glob("001_*.txt")))
    assert len(doc.norm) == len(doc.text)
    start = doc.text.index("法治政府建設")
    assert doc.norm[start:start + 6] == "法治政府建设"
    assert "建設" not in doc.norm
    assert "審批" not in doc.norm and "审批" in doc.norm


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus is not beside this checkout")
def test_ingest_fold_corpus_indentation_becomes_spaces() -> None:
    text = (CORPUS / "01_shenzhen_longhua_fazhi_2019.txt").read_text(encoding="utf-8")
    folded = fold(text)
    assert "\u3000" in text and "\u3000" not in folded
    assert folded.index("  一、积极统筹部署") == text.index("\u3000\u3000一、积极统筹部署")


def test_ingest_fold_is_fast() -> None:
    text = "".join(seed_text(stem) for stem in ("000", "001", "002", "003", "004"))
    big = text * (4_000_000 // len(text.encode("utf-8")) + 1)
    megabytes = len(big.encode("utf-8")) / 1e6
    best = min(_timed(big) for _ in range(3))
    assert megabytes / best > 10, f"{megabytes / best:.1f} MB/s"


def _timed(text: str) -> float:
    started = time.perf_counter()
    fold(text)
    return time.perf_counter() - started
