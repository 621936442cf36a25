"""The same seed, written in every encoding Chinese reports come in, ingests to the same text."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from kg.ingest import ingest
from kg.ingest.encoding import decode

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SIMPLIFIED = ["000_305e9a0e456975a1", "002_51acc513f15262cb", "004_c1d22c4bd29ea185"]
TRADITIONAL = ["001_c41a6bf51d27d1a9", "003_800e7386b3b145c4"]
ALL = SIMPLIFIED + TRADITIONAL


def seed_text(stem: str) -> str:
    return (SEEDS / f"{stem}.txt").read_bytes().decode("utf-8")


def encodable_paragraphs(text: str, codec: str) -> str:
    """The seed's lines that ``codec`` can encode, each whole: characters are never dropped from a line."""
    kept = []
    for line in text.split("\n"):
        try:
            line.encode(codec)
        except UnicodeEncodeError:
            continue
        kept.append(line)
    return "\n".join(kept)


ENCODERS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "gbk": lambda text: text.encode("gbk"),
    "gb18030": lambda text: text.encode("gb18030"),
    "big5": lambda text: text.encode("big5"),
    "utf-16-le-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be-bom": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-32-le-bom": lambda text: codecs.BOM_UTF32_LE + text.encode("utf-32-le"),
    "utf-16-le-no-bom": lambda text: text.encode("utf-16-le"),
    "utf-16-be-no-bom": lambda text: text.encode("utf-16-be"),
}
EXPECTED_CODEC = {
    "utf-8": "utf-8", "utf-8-bom": "utf-8-sig", "gbk": "gb18030", "gb18030": "gb18030", "big5": "big5",
    "utf-16-le-bom": "utf-16", "utf-16-be-bom": "utf-16", "utf-32-le-bom": "utf-32",
    "utf-16-le-no-bom": "utf-16-le", "utf-16-be-no-bom": "utf-16-be",
}
EVERY_SEED_FORMS = ("utf-8", "utf-8-bom", "gb18030", "utf-16-le-bom", "utf-16-be-bom")
CASES = [
    *[(stem, form) for stem in ALL for form in EVERY_SEED_FORMS],
    # seed 002 has U+2002 EN SPACE, which GBK lacks (GB18030 has it)
    *[(stem, "gbk") for stem in ("000_305e9a0e456975a1", "004_c1d22c4bd29ea185", *TRADITIONAL)],
    *[(stem, "big5") for stem in TRADITIONAL],
    ("002_51acc513f15262cb", "utf-32-le-bom"),
    ("000_305e9a0e456975a1", "utf-16-le-no-bom"),
    ("001_c41a6bf51d27d1a9", "utf-16-be-no-bom"),
]


@pytest.mark.parametrize(("stem", "form"), CASES)
def test_ingest_encoding_same_text_as_utf8(tmp_path: Path, stem: str, form: str) -> None:
    original = seed_text(stem)
    if form == "big5":
        original = encodable_paragraphs(original, "big5")
        assert len(original) == len(seed_text(stem))  # every line of the Traditional seeds is in Big5
    data = ENCODERS[form](original)
    path = tmp_path / f"{stem}.txt"
    path.write_bytes(data)

    doc = ingest(path)

    assert doc.text == original
    assert doc.encoding == EXPECTED_CODEC[form]
    assert doc.text == data.decode(doc.encoding)  # offsets are offsets into the decoded file


@pytest.mark.parametrize("stem", TRADITIONAL)
def test_ingest_encoding_big5_traditional_folds_to_simplified(tmp_path: Path, stem: str) -> None:
    path = tmp_path / f"{stem}.txt"
    path.write_bytes(seed_text(stem).encode("big5"))

    doc = ingest(path)

    assert "法治政府建設" in doc.text
    assert "法治政府建设" in doc.norm
    assert "建設" not in doc.norm


def test_ingest_encoding_keeps_crlf(tmp_path: Path) -> None:
    original = seed_text("002_51acc513f15262cb").replace("\n", "\r\n")
    path = tmp_path / "crlf.txt"
    path.write_bytes(original.encode("gb18030"))

    doc = ingest(path)

    assert doc.text == original
    assert "\r\n" in doc.text
    assert all("\r" not in doc.text[s.start:s.end] for s in doc.sentences)
    assert [sec.heading for sec in doc.sections if sec.level == 1] == [
        "一、法治政府建设基本情况", "二、存在的困难和问题", "三、下一步工作打算和建议",
    ]


@pytest.mark.parametrize(
    ("sample", "codec"),
    [
        ("法治政府建設", "big5"),
        ("法治政府建设", "gbk"),
        ("市委、市人民政府:", "gb18030"),
        ("來源:防城港市", "big5"),
    ],
)
def test_ingest_encoding_short_chinese_is_not_confused(sample: str, codec: str) -> None:
    text, _found = decode(sample.encode(codec), "sample.txt")
    assert text == sample
