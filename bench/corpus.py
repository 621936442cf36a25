"""A corpus of N rule-of-law reports for the scale benchmark, made of real paragraphs, deterministic with a seed.

Every paragraph comes from seeds/ or ../shared/corpus: a report is runs of consecutive paragraphs (a heading and
the paragraphs under it) from random sources. Place names (the NBS divisions of
kg/resources/gazetteer/divisions.tsv, and their short forms such as 益阳 for 益阳市) are replaced consistently
within a report: each source's own places become the report's, every other place another real place of the same
level. Years move with the report's year, so a 2019 report speaks of 2019 and plans 2020. Each report opens with
a title naming its author (a real place and a body from bench/data/departments.tsv) and closes with the author
and a date, as the genre does. Report ``i`` depends only on the seed and ``i``: a corpus of 4,000 begins with the
corpus of 1,000.

    python bench/corpus.py OUT_DIR --n 1000 --seed 7
"""

from __future__ import annotations

import argparse
import math
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEPARTMENTS = Path(__file__).resolve().parent / "data" / "departments.tsv"
LEVELS = ("province", "prefecture", "county")
YEARS = (2018, 2024)  # the years the reports cover
MEAN_CHARS = 22_000  # a report's mean length: 1,000 reports make more than 20 M characters
# A paragraph worth keeping states something (a full stop) or heads a section; titles, dates, signatures, page
# furniture and salutations are left out (each report gets its own title and signature).
_KEEP = re.compile(r"。|^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")
_YEAR = re.compile(r"(?<!\d)20[0-3]\d(?!\d)")
_STEM = re.compile(r"(?:壮族|回族|维吾尔)?自治区$|省$|市$|地区$|[区县盟旗]$")


def stem(name: str) -> str:
    """The short form of a division name: 益阳市 -> 益阳, 广西壮族自治区 -> 广西, 恩施土家族苗族自治州 -> 恩施."""
    if "自治州" in name or "自治县" in name or "自治旗" in name:
        return name[:2]
    return _STEM.sub("", name) or name


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    paragraphs: tuple[str, ...]
    home: dict[str, str]  # level -> the division the source is about (its most named one)
    year: int  # the year it is mostly about


@dataclass
class Gazetteer:
    """Province, prefecture and county names of kg/resources/gazetteer/divisions.tsv."""

    level: dict[str, str] = field(default_factory=dict)  # name -> level
    by_level: dict[str, list[str]] = field(default_factory=dict)
    counties: dict[str, list[str]] = field(default_factory=dict)  # prefecture name -> its counties
    province_of: dict[str, str] = field(default_factory=dict)  # prefecture name -> its province

    @classmethod
    def load(cls) -> Gazetteer:
        from kg.resources import read_tsv

        rows = [row for row in read_tsv("gazetteer/divisions.tsv", 4) if row[2] in LEVELS and row[1] != "市辖区"]
        name_of = {code: name for code, name, _, _ in rows}
        gaz = cls(by_level={level: [] for level in LEVELS})
        for _code, name, level, parent in rows:
            gaz.level.setdefault(name, level)
            if len(name) < 3:  # 赵县, 城区: never swapped in, since they are never swapped out (see pattern)
                continue
            gaz.by_level[level].append(name)
            if level == "county" and parent in name_of:
                gaz.counties.setdefault(name_of[parent], []).append(name)
            if level == "prefecture" and parent in name_of:
                gaz.province_of[name] = name_of[parent]
        gaz.by_level["prefecture"] = [p for p in gaz.by_level["prefecture"] if p in gaz.counties]
        return gaz

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Full names of three characters or more (二字 county names such as 城区 are common words), longest
        first; not followed by 域 (西安区域 is the 西安 area, not a 西安区)."""
        names = sorted((n for n in self.level if len(n) >= 3), key=len, reverse=True)
        return re.compile(f"(?:{'|'.join(map(re.escape, names))})(?!域)")


class Generator:
    """``Generator(seed).report(i)`` -> (file name, text) of report ``i``."""

    def __init__(self, seed: int = 7, mean_chars: int = MEAN_CHARS, sources: list[Path] | None = None) -> None:
        self.seed = seed
        self.mean_chars = mean_chars
        self.gaz = Gazetteer.load()
        texts = [(path.name, *_paragraphs(path)) for path in sources or default_sources()]
        self.short = self._short_forms([p for _, paragraphs, _ in texts for p in paragraphs])
        self.pattern = re.compile(f"{self.gaz.pattern.pattern}|{'|'.join(map(re.escape, self.short))}")
        self.sources = [self._source(name, paragraphs, text) for name, paragraphs, text in texts]
        self.slots = [(s, i) for s in self.sources for i in range(len(s.paragraphs))]
        self.departments = _departments()

    def _short_forms(self, paragraphs: list[str]) -> dict[str, str]:
        """Short form -> full name, for the provinces and prefectures the sources name in full (益阳 for 益阳市).
        Counties keep their full names only: their short forms are ordinary words too (光明, 东城 in 粤东城镇)."""
        named = {m.group() for p in paragraphs for m in self.gaz.pattern.finditer(p)}
        return {stem(name): name for name in sorted(named, key=lambda n: (len(n), n))
                if len(stem(name)) >= 2 and self.gaz.level[name] != "county"}

    def _full(self, surface: str) -> str:
        return surface if surface in self.gaz.level else self.short[surface]

    def _source(self, name: str, paragraphs: tuple[str, ...], text: str) -> Source:
        """The source's own places (the most named of each level) and year (the most named, title and dates
        included, targets such as 到2030年 not)."""
        named = Counter(self._full(m.group()) for p in paragraphs for m in self.pattern.finditer(p))
        home: dict[str, str] = {}
        for full, _ in named.most_common():
            home.setdefault(self.gaz.level[full], full)
        years = Counter(int(y) for y in re.findall(r"(?<![到至\d])(20[0-3]\d)年", text))
        return Source(name, paragraphs, home, years.most_common(1)[0][0] if years else YEARS[0])

    def report(self, index: int) -> tuple[str, str]:
        rng = random.Random(f"govkg-bench-{self.seed}-{index}")
        place = self._place(rng)
        author = place["county" if rng.random() < 0.5 else "prefecture"] + self._department(rng)
        year = rng.randint(*YEARS)
        sigma = 0.5
        target = min(max(rng.lognormvariate(math.log(self.mean_chars) - sigma**2 / 2, sigma), 4_000), 90_000)
        lines = [f"{author}{year}年法治政府建设年度报告"]
        mapping: dict[str, str] = {}
        size = 0
        while size < target:
            source, start = rng.choice(self.slots)
            for paragraph in source.paragraphs[start:start + rng.randint(2, 8)]:
                lines.append(self._rewrite(paragraph, source, place, year, mapping, rng))
                size += len(lines[-1])
        lines += [author, f"{year + 1}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日"]
        return f"bench_{index:05d}.txt", "\n".join(lines) + "\n"

    def _place(self, rng: random.Random) -> dict[str, str]:
        prefecture = rng.choice(self.gaz.by_level["prefecture"])
        return {"province": self.gaz.province_of[prefecture], "prefecture": prefecture,
                "county": rng.choice(self.gaz.counties[prefecture])}

    def _department(self, rng: random.Random) -> str:
        names, weights = zip(*self.departments, strict=True)
        return rng.choices(names, weights)[0]

    def _rewrite(self, paragraph: str, source: Source, place: dict[str, str], year: int, mapping: dict[str, str],
                 rng: random.Random) -> str:
        """The paragraph with the report's places and years."""
        def swap(match: re.Match[str]) -> str:
            full = self._full(match.group())
            level = self.gaz.level[full]
            if source.home.get(level) == full:
                target = place[level]
            else:
                target = mapping.setdefault(full, rng.choice(self.gaz.by_level[level]))
            return target if match.group() == full else stem(target)

        shift = year - source.year
        text = self.pattern.sub(swap, paragraph)
        return _YEAR.sub(lambda m: str(int(m.group()) + shift), text) if shift else text


def swapped_copies(source_dir: str | Path, out_dir: str | Path, copies: int, seed: int = 7) -> tuple[int, int]:
    """``copies`` times the reports of ``source_dir`` in ``out_dir``: copy 0 is the files as they are, copy ``c``
    each file with its places swapped for other real ones (``<name>_x<c>.txt``), as ``Generator`` swaps them
    (the file's own province, prefecture and county become another real chain, every other place another place
    of its level, consistently within the file), line for line, nothing else changed. Returns (files, chars)."""
    source, out = Path(source_dir), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = sorted(p for p in source.iterdir() if p.suffix == ".txt")
    generator = Generator(seed, sources=paths)
    files = chars = 0
    for path, origin in zip(paths, generator.sources, strict=True):
        text = path.read_text(encoding="utf-8", errors="replace")
        for copy in range(copies):
            if copy == 0:
                target, rewritten = out / path.name, text
            else:
                rng = random.Random(f"govkg-copy-{seed}-{path.name}-{copy}")
                place, mapping = generator._place(rng), {}
                rewritten = "\n".join(generator._rewrite(line, origin, place, origin.year, mapping, rng)
                                      for line in text.split("\n"))
                target = out / f"{path.stem}_x{copy}{path.suffix}"
            target.write_text(rewritten, encoding="utf-8")
            files += 1
            chars += len(rewritten)
    return files, chars


def default_sources() -> list[Path]:
    """The seeds and the shared held-out corpus (when it is there)."""
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    return paths + sorted(p for p in (SHARED / "corpus").glob("*.txt") if p.name[0].isdigit())


def _paragraphs(path: Path) -> tuple[tuple[str, ...], str]:
    """The file's paragraphs, read as kg reads them (decoded; Traditional folded to Simplified as mainland
    reports are written; page furniture blanked), and its whole folded text."""
    from kg.ingest import ingest

    document = ingest(path)
    traditional = sum(a != b for a, b in zip(document.text, document.norm, strict=True)) > len(document.text) / 50
    text = document.norm if traditional else document.text
    keep = []
    for line, norm in zip(text.splitlines(), document.norm.splitlines(), strict=True):
        if norm.strip() and _KEEP.search(norm):
            keep.append(line.strip())
    return tuple(keep), document.norm


def _departments() -> list[tuple[str, int]]:
    rows = []
    for number, line in enumerate(DEPARTMENTS.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            name, weight = line.split("\t")
            if not name or not weight.isdigit():
                raise ValueError(f"{DEPARTMENTS}:{number}: expected name<TAB>weight, got {line!r}")
            rows.append((name, int(weight)))
    return rows


def generate(out_dir: str | Path, n: int = 1000, seed: int = 7, mean_chars: int = MEAN_CHARS) -> tuple[int, int]:
    """Write reports 0..n-1 into ``out_dir``; returns (files, characters)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    generator = Generator(seed, mean_chars)
    chars = 0
    for index in range(n):
        name, text = generator.report(index)
        (out / name).write_text(text, encoding="utf-8")
        chars += len(text)
    return n, chars


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--n", type=int, default=1000, help="number of reports (default 1000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--mean-chars", type=int, default=MEAN_CHARS)
    args = parser.parse_args()
    files, chars = generate(args.out_dir, args.n, args.seed, args.mean_chars)
    print(f"{files} reports, {chars:,} characters in {args.out_dir}")


if __name__ == "__main__":
    main()
