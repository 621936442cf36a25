"""HTML, DOCX and PDF versions of a seed, made here from the seed's own text, yield the seed's sentences."""

from __future__ import annotations

import html
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import ingest
from kg.model import Document

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
CJK_WIDE = "WF"


def seed_path(stem: str) -> Path:
    return next(SEEDS.glob(f"{stem}_*.txt"))


def seed_lines(stem: str) -> list[str]:
    return [line for line in seed_path(stem).read_text(encoding="utf-8").splitlines() if line.strip()]


@cache
def seed_sentences(stem: str) -> list[str]:
    return sentences(ingest(seed_path(stem)))


def sentences(doc: Document) -> list[str]:
    return [doc.text[s.start:s.end] for s in doc.sentences]


def is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in CJK_WIDE


# --- HTML ------------------------------------------------------------------------------------------------


def source_wrapped(line: str, every: int = 30) -> str:
    """The line as an HTML editor might wrap it: newlines in the source, only next to a Chinese character."""
    out, count = [], 0
    for index, char in enumerate(line):
        out.append(char)
        count += 1
        following = line[index + 1:index + 2]
        if count >= every and following and (is_wide(char) or is_wide(following)):
            out.append("\n    ")
            count = 0
    return "".join(out)


def web_page(lines: list[str], charset: str) -> str:
    paragraphs = "".join(
        f'<p style="text-indent:2em">\n    {source_wrapped(html.escape(line))}\n</p>\n' for line in lines
    )
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>2021年法治政府工作情况报告_监利市人民政府</title>
<meta name="PubDate" content="2022-01-04 16:46"><meta name="ContentSource" content="监利市司法局">
<style>p {{ color: #333 }} .x:before {{ content: "一、假标题" }}</style>
<script>var menu = "二、存在问题"; document.write("打印");</script></head>
<body><form id="form1"><div class="header"><a href="/">网站首页</a> <a>政务公开</a></div>
<nav><ul><li>首页</li><li>信息公开</li><li>办事服务</li></ul></nav>
<div class="main-nav">机构概况 | 政策文件</div>
<div class="breadcrumb">当前位置：首页 &gt; 政务公开 &gt; 法治政府建设</div>
<div class="article"><div class="content">
{paragraphs}</div>
<div class="bdshare_t">分享到：微信 微博</div>
<div class="tools">【打印本页】【关闭窗口】</div></div>
<footer><p>版权所有：监利市人民政府办公室</p><p>鄂ICP备12345678号</p></footer>
<script>console.log("三、下一步")</script></form></body></html>"""


@pytest.mark.parametrize(
    ("stem", "charset", "codec"), [("002", "gb2312", "gb18030"), ("003", "utf-8", "utf-8")]
)
def test_ingest_formats_html_yields_seed_sentences(
    tmp_path: Path, stem: str, charset: str, codec: str
) -> None:
    path = tmp_path / f"{stem}.html"
    path.write_bytes(web_page(seed_lines(stem), charset).encode(codec))

    doc = ingest(path)

    assert sentences(doc) == seed_sentences(stem)
    assert doc.media_type == "text/html"
    assert doc.encoding == codec
    for junk in ("网站首页", "机构概况", "当前位置", "var menu", "color:", "版权所有", "ICP备", "console"):
        assert junk not in doc.text


def test_ingest_formats_html_page_facts(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(web_page(seed_lines("004"), "gbk").encode("gbk"))

    doc = ingest(path)

    assert doc.metadata["title"] == "2021年法治政府工作情况报告"
    assert doc.metadata["page_title"] == "2021年法治政府工作情况报告_监利市人民政府"
    assert doc.metadata["publish_date"] == "2022-01-04"
    assert doc.metadata["publish_time"] == "16:46"
    assert doc.metadata["source"] == "监利市司法局"
    assert "分享到" not in doc.text  # the share bar's class gives it away: dropped with the HTML
    # the tools line is found by its words
    assert [doc.text[start:end] for start, end in doc.boilerplate] == ["【打印本页】【关闭窗口】"]


def test_ingest_formats_html_breaks_and_cells(tmp_path: Path) -> None:
    first, second, third = seed_lines("000")[1:4]
    page = f"<html><body><div>{first}<br>{second}</div><table><tr><td>{third}</td></tr></table></body></html>"
    path = tmp_path / "breaks.htm"
    path.write_text(page, encoding="utf-8")

    doc = ingest(path)

    assert doc.text == f"{first}\n{second}\n{third}"


@pytest.mark.parametrize(
    ("declared", "written", "codec"),
    [
        ("big5", "big5", "big5hkscs"),  # labels are read as browsers read them: Big5 as Big5-HKSCS
        ("utf-8", "gbk", "gb18030"),  # a wrong label: the bytes are not UTF-8
        ("gb2312", "utf-8", "utf-8"),  # a wrong label that decodes, but to mojibake
        ("iso-8859-1", "utf-8", "utf-8"),
        ("gbk", "big5", "big5"),
        ("no-such-charset", "gb18030", "gb18030"),
    ],
)
def test_ingest_formats_html_declared_charset_is_verified(
    tmp_path: Path, declared: str, written: str, codec: str
) -> None:
    lines = seed_lines("001")
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    path = tmp_path / "page.html"
    page = f'<html><head><meta charset="{declared}"></head><body>{body}</body></html>'
    path.write_bytes(page.encode(written))

    doc = ingest(path)

    assert doc.encoding == codec
    assert doc.text == "\n".join(lines)


# --- DOCX ------------------------------------------------------------------------------------------------


def test_ingest_formats_docx_paragraphs_and_table(tmp_path: Path) -> None:
    import docx

    lines = seed_lines("001")
    document = docx.Document()
    for line in lines[:-3]:
        document.add_paragraph(line)
    document.add_paragraph("")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = lines[-3], lines[-2]
    table.cell(1, 0).merge(table.cell(1, 1)).text = lines[-1]  # 贛公網安備 ... in a merged cell, read once
    path = tmp_path / "001.docx"
    document.save(path)

    doc = ingest(path)

    assert doc.text == "\n".join(lines)
    assert sentences(doc) == seed_sentences("001")
    assert doc.media_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert doc.encoding is None
    assert [doc.text[start:end] for start, end in doc.boilerplate] == ["贛公網安備 36050202000078號"]


# --- PDF -------------------------------------------------------------------------------------------------

MEASURE = 72  # display width of a full line: 36 Chinese characters


def laid_out(line: str) -> list[str]:
    """The line broken as a layout engine breaks it: by display width, never at a space."""
    rows, row, width = [], "", 0
    for char in line:
        char_width = 2 if is_wide(char) else 1
        if width + char_width > MEASURE and char != " " and not row.endswith(" "):
            rows.append(row)
            row, width = "", 0
        row += char
        width += char_width
    return [*rows, row] if row else rows


def write_pdf(path: Path, lines: list[str]) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))  # built in: Chinese without a font file
    pdf = canvas.Canvas(str(path))
    page, y = 1, 800
    pdf.setFont("STSong-Light", 10.5)
    for line in lines:
        for row in laid_out(line):
            if y < 60:
                pdf.drawString(290, 30, f"- {page} -")
                pdf.showPage()
                pdf.setFont("STSong-Light", 10.5)
                page, y = page + 1, 800
            pdf.drawString(40, y, row)
            y -= 16
    pdf.drawString(290, 30, f"- {page} -")
    pdf.save()


@pytest.mark.parametrize("stem", ["000", "001", "003", "004"])
def test_ingest_formats_pdf_yields_seed_sentences(tmp_path: Path, stem: str) -> None:
    path = tmp_path / f"{stem}.pdf"
    write_pdf(path, seed_lines(stem))

    doc = ingest(path)

    assert int(doc.metadata["pages"]) >= 2  # sentences also run over page breaks
    assert sentences(doc) == seed_sentences(stem)
    assert doc.media_type == "application/pdf"
    assert "- 1 -" not in doc.text


def test_ingest_formats_pdf_rejoins_wrapped_lines(tmp_path: Path) -> None:
    line = seed_lines("004")[0]
    assert len(laid_out(line)) > 3
    path = tmp_path / "one.pdf"
    write_pdf(path, [line])

    assert ingest(path).text == line


def test_ingest_formats_pdf_without_text_layer(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(40, 40, 500, 700, fill=1)  # a page that is only a picture
    pdf.showPage()
    pdf.save()

    with pytest.raises(InputError, match="no text layer") as error:
        ingest(path)
    assert "scan.pdf" in str(error.value)


def _encrypted_copy(source: Path, target: Path, user_password: str) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="RC4-128")
    with target.open("wb") as out:
        writer.write(out)


def test_ingest_formats_pdf_encrypted(tmp_path: Path) -> None:
    plain = tmp_path / "plain.pdf"
    write_pdf(plain, seed_lines("000")[:3])
    locked = tmp_path / "locked.pdf"
    _encrypted_copy(plain, locked, user_password="user-secret")

    with pytest.raises(InputError, match="encrypted") as error:
        ingest(locked)
    assert "locked.pdf" in str(error.value)


def test_ingest_formats_pdf_with_owner_password_only_is_read(tmp_path: Path) -> None:
    plain = tmp_path / "plain.pdf"
    write_pdf(plain, seed_lines("000")[:3])
    restricted = tmp_path / "restricted.pdf"
    _encrypted_copy(plain, restricted, user_password="")

    assert sentences(ingest(restricted)) == sentences(ingest(plain))
