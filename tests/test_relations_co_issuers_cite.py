"""What the author of a document issued by two or three bodies cites, its co-issuers cite too (learned_cues.yaml
``co_issuer_predicates``), as rules.yaml ``co_signer_predicates`` has a signature block's co-signers do."""

from __future__ import annotations

from pathlib import Path

from tests.report_text import extract_text, relation_pairs

# the opening of rst_b3d48d_0151 (人力资源社会保障部 and 国务院扶贫办, 2018; Hebei human resources department's site)
NOTICE = (
    "人力资源社会保障部国务院扶贫办关于开展深度贫困地区技能扶贫行动的通知\n"
    "（人社部发〔2018〕63号）职业技能培训是促进建档立卡贫困劳动力（以下简称贫困劳动力）转移就业脱贫的根本举措。"
    "为贯彻落实《中共中央国务院关于打赢脱贫攻坚战三年行动的指导意见》，推进深度贫困地区贫困劳动力职业技能培训工作，"
    "实现以培训促就业、以就业助脱贫，人力资源社会保障部、国务院扶贫办决定于2018年9月至2020年底，在全国组织开展深度"
    "贫困地区技能扶贫行动，现就有关事项通知如下：\n"
)
OPINION = "中共中央国务院关于打赢脱贫攻坚战三年行动的指导意见"


def test_the_co_issuer_cites_what_the_author_cites(tmp_path: Path) -> None:
    citers = {s for s, o in relation_pairs(extract_text(tmp_path, NOTICE, learned=True), "cites") if o == OPINION}
    assert "国务院扶贫开发领导小组办公室" in citers
