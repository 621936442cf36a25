"""Entity resolution and report metadata on the seed reports.

Expected values are read off the reports by hand: who wrote each one, about which year, where; what 我局 / 市委
refer to there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.model import Extraction
from kg.pipeline import extract_paths

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seeds() -> dict[str, Extraction]:
    return {ex.document.doc_id[:3]: ex for ex in extract_paths(sorted(SEEDS.glob("*.txt")))}


def entity_named(ex: Extraction, type_: str, name: str):
    return next((e for e in ex.entities if e.type == type_ and e.name == name), None)


@pytest.mark.parametrize(
    ("seed", "author", "year", "place"),
    [
        ("000", "益阳市行政审批服务局", 2021, "益阳市"),
        ("001", "新余市行政审批局", 2024, "新余市"),
        ("002", "监利市人民政府", 2021, "监利市"),
        ("003", "防城港市大数据和行政审批局", 2021, "防城港市"),
        ("004", "汽车路街道办事处", 2021, "益阳市"),
    ],
)
def test_resolve_report_metadata(seeds, seed: str, author: str, year: int, place: str) -> None:
    report = seeds[seed].report
    assert (report.author_name, report.year, report.place_name) == (author, year, place)


@pytest.mark.parametrize(
    ("seed", "type_", "name", "surface"),
    [
        ("000", "Agency", "益阳市行政审批服务局", "我局"),
        ("000", "Agency", "中共益阳市委员会", "市委"),
        ("000", "Agency", "益阳市人民政府", "市政府"),
        ("000", "Agency", "中共益阳市委全面依法治市委员会办公室", "市委法治办"),
        ("000", "Agency", "中共益阳市行政审批服务局党组", "局党组"),
        ("000", "Law", "中华人民共和国民法典", "民法典"),
        ("000", "Law", "中华人民共和国宪法", "宪法"),
        ("000", "Place", "益阳市", "全市"),
        ("001", "Agency", "新余市行政审批局", "市行政審批局"),
        ("001", "Agency", "新余市人民政府办公室", "市政府辦"),
        ("001", "Place", "江西省", "全省"),
        ("003", "Agency", "防城港市大数据和行政审批局", "我局"),
        ("004", "Agency", "中共汽车路街道工作委员会", "街道党工委"),
        ("004", "Agency", "汽车路街道办事处", "办事处"),
    ],
)
def test_resolve_short_and_deictic_forms(seeds, seed: str, type_: str, name: str, surface: str) -> None:
    entity = entity_named(seeds[seed], type_, name)
    assert entity is not None, f"{name} not among the entities of seed {seed}"
    assert surface in entity.aliases


def test_resolve_keys_are_global_for_national_bodies_and_local_for_city_bodies(seeds) -> None:
    central = {e.key for ex in seeds.values() for e in ex.entities if e.name == "中共中央"}
    assert central == {"Agency/中共中央"}
    city_committees = {
        e.key
        for ex in seeds.values()
        for e in ex.entities
        if e.type == "Agency" and "市委" in {m.norm for m in e.mentions}
    }
    assert {"Agency/中共益阳市委员会", "Agency/中共防城港市委员会"} <= city_committees


def test_resolve_unprefixed_local_bodies_are_scoped_to_their_report(seeds) -> None:
    centre = entity_named(seeds["000"], "Agency", "政务服务中心")
    assert centre is not None and centre.key.endswith("@000_305e9a0e456975a1")


def test_resolve_places_keep_their_division_code(seeds) -> None:
    town = entity_named(seeds["001"], "Place", "双林镇")
    assert town is not None and town.attributes["divisionCode"] == "360521103"  # the one in 分宜县, 江西
    assert entity_named(seeds["000"], "Place", "益阳市").attributes["divisionCode"] == "4309"


def test_resolve_merges_are_recorded(seeds) -> None:
    author = entity_named(seeds["000"], "Agency", "益阳市行政审批服务局")
    assert ("我局", "deictic-author") in author.merges


def test_resolve_district_report_speaks_for_its_district() -> None:
    """A district report (我区) names its city more often than itself, and 龙华区 exists in 深圳 and in 海口.

    Data: lines of 深圳市龙华区人民政府's 2019 rule-of-law report (../shared/corpus/01, see SOURCES.md there).
    """
    from kg.ingest import ingest
    from kg.pipeline import extract_document

    ex = extract_document(ingest(Path(__file__).parent / "data" / "longhua_2019_excerpt.txt"))
    assert (ex.report.place_name, ex.report.year) == ("龙华区", 2019)
    assert ex.report.author_name.endswith("龙华区人民政府")
    district = next(e for e in ex.entities if e.type == "Place" and e.name == "龙华区")
    assert district.attributes["divisionCode"] == "440309"  # Shenzhen's, not Haikou's 460106
