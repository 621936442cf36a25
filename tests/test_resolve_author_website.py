"""The author's website under several words (厅官网, 厅网站, 省教育厅网站) is one portal, <author>门户网站, where the
report calls it its 门户网站 anywhere (abbreviation_words.yaml author_website_words); a report that never does keeps
the word it writes."""

from __future__ import annotations

from kg.model import Document, Report
from kg.resolve.entities import Context, _author_platform

# Real sentences of train record jyt_599a3b_1087 (河北省教育厅's 2022 report); the second without its portal.
WITH_PORTAL = (
    "在厅官网公开权责清单并持续动态更新。制定实施政务公开事项清单，明确主动公开的范围内容和责任分工。"
    "全年通过门户网站主动公开政务信息664件。\n"
)
WITHOUT_PORTAL = "在厅官网公开权责清单并持续动态更新。\n"


def _context(text: str) -> Context:
    document = Document("jyt", "jyt.txt", text, text, "", "text/plain", "utf-8")
    return Context(document, Report(author_name="河北省教育厅"))


def test_the_author_site_is_its_portal_where_the_report_names_one() -> None:
    ctx = _context(WITH_PORTAL)
    for written in ("厅官网", "厅网站", "省教育厅网站", "厅门户网站"):
        assert _author_platform(written, ctx) == "河北省教育厅门户网站", written
    assert _author_platform("厅长信箱", ctx) == "河北省教育厅厅长信箱"


def test_the_site_written_in_full_names_every_form() -> None:
    """Dev record kjt_0439fb_0764 writes 河北省科学技术厅网站 and 我厅门户网站: one site, named as written in full."""
    text = ("本报告的电子版可在河北省科学技术厅网站（http://kjt.hebei.gov.cn）查询下载。\n"
            "（三）充分利用我厅门户网站公开政府信息\n")
    document = Document("kjt", "kjt.txt", text, text, "", "text/plain", "utf-8")
    ctx = Context(document, Report(author_name="河北省科学技术厅"))
    assert _author_platform("我厅门户网站", ctx) == "河北省科学技术厅网站"


def test_a_report_without_a_portal_keeps_the_word() -> None:
    assert _author_platform("厅官网", _context(WITHOUT_PORTAL)) == "河北省教育厅官网"
