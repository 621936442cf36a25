"""A national document carried from the news agency closes with its dateline (（新华社北京10月27日电）): 新华社 is
a medium, an Organization (SCHEMA), listed in ner/organizations.tsv with the other central media. Decisions §64."""

from __future__ import annotations

from tests.report_text import rule_spans

# The last article and dateline of train record kjt_70d3e9_0862.
TEXT = "第三十八条本条例自2020年12月1日起施行。（新华社北京10月27日电）\n"


def test_the_news_agency_of_a_dateline_is_an_organization() -> None:
    assert "新华社" in rule_spans(TEXT, "Organization")
