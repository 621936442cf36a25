"""One metric fact -> RDF: a gk:Metric (schema:QuantitativeValue) with its number, unit, measure and qualifier,
the body and reforms it measures, its year and status, and the gk:Evidence annotation anchoring its phrase.

A metric is a fact the report states, like a relation: it is derived from its report and linked by
gk:hasEvidence to an annotation with the phrase's offsets, sentence, rule and confidence (docs/decisions.md 7).
Its IRI is minted from the report and the phrase's offsets, so rebuilding gives the same node.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.model import Metric
from kg.rdf.terms import GK, PROV, RDF, RDFS, SDO, XSD
from kg.rdf.vocab import hans, typed, zh_literal

if TYPE_CHECKING:
    from kg.rdf.convert import _ReportGraph


def describe_metric(graph: _ReportGraph, metric: Metric) -> None:
    if not graph.valid_span(metric.start, metric.end, f"metric {metric.measure}"):
        return
    node = ox.NamedNode(graph.mint.metric(graph.doc.doc_id, metric.start, metric.end))
    graph.add(node, RDF.type, GK.Metric)  # schema:QuantitativeValue, prov:Entity: implied by the ontology
    graph.add(node, RDFS.label, zh_literal(graph.doc.text[metric.start : metric.end]))
    graph.add(node, GK.measure, hans(metric.measure))  # read on the folded (Simplified) text
    graph.add(node, SDO.value, typed(metric.value, XSD.decimal))
    graph.add(node, SDO.unitText, ox.Literal(metric.unit))  # units and qualifiers are tokens of metrics.yaml
    if metric.qualifier:
        graph.add(node, GK.qualifier, ox.Literal(metric.qualifier))
    if metric.subject:
        graph.add(node, GK.metricOf, graph.entity_ref(metric.subject))
    for reform in metric.about:
        graph.add(node, GK.measuresReform, graph.entity_ref(reform))
    if metric.year:
        graph.add(node, GK.factYear, typed(f"{metric.year:04d}", XSD.gYear))
    graph.add_status(node, metric.status)
    graph.add(node, PROV.wasDerivedFrom, graph.report)
    graph.add_evidence(
        node, metric.start, metric.end, metric.rule, metric.confidence, metric.sentence, metric.status
    )
