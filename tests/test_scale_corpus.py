"""The benchmark corpus (bench/corpus.py): real paragraphs with other real places, deterministic with a seed."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from bench.corpus import Generator, default_sources, generate, stem
from kg.resources import read_tsv

DEPARTMENTS = Path(__file__).resolve().parent.parent / "bench" / "data" / "departments.tsv"


@cache
def generator(seed: int = 7) -> Generator:
    return Generator(seed)


def division_names() -> set[str]:
    return {row[1] for row in read_tsv("gazetteer/divisions.tsv", 4)}


@cache
def any_place() -> re.Pattern[str]:
    """Every division name of three characters or more, and the short forms of provinces and prefectures: a
    swapped-in place is named either way."""
    rows = read_tsv("gazetteer/divisions.tsv", 4)
    names = {row[1] for row in rows if len(row[1]) >= 3}
    names |= {stem(row[1]) for row in rows if row[2] in ("province", "prefecture") and len(stem(row[1])) >= 2}
    return re.compile(f"(?:{'|'.join(sorted(map(re.escape, names), key=len, reverse=True))})(?!域)")


def masked(text: str) -> str:
    """Places and numbers blanked: what stays of a paragraph when its places and years are swapped."""
    return re.sub(r"\d+", "#", any_place().sub("@", text)).strip()


def test_scale_corpus_is_deterministic_and_report_i_depends_on_i_only(tmp_path: Path) -> None:
    generate(tmp_path / "a", n=4, seed=7)
    generate(tmp_path / "b", n=6, seed=7)
    generate(tmp_path / "c", n=4, seed=8)
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == [f"bench_{i:05d}.txt" for i in range(4)]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
        assert (tmp_path / "a" / name).read_bytes() != (tmp_path / "c" / name).read_bytes()


def test_scale_corpus_paragraphs_are_real_ones() -> None:
    gen = generator()
    real = {masked(p) for source in gen.sources for p in source.paragraphs}
    for index in range(5):
        _, text = gen.report(index)
        body = text.splitlines()[1:-2]  # between the title and the signature (author, date)
        assert len(body) > 10
        for line in body:
            assert masked(line) in real, line


def test_scale_corpus_places_and_authors_are_real_names() -> None:
    gen = generator()
    divisions = division_names()
    departments = {line.split("\t")[0] for line in DEPARTMENTS.read_text(encoding="utf-8").splitlines()
                   if line and not line.startswith("#")}
    for index in range(20):
        _, text = gen.report(index)
        title, author, date = text.splitlines()[0], text.splitlines()[-2], text.splitlines()[-1]
        assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", date)
        assert title.startswith(author) and title.endswith("年法治政府建设年度报告")
        assert any(author == place + body for place in divisions for body in departments
                   if author.startswith(place)), author
        for match in gen.gaz.pattern.finditer(text):
            assert match.group() in divisions


def test_scale_corpus_swaps_a_source_place_for_the_report_place() -> None:
    """益阳市 is seed 000's own city: it becomes the report's city (益阳 its short form too), and the years move
    with the report's year."""
    import random

    gen = generator()
    source = next(s for s in gen.sources if s.name.startswith("000_"))
    assert source.home["prefecture"] == "益阳市" and source.year == 2021
    paragraph = next(p for p in source.paragraphs if "益阳市" in p and "2021" in p)
    place = {"province": "四川省", "prefecture": "绵阳市", "county": "涪城区"}
    text = gen._rewrite(paragraph, source, place, 2019, {}, random.Random(1))
    assert "益阳" not in text
    assert text.count("绵阳") == paragraph.count("益阳") > 0
    assert "2021" not in text and text.count("2019") >= paragraph.count("2021")
    assert stem("广西壮族自治区") == "广西" and stem("恩施土家族苗族自治州") == "恩施" and stem("益阳市") == "益阳"


def test_scale_corpus_default_size_is_twenty_million_characters() -> None:
    gen = generator()
    sample = [len(gen.report(i)[1]) for i in range(0, 1000, 25)]  # every 25th report of the default 1,000
    assert sum(sample) / len(sample) * 1000 >= 20_000_000


@pytest.mark.parametrize("source", default_sources()[:5], ids=lambda p: p.name)
def test_scale_corpus_reads_each_seed(source: Path) -> None:
    gen = generator()
    assert any(s.name == source.name and len(s.paragraphs) >= 3 for s in gen.sources)
