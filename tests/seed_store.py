"""The five seed reports built once per test session by the real pipeline (kg.build), for the semantic and
query-library tests. Each test module wraps ``built_seeds`` in its own fixture; the build itself runs once."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
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


# Two figures seed 003 (防城港, Traditional script) gives for 一件事一次办, written by hand in the shape the
# ontology documents for gk:Metric, because no extraction stage produces metrics yet (issue 4).
METRIC_DOC = "003_800e7386b3b145c4"
METRICS = (  # (phrase in the text, what is measured, value, unit, qualifier)
    ("精品套餐1114套", "精品套餐", "1114", "套", None),
    ("申請材料減少了1200項以上", "申请材料减少", "1200", "项", "以上"),
)
_METRIC_TTL = """
@prefix gk: <https://w3id.org/govkg/ontology#> . @prefix oa: <http://www.w3.org/ns/oa#> .
@prefix schema: <https://schema.org/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{report}/metric/{start}-{end}> a gk:Metric ; rdfs:label "{phrase}"@zh-Hant ; schema:value {value} ;
    schema:unitText "{unit}" ; gk:measures "{measures}"@zh-Hans ; gk:coversYear "2021"^^xsd:gYear ;
    gk:metricOf <https://w3id.org/govkg/id/Reform/一件事一次办> {qualifier}.
<{report}/mention/{start}-{end}-Metric> a gk:Mention ; oa:motivatedBy oa:identifying ;
    oa:hasBody <{report}/metric/{start}-{end}> ; oa:hasTarget <{report}/span/{start}-{end}> ;
    gk:extractionRule <https://w3id.org/govkg/rule/metric.test> ; gk:confidence 0.9 .
<https://w3id.org/govkg/rule/metric.test> a gk:Rule ; rdfs:label "metric.test" .
<{report}/span/{start}-{end}> a oa:SpecificResource ; oa:hasSource <{report}> ;
    oa:hasSelector <{report}/span/{start}-{end}#position> , <{report}/span/{start}-{end}#quote> .
<{report}/span/{start}-{end}#position> a oa:TextPositionSelector ; oa:start {start} ; oa:end {end} .
<{report}/span/{start}-{end}#quote> a oa:TextQuoteSelector ; oa:exact "{phrase}"@zh-Hant .
"""


def metric_turtle(value_term: str | None = None) -> str:
    """Turtle of the METRICS, anchored by their offsets in seed 003; ``value_term`` overrides every value."""
    text, report = seed_text(METRIC_DOC), f"https://w3id.org/govkg/report/{METRIC_DOC}"
    parts = []
    for phrase, measures, value, unit, qualifier in METRICS:
        start = text.index(phrase)
        parts.append(_METRIC_TTL.format(
            report=report, start=start, end=start + len(phrase), phrase=phrase, measures=measures, unit=unit,
            value=value_term or value, qualifier=f'; gk:qualifier "{qualifier}" ' if qualifier else ""))
    return "".join(parts)


def metric_dataset(factory: pytest.TempPathFactory, value_term: str | None = None) -> ox.Store:
    """The seeds' graph (from graph.trig) in memory, plus the METRICS in report 003's graph."""
    dataset = ox.Store()
    dataset.load(path=str(built_seeds(factory) / "graph.trig"), format=ox.RdfFormat.TRIG)
    graph = ox.NamedNode(f"https://w3id.org/govkg/report/{METRIC_DOC}/graph")
    dataset.load(metric_turtle(value_term).encode("utf-8"), format=ox.RdfFormat.TURTLE, to_graph=graph)
    return dataset
