"""A reform named as a region (“一带一路”沿线市场) is not carried out there: the learned relation layer scores its
implements candidates but does not decide them (learned_cues.yaml ``place_after``). Real text: a Hebei plan with
responsibility notes (train record gxt_bafe2a_1048) and a notice (train record kjt_958667_0692)."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import ingest
from kg.model import Report
from kg.relations.learned import candidates, is_place_reading
from tests.report_text import named_ref

HEBEI = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "hebei"


def test_belt_and_road_markets_are_a_region() -> None:
    """支持集群企业开拓欧洲、日韩、东南亚和“一带一路”沿线市场: 一带一路 here says where the markets are."""
    text = ingest(HEBEI / "gxt_bafe2a_1048.txt").norm
    assert is_place_reading(text, named_ref(text, "一带一路", "Reform", "东南亚和"))


def test_belt_and_road_cooperation_is_carried_out() -> None:
    """强化“一带一路”合作交流: the programme itself, read as before."""
    text = ingest(HEBEI / "kjt_958667_0692.txt").norm
    assert not is_place_reading(text, named_ref(text, "一带一路", "Reform", "强化"))


def test_place_reading_is_overruled_for_the_author() -> None:
    """The author's candidate for 一带一路 in the 沿线市场 sentence is scored but overruled."""
    document = ingest(HEBEI / "gxt_bafe2a_1048.txt")
    obj = named_ref(document.norm, "一带一路", "Reform", "东南亚和")
    author = "Agency/河北省工业和信息化厅"
    pairs = candidates(document, [obj], Report(author=author), [], {obj.key: "Reform", author: "Agency"})
    implements = [c for c in pairs if c.predicate == "implements"]
    assert implements and all(c.overruled for c in implements)
