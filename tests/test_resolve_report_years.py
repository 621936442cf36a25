"""A report's year is the year it covers, its date the day it was signed (a speech's: the day it was delivered),
on every document of the seeds and ../shared/corpus, with the values read by hand off each text."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_store import built_corpus, needs_corpus, select

# doc id -> (year covered, date signed); why, as the text says it.
EXPECTED = {
    "000_305e9a0e456975a1": (2021, None),  # 2021年是实施“十四五”规划…; no date
    "001_c41a6bf51d27d1a9": (2024, None),  # 2024年法治政府建设工作; no date
    "002_51acc513f15262cb": (2021, "2021-12-31"),  # signed 2021年12月31日; the page was put up 2022-01-04
    "003_800e7386b3b145c4": (2021, "2022-01-06"),  # 2021年工作; signed 2022年1月6日, put up 2022-01-10
    "004_c1d22c4bd29ea185": (2021, None),
    "01_shenzhen_longhua_fazhi_2019": (2019, "2019-12-18"),
    "02_shenzhen_guangming_fazhi_2021": (2021, "2022-01-05"),  # 一、2021年主要工作情况; signed 2022年1月5日
    "03_guowuyuan_xingzheng_zhifa_sanxiang_2018": (2018, "2018-12-05"),  # 国办发〔2018〕118号, signed 2018年12月5日
    "04_guowuyuan_dudu_dianxing_jingyan_2018": (2018, "2018-11-19"),  # 国办发〔2018〕108号, signed before 附件
    "05_guangdong_gwr_2014": (2013, None),  # 一、2013年工作回顾; the text gives no date
    "06_beijing_gwr_2026": (2025, "2026-01-25"),  # 2026年…政府工作报告 reviews 2025, delivered 2026年1月25日
    "07_jilin_gwr_2026": (2025, "2026-01-27"),  # 2025年是“十四五”收官之年; delivered 2026年1月27日
    "08_shaanxi_gwr_2026": (2025, "2026-01-27"),  # 一、2025年工作回顾; delivered 2026年1月27日
}


@pytest.fixture(scope="module")
def corpus_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_corpus(tmp_path_factory)


@needs_corpus
def test_every_report_covers_its_year_and_is_dated_when_signed(corpus_graph: Path) -> None:
    rows = select(corpus_graph, """
        SELECT ?doc ?year ?issued WHERE {
          ?report a gk:Report .
          OPTIONAL { ?report gk:coversYear ?year } OPTIONAL { ?report dcterms:issued ?issued }
          BIND(REPLACE(STR(?report), "^.*/", "") AS ?doc)
        }""")
    found = {r["doc"]: (int(r["year"]) if "year" in r else None, r.get("issued")) for r in rows}
    assert found == EXPECTED

