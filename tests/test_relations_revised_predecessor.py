"""The predecessor a text says it revised (对《…（试行）》进行了修订) is replaced, not cited (learned_cues.yaml
``revised_after``)."""

from __future__ import annotations

from pathlib import Path

from tests.report_text import extract_text, relation_pairs

# the opening of kjt_1e9068_0667 (科技部等二十二部门, 2022; Hebei science and technology department's site)
NOTICE = (
    "科技部等二十二部门关于印发《科研失信行为调查处理规则》的通知\n"
    "国科发监〔2022〕221号\n"
    "各有关单位：\n"
    "为贯彻实施《中华人民共和国科学技术进步法》等法律法规，进一步规范科研失信行为调查处理工作，科技部会同科研诚信"
    "建设联席会议成员单位对《科研诚信案件调查处理规则（试行）》进行了修订。现将修订后的《科研失信行为调查处理规则》"
    "印发给你们，请遵照实施。\n"
)


def test_the_revised_predecessor_is_not_cited(tmp_path: Path) -> None:
    cites = relation_pairs(extract_text(tmp_path, NOTICE, learned=True), "cites")
    assert not {(s, o) for s, o in cites if o.startswith("科研诚信案件调查处理规则")}
    assert {o for _, o in cites} >= {"中华人民共和国科学技术进步法"}
