"""Damaged and hostile report files, made at run time from the seeds' own text (nothing large is committed).

Each maker writes one file into a folder and returns its path; ``BAD_INPUTS`` pairs every maker with the
problem a build must report for it.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SEED_000 = SEEDS / "000_305e9a0e456975a1.txt"
SEED_001 = SEEDS / "001_c41a6bf51d27d1a9.txt"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def seed_text(path: Path = SEED_000) -> str:
    return path.read_text(encoding="utf-8")


def seed_lines(path: Path = SEED_000) -> list[str]:
    return [line for line in seed_text(path).splitlines() if line.strip()]


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("报告.txt", seed_text())
    return buffer.getvalue()


def pdf_bytes(lines: list[str], text_layer: bool = True) -> bytes:
    """A PDF of the lines in a CJK font (reportlab), or of a grey box only: a scan without a text layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    if text_layer:
        pdf.setFont("STSong-Light", 10)
        for row, line in enumerate(lines[:40]):
            pdf.drawString(40, 800 - 18 * row, line[:44])
    else:
        pdf.setFillGray(0.5)
        pdf.rect(40, 40, 500, 760, fill=1)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def encrypted_pdf_bytes() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(seed_lines()))))
    writer.encrypt(user_password="user-secret", owner_password="owner-secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_bytes(lines: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def damaged_docx_bytes() -> bytes:
    """A complete package whose word/document.xml is overwritten in the middle: the directory is intact."""
    data = bytearray(docx_bytes(seed_lines()))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    middle = start + info.compress_size // 2
    data[middle:middle + 64] = bytes(64)
    return bytes(data)


def web_page_of_scripts_and_menus() -> bytes:
    scripts = "".join(f"<script>var menu{i} = '政务公开'; document.write('<li>首页</li>');</script>" for i in range(50))
    menus = "<nav><ul>" + "".join(f"<li><a href='/{i}'>信息公开{i}</a></li>" for i in range(40)) + "</ul></nav>"
    return (f"<!DOCTYPE html><html><head><title>首页</title>{scripts}<style>body{{color:red}}</style></head>"
            f"<body>{menus}<div class='header'>网站首页</div><div class='footer'>版权所有</div>{scripts}"
            "</body></html>").encode()


def mixed_encodings_bytes() -> bytes:
    lines = seed_lines()
    return ("\n".join(lines[:3]) + "\n").encode("utf-8") + "\n".join(lines[3:8]).encode("gbk")


def nul_bytes() -> bytes:
    text = seed_text()
    return text[:200].encode() + b"\x00\x00\x00\x00" + text[200:].encode()


def write(name: str, data: bytes | Callable[[], bytes]) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data() if callable(data) else data)
        return path
    return make


def fifty_megabytes(folder: Path) -> Path:
    path = folder / "huge.txt"
    chunk = seed_text().encode("utf-8")
    with path.open("wb") as fh:
        for _ in range(50 * 2**20 // len(chunk) + 1):
            fh.write(chunk)
    return path


def folder_without_reports(folder: Path) -> Path:
    path = folder / "scans"
    path.mkdir()
    (path / "page1.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(64))
    (path / "notes.md").write_text("法治政府建设", encoding="utf-8")
    return path


def symlink_loop(folder: Path) -> Path:
    first, second = folder / "loop_a.txt", folder / "loop_b.txt"
    os.symlink(second, first)
    os.symlink(first, second)
    return first


def broken_symlink(folder: Path) -> Path:
    path = folder / "moved.txt"
    os.symlink(folder / "gone" / "report.txt", path)
    return path


# (id, maker, regex of the problem the one line states after "<path>: ")
BAD_INPUTS: list[tuple[str, Callable[[Path], Path], str]] = [
    ("empty", write("empty.txt", b""), r"empty file"),
    ("whitespace", write("blank.txt", " \n\t\r\n\u3000\n".encode()), r"contains only whitespace"),
    ("png", write("scan.png", PNG), r"unsupported file type '\.png'"),
    ("png-as-txt", write("picture.txt", PNG), r"binary data \(PNG image\), not text"),
    ("zip", write("reports.zip", zip_bytes), r"unsupported file type '\.zip'"),
    ("zip-as-txt", write("archive.txt", zip_bytes), r"binary data \(ZIP archive"),
    ("pdf-no-text-layer", write("scan.pdf", lambda: pdf_bytes([], text_layer=False)),
     r"PDF has no text layer \(1 pages of images\?\); run OCR on it first"),
    ("pdf-encrypted", write("locked.pdf", encrypted_pdf_bytes), r"encrypted PDF: it needs a password"),
    ("pdf-truncated", write("cut_short.pdf", lambda: pdf_bytes(seed_lines())[:3000]), r"truncated PDF"),
    ("docx-truncated", write("partial.docx", lambda: docx_bytes(seed_lines())[:20000]),
     r"truncated \.docx: the ZIP package has no central directory"),
    ("docx-damaged", write("damaged.docx", damaged_docx_bytes), r"damaged \.docx file \("),
    ("gbk-claiming-utf8", write("gbk_bom.txt", lambda: b"\xef\xbb\xbf" + seed_text().encode("gbk")),
     r"starts with a UTF-8 byte-order mark but is not UTF-8: .* at byte \d+ \(line 1: "),
    ("mixed-encodings", write("mixed.txt", mixed_encodings_bytes),
     r"mixed text encodings \(lines 1-3 utf-8, lines 4-8 gb18030\); save it in one encoding"),
    ("50-megabytes", fifty_megabytes, r"file too large: 50\.0 MB, the limit for this type is 4 MB"),
    ("html-scripts-and-menus", write("menus.html", web_page_of_scripts_and_menus),
     r"no text found in the page once scripts, styles, menus and page furniture are dropped"),
    ("nul-bytes", write("nul.txt", nul_bytes), r"NUL character in the text \(line 1, character 200\)"),
    ("lone-surrogate-utf8", write("surrogate.txt", lambda: seed_text()[:90].encode() + b"\xed\xa0\x80"
                                  + seed_text()[90:].encode()),
     r"cannot tell the text encoding: not UTF-8 "
     r"\(a lone UTF-16 surrogate written as UTF-8 at byte \d+ \(line 1: ed a0 80\)\)"),
    ("lone-surrogate-utf16", write("surrogate16.txt", lambda: "\ufeff报告".encode("utf-16-le") + b"\x00\xd8"
                                   + "法治政府建设".encode("utf-16-le")),
     r"starts with a UTF-16 byte-order mark but is not UTF-16: illegal UTF-16 surrogate at byte 6"),
    ("folder-without-reports", folder_without_reports,
     r"no supported files \(\.txt \.text \.html \.htm \.docx \.pdf\) in this directory"),
    ("missing", lambda folder: folder / "不存在的报告.txt", r"no such file or directory"),
    ("symlink-loop", symlink_loop, r"symlink loop"),
    ("broken-symlink", broken_symlink, r"broken symlink to .*gone/report\.txt"),
]
