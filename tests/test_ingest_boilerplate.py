"""Web-page lines are blanked in norm, kept in text, and give their facts; report frame facts; file facts."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import pytest

from kg.ingest import ingest
from kg.ingest.boilerplate import match_line
from kg.ingest.dates import iso_date
from kg.ingest.fold import fold
from kg.model import Document

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@cache
def seed(stem: str) -> Document:
    return ingest(next(SEEDS.glob(f"{stem}_*.txt")))


@pytest.mark.parametrize(
    ("stem", "line"),
    [
        ("001", "贛公網安備 36050202000078號"),
        ("002", "发布时间:2022-01-04 16:46"),
        ("002", "打印|关闭"),
        ("003", "來源:防城港市大數據和行政審批局 發表時間:2022-01-10 10:48"),
    ],
)
def test_ingest_boilerplate_seed_lines_blanked_in_norm(stem: str, line: str) -> None:
    doc = seed(stem)
    start = doc.text.index(line)
    end = start + len(line)
    assert (start, end) in doc.boilerplate
    assert doc.text[start:end] == line
    assert doc.norm[start:end] == " " * len(line)
    assert len(doc.norm) == len(doc.text)


@pytest.mark.parametrize(
    ("stem", "facts"),
    [
        ("002", {"publish_date": "2022-01-04", "publish_time": "16:46"}),
        (
            "003",
            {"publish_date": "2022-01-10", "publish_time": "10:48", "source": "防城港市大数据和行政审批局"},
        ),
    ],
)
def test_ingest_boilerplate_seed_page_facts(stem: str, facts: dict[str, str]) -> None:
    assert facts.items() <= seed(stem).metadata.items()


@pytest.mark.parametrize("stem", ["000", "004"])
def test_ingest_boilerplate_clean_seeds_have_none(stem: str) -> None:
    doc = seed(stem)
    assert doc.boilerplate == []
    assert doc.norm == fold(doc.text)


@pytest.mark.parametrize(
    "line",
    [
        "【打印】【关闭】",
        "字号:大 中 小",
        "【字体：大 中 小】",
        "分享到：微信 微博 QQ空间",
        "扫一扫在手机打开当前页",
        "浏览次数：1024",
        "赣ICP备05001234号-1",
        "京公网安备 11010502030143号",
        "上一篇：关于印发2021年法治政府建设工作要点的通知",
        "首页 > 政务公开 > 法治政府建设",
        "版权所有：监利市人民政府办公室  技术支持：某某网络公司",
        "發布時間：2022年01月04日 來源：市司法局 【打印本頁】【關閉窗口】",
    ],
)
def test_ingest_boilerplate_web_lines(line: str) -> None:
    assert match_line(fold(line)) is not None


@pytest.mark.parametrize(
    "line",
    [
        "市委、市人民政府:",
        "2021年12月31日",
        "一、2021年工作总结",
        "(一)抓组织领导,细化分解普法责任。",
        "主办方积极推进法治政府建设",
        "打印机等办公设备采购实行集中审批。",
        "来源可靠的数据是决策的依据。",
    ],
)
def test_ingest_boilerplate_report_lines_are_kept(line: str) -> None:
    assert match_line(fold(line)) is None


def test_ingest_boilerplate_related_links_tail(tmp_path: Path) -> None:
    report = (SEEDS / "004_c1d22c4bd29ea185.txt").read_text(encoding="utf-8")
    links = "相关链接\n关于印发法治政府建设实施方案的通知\n益阳市2021年法治政府建设年度报告\n"
    path = tmp_path / "with_links.txt"
    path.write_text(report.rstrip("\n") + "\n" + links, encoding="utf-8")

    doc = ingest(path)

    start = doc.text.index("相关链接")
    assert doc.boilerplate[-1] == (start, len(doc.text.rstrip()))
    assert doc.norm[start:].strip() == ""
    assert [doc.text[s.start:s.end] for s in doc.sentences] == [
        seed("004").text[s.start:s.end] for s in seed("004").sentences
    ]


@pytest.mark.parametrize(
    ("stem", "key", "value"),
    [
        ("002", "title", "2021年法治政府工作情况报告"),
        ("002", "signature_date", "2021-12-31"),
        ("003", "addressee", "市委、市人民政府"),
        ("003", "signature_date", "2022-01-06"),
    ],
)
def test_ingest_boilerplate_frame_facts(stem: str, key: str, value: str) -> None:
    assert seed(stem).metadata[key] == value


@pytest.mark.parametrize("stem", ["000", "001", "004"])
def test_ingest_boilerplate_no_title_from_a_paragraph(stem: str) -> None:
    assert "title" not in seed(stem).metadata


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2022年1月6日", "2022-01-06"),
        ("2021年12月31日", "2021-12-31"),
        ("二〇二二年一月六日", "2022-01-06"),
        ("二〇二一年十二月三十一日", "2021-12-31"),
        ("2022-01-04 16:46", "2022-01-04"),
        ("2022/1/4", "2022-01-04"),
        ("2022年2月30日", None),
    ],
)
def test_ingest_boilerplate_dates(written: str, iso: str | None) -> None:
    assert iso_date(written) == iso


def test_ingest_boilerplate_file_facts() -> None:
    path = next(SEEDS.glob("003_*.txt"))
    doc = seed("003")
    assert doc.doc_id == "003_800e7386b3b145c4"
    assert doc.path == str(path)
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.media_type == "text/plain"
    assert doc.encoding == "utf-8"
