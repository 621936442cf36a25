"""The IRI scheme: readable, reversible, valid, and independent of the build."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.rdf.iri import DEFAULT_BASE, Minter, segment

ROOT = Path(__file__).resolve().parents[1]


def test_iri_entity_keeps_chinese_readable() -> None:
    assert Minter().entity("Agency/益阳市行政审批服务局") == "https://w3id.org/govkg/id/Agency/益阳市行政审批服务局"


@pytest.mark.parametrize(("key", "expected_tail"), [
    ("Reform/互联网+政务服务", "Reform/互联网+政务服务"),
    ("PolicyDocument/新余市行政许可事项清单(2023年版)", "PolicyDocument/新余市行政许可事项清单(2023年版)"),
    ("Agency/领导小组@000_305e9a0e456975a1", "Agency/领导小组@000_305e9a0e456975a1"),
    ("PolicyDocument/2021/2025年规划", "PolicyDocument/2021%2F2025年规划"),
    ("Reform/一网 通办", "Reform/一网%20通办"),
    ("Reform/一网\u3000通办", "Reform/一网%E3%80%80通办"),
    ("Law/a?b#c%d", "Law/a%3Fb%23c%25d"),
    ("Reform/\u200f放管服", "Reform/%E2%80%8F放管服"),
])
def test_iri_reserved_and_invisible_characters_are_percent_encoded(key: str, expected_tail: str) -> None:
    iri = Minter().entity(key)
    assert iri == DEFAULT_BASE + "id/" + expected_tail
    ox.NamedNode(iri)  # a valid IRI
    assert Minter().key_of(iri) == key


def test_iri_base_is_configurable_and_normalised() -> None:
    mint = Minter("https://example.org/kg")
    assert mint.entity("Place/益阳市") == "https://example.org/kg/id/Place/益阳市"
    assert mint.graph("000_x") == "https://example.org/kg/report/000_x/graph"
    assert mint.doc_id_of(mint.graph("000_x")) == "000_x"
    assert not mint.is_report_graph(mint.report("000_x"))
    assert not mint.is_report_graph(mint.span("000_x", 1, 2))
    with pytest.raises(ValueError):
        Minter("urn:govkg:")


def test_iri_malformed_key_is_refused() -> None:
    with pytest.raises(ValueError, match="<Type>/<name>"):
        Minter().entity("益阳市")


def test_iri_dot_segments_cannot_climb_the_path() -> None:
    assert segment("..") == "%2E%2E"
    assert "/../" not in Minter().entity("Place/..")


def test_iri_report_internal_nodes_are_named_from_offsets() -> None:
    mint = Minter()
    assert mint.span("000_a", 3, 9) == "https://w3id.org/govkg/report/000_a/span/3-9"
    assert mint.mention("000_a", 3, 9, "Agency") == "https://w3id.org/govkg/report/000_a/mention/3-9-Agency"
    first = mint.assertion("000_a", "Agency/甲", "implements", "Reform/乙")
    assert first == mint.assertion("000_a", "Agency/甲", "implements", "Reform/乙")
    assert first != mint.assertion("000_a", "Agency/甲", "implements", "Reform/丙")
    assert first.startswith("https://w3id.org/govkg/report/000_a/assertion/implements-")


_names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)


@given(_names)
def test_iri_any_name_gives_a_valid_reversible_iri(name: str) -> None:
    key = f"Agency/{name}"
    iri = Minter().entity(key)
    ox.NamedNode(iri)
    assert Minter().key_of(iri) == unicodedata.normalize("NFC", key)


# sha256("Agency/益阳市行政审批服务局\x1fimplements\x1fReform/一件事一次办"), its first 16 hex digits: the
# documented scheme (report/<doc_id>/assertion/<predicate>-<digest of s, p, o>), computed once by hand
_KNOWN_ASSERTION = ("https://w3id.org/govkg/report/000_305e9a0e456975a1/assertion/implements-203d671213017202")


def _assertion_iri() -> str:
    return Minter().assertion("000_305e9a0e456975a1", "Agency/益阳市行政审批服务局", "implements",
                              "Reform/一件事一次办")


def test_iri_assertion_is_the_documented_digest() -> None:
    assert _assertion_iri() == _KNOWN_ASSERTION


def test_iri_assertion_is_the_same_in_another_process() -> None:
    """Parallel builds mint in worker processes: nothing per process (hash(), a salt) may enter an IRI."""
    script = ("from kg.rdf.iri import Minter; print(Minter().assertion('000_305e9a0e456975a1', "
              "'Agency/益阳市行政审批服务局', 'implements', 'Reform/一件事一次办'))")
    others = set()
    for seed in ("1", "2"):  # two hash salts, and this process has a third
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env)
        others.add(done.stdout.strip())
    assert others == {_assertion_iri()}
