"""A platform named with a level word (省级…平台) is the province's platform of that name: the level word stands for
the place (河北省政务服务一体化在线平台), it is not a prefix the place is put before (河北省省级…). Decisions §64."""

from __future__ import annotations

from pathlib import Path

from tests.report_text import extract_text

# The title and a sentence of train record rst_7551c3_0126, a Hebei policy explanation.
TEXT = (
    "《河北省人民政府办公厅关于印发河北省政务服务大厅建设运行方案的通知》政策解读\n"
    "充分利用现代信息技术手段整合行政资源，以政务大厅为依托，构建高效运行、数据共享的省级政务服务一体化在线平台。\n"
)


def test_a_level_word_names_the_province_platform(tmp_path: Path) -> None:
    platforms = {e.name for e in extract_text(tmp_path, TEXT, learned=True).entities if e.type == "Platform"}
    assert "河北省政务服务一体化在线平台" in platforms
    assert not any(name.startswith("河北省省级") for name in platforms)
