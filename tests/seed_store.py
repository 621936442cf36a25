"""The five seed reports built once per test session by the real pipeline (kg.build), for the semantic and
query-library tests. Each test module wraps ``built_seeds`` in its own fixture; the build itself runs once."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import build

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
_BUILT: dict[str, Path] = {}


def built_seeds(factory: pytest.TempPathFactory) -> Path:
    """The output folder of ``kg build seeds/`` (graph.ttl, graph.trig, store/), built on first use."""
    if "out" not in _BUILT:
        out = factory.mktemp("seeds-build") / "out"
        build([SEEDS], out)
        _BUILT["out"] = out
    return _BUILT["out"]


def seed_text(doc_id: str) -> str:
    """A seed file's text exactly as decoded (UTF-8): the text every offset in the graph points into."""
    return (SEEDS / f"{doc_id}.txt").read_bytes().decode("utf-8")

