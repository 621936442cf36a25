"""A reform a clause serves (服务京津冀协同发展战略, 为企业“走出去”营造有利环境, 助力脱贫攻坚) is not what the clause's
bodies carry out: the learned relation layer scores its implements candidates but does not decide them
(learned_cues.yaml ``serving_before``). Real text: Hebei notices with responsibility notes (train records
rst_8b5bd5_0139, kjt_aefad8_0900), a ministry's notice (train record rst_13a35d_0090) and a plan (train record
gxt_e9a7e9_1063)."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import ingest
from kg.model import Report
from kg.relations.clauses import Ref
from kg.relations.learned import candidates, is_served
from tests.report_text import named_ref

HEBEI = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "hebei"


def test_serving_a_strategy() -> None:
    """完善快递服务网络布局，服务京津冀协同发展战略: the express network serves the strategy."""
    text = ingest(HEBEI / "rst_8b5bd5_0139.txt").norm
    assert is_served(text, named_ref(text, "京津冀协同发展", "Reform", "完善快递服务网络布局"))


def test_an_environment_for_going_out() -> None:
    """为企业“走出去”营造有利环境: the bodies make room for the firms' going out, they do not go out."""
    text = ingest(HEBEI / "kjt_aefad8_0900.txt").norm
    assert is_served(text, named_ref(text, "走出去", "Reform", "为企业"))


def test_helping_poverty_alleviation() -> None:
    """发挥人力资源服务机构在助力脱贫攻坚…中的重要作用: the agencies help the campaign."""
    text = ingest(HEBEI / "rst_13a35d_0090.txt").norm
    assert is_served(text, named_ref(text, "脱贫攻坚", "Reform", "服务机构在助力"))


def test_a_service_named_as_a_noun_is_carried_out() -> None:
    """实施配套服务“优化提升”工程: 服务 is a noun here, the programme is carried out, read as before."""
    text = ingest(HEBEI / "gxt_e9a7e9_1063.txt").norm
    assert not is_served(text, named_ref(text, "优化提升", "Reform", "配套服务"))


def test_served_reform_is_overruled_for_the_note_bodies() -> None:
    """The responsibility note's bodies' candidates for 走出去 are scored but overruled."""
    document = ingest(HEBEI / "kjt_aefad8_0900.txt")
    text = document.norm
    obj = named_ref(text, "走出去", "Reform", "为企业")
    body = named_ref(text, "省商务厅", "Agency", "为企业")
    body = Ref(body.mention, "Agency/河北省商务厅")
    author = "Agency/河北省人民政府办公厅"
    pairs = candidates(document, [obj, body], Report(author=author), [],
                       {obj.key: "Reform", author: "Agency", body.key: "Agency"})
    implements = [c for c in pairs if c.predicate == "implements"]
    assert implements and all(c.overruled for c in implements)
