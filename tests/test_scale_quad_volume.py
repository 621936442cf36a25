"""bench/quad_volume.py on a real seed report: each quad counted once, under the kind its subject's IRI names."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
from seed_extractions import seed_000

from kg.rdf import to_quads

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.quad_volume import subject_kind, volume

BASE = "https://w3id.org/govkg/"


def test_quad_volume_kinds_are_read_off_the_iri_scheme() -> None:
    cases = {
        "report/000_305e9a0e456975a1": "report",
        "report/000_305e9a0e456975a1/mention/12-18-Agency": "mention",
        "report/000_305e9a0e456975a1/span/0-40": "span",
        "report/000_305e9a0e456975a1/assertion/implements-0be73099c3ee864b": "assertion",
        "report/000_305e9a0e456975a1/assertion/implements-0be73099c3ee864b/evidence/2025-2079-x": "assertion evidence",
        "report/000_305e9a0e456975a1/metric/988-1011/evidence/988-1011-metric.pattern": "metric evidence",
        "report/000_305e9a0e456975a1/file#sha256": "file checksum",
        "id/Agency/益阳市行政审批服务局": "entity Agency",
        "id/Agency/益阳市行政审批服务局/post/法律顾问": "post",
        "rule/model.crf": "rule",
    }
    assert {path: subject_kind(ox.NamedNode(BASE + path)) for path in cases} == cases


def test_quad_volume_counts_every_quad_of_a_report_once() -> None:
    store = ox.Store()
    quads = to_quads(seed_000())
    store.extend(quads)
    total, kinds, predicates, kind_bytes, _ = volume(store)
    assert total == len(quads) == sum(kinds.values()) == sum(predicates.values())
    mentions = sum(len(entity.mentions) for entity in seed_000().entities)
    assert predicates["www.w3.org:hasBody"] == mentions  # one body per mention, nothing else has one
    assert kinds["mention"] >= 6 * mentions and kind_bytes["mention"] > 0
