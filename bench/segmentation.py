"""Compare Chinese segmenters for govkg: speed, load cost, how often token boundaries cut through entities.

Run from the project root:  .venv/bin/python bench/segmentation.py [--pkuseg-model DIR] [--out FILE]

pkuseg's pretrained ``default`` model cannot be downloaded at run time; the pkuseg 0.0.25 sdist carries it:
    pip install wheel cython numpy
    pip download --no-deps --no-build-isolation pkuseg==0.0.25 -d /tmp/pkuseg_src
    tar xzf /tmp/pkuseg_src/pkuseg-0.0.25.tar.gz -C /tmp/pkuseg_src   # -> .../pkuseg/models/default
Keep it outside the repository. Without it the two pkuseg rows are skipped.
Each segmenter runs in its own spawned process, one after the other, so load time and RSS are its own.
"""

from __future__ import annotations

import argparse
import datetime
import json
import multiprocessing
import platform
import time
from collections import Counter
from collections.abc import Callable, Iterable
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path("/work/shared")
TEXTS = sorted(ROOT.glob("seeds/*.txt")) + sorted(SHARED.glob("corpus/*.txt"))
GOLD = sorted(SHARED.glob("gold/*.json"))
CLUENER = SHARED / "benchmarks/cluener2020/dev.json"
CLUENER_LABELS = ("government", "name", "address", "company")
GOLD_TYPES = ("Agency", "Organization", "Law", "PolicyDocument", "Reform", "Place", "Person", "Platform")
PKUSEG_DEFAULT = "/tmp/pkuseg_src/pkuseg-0.0.25/pkuseg/models/default"
SEGMENTERS = ("govkg CharTokenizer", "spaCy zh char", "jieba.cut", "spaCy zh + jieba",
              "spacy-pkuseg default", "spaCy zh + pkuseg default")
Cut = Callable[[str], Iterable[str]]


def load_segmenter(name: str, pkuseg_model: str) -> Cut:
    """Everything a process must do before it can segment: imports, dictionaries, models, first call."""
    import spacy

    if name == "govkg CharTokenizer":
        from kg.nlp.pipeline import load_pipeline

        cut: Cut = load_pipeline().tokenizer
    elif name == "spaCy zh char":
        cut = spacy.blank("zh").tokenizer
    elif name == "jieba.cut":
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        cut = lambda text: list(jieba.cut(text))  # noqa: E731  (cut is a generator; time the whole list)
    elif name == "spaCy zh + jieba":
        cut = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}}).tokenizer
    elif name == "spacy-pkuseg default":
        import spacy_pkuseg

        cut = spacy_pkuseg.pkuseg(model_name=pkuseg_model).cut
    else:
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
        nlp.tokenizer.initialize(pkuseg_model=pkuseg_model)
        cut = nlp.tokenizer
    cut("益阳市行政审批服务局深化“一件事一次办”改革。")  # jieba and pkuseg finish loading on the first call
    return cut


def boundaries(text: str, tokens: Iterable[str]) -> set[int]:
    """Offsets where a token starts or ends; tokens are found left to right (pkuseg drops whitespace)."""
    cuts, cursor = {0, len(text)}, 0
    for token in tokens:
        token = str(token)
        if not token.strip():
            continue
        start = text.find(token, cursor)
        if start < 0:
            raise ValueError(f"token {token!r} not found after offset {cursor}")
        cursor = start + len(token)
        cuts.update((start, cursor))
    return cuts


def gold_occurrences(fold: Callable[[str], str]) -> list[tuple[str, str, int, int, bool]]:
    """(stem, type, start, end, maximal) for every occurrence of every gold mention in its folded seed text.

    ``maximal`` is False when the occurrence lies strictly inside an occurrence of a longer gold mention
    (市委 inside 市委组织部): str.find counts it, but it is not a mention of its own.
    """
    found = []
    for gold_path in GOLD:
        text = fold((ROOT / "seeds" / f"{gold_path.stem}.txt").read_text(encoding="utf-8"))
        entities = json.loads(gold_path.read_text(encoding="utf-8"))["entities"]
        mentions = {(entity["type"], fold(m)) for entity in entities for m in entity["mentions"]}
        spans = []
        for kind, mention in sorted(mentions):
            start = text.find(mention)
            while start >= 0:
                spans.append((kind, start, start + len(mention)))
                start = text.find(mention, start + len(mention))
        for kind, start, end in spans:
            inside = any(s <= start and end <= e and e - s > end - start for _, s, e in spans)
            found.append((gold_path.stem, kind, start, end, not inside))
    return found


def cluener_spans() -> list[tuple[str, str, int, int]]:
    """(text, label, start, end exclusive) for the CLUENER2020 dev labels that matter to govkg."""
    spans = []
    for line in CLUENER.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for label in CLUENER_LABELS:
            for offsets in record["label"].get(label, {}).values():
                spans.extend((record["text"], label, start, end + 1) for start, end in offsets)
    return spans


def measure(name: str, pkuseg_model: str) -> dict:
    """Load one segmenter in this (fresh) process, then time it and check entity boundaries against it."""
    import psutil
    import spacy  # noqa: F401  (imported before the baseline: every option needs it)

    from kg.ingest.fold import fold

    texts = [fold(path.read_text(encoding="utf-8")) for path in TEXTS]
    occurrences, clue = gold_occurrences(fold), cluener_spans()
    process = psutil.Process()
    rss_before, started = process.memory_info().rss, time.perf_counter()
    cut = load_segmenter(name, pkuseg_model)
    load_s, rss_mb = time.perf_counter() - started, (process.memory_info().rss - rss_before) / 2**20
    tokens = sum(1 for text in texts for token in cut(text) if str(token).strip())  # also the warm-up
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        for text in texts:
            cut(text)
        runs.append(time.perf_counter() - started)
    seeds = {stem: fold((ROOT / "seeds" / f"{stem}.txt").read_text(encoding="utf-8"))
             for stem, *_ in occurrences}
    cuts = {stem: boundaries(text, cut(text)) for stem, text in seeds.items()}
    gold = Counter()
    for stem, kind, start, end, maximal in occurrences:
        ok = start in cuts[stem] and end in cuts[stem]
        for key in (kind, "all") + (("maximal",) if maximal else ()):
            gold[key, ok] += 1
    clue_cuts: dict[str, set[int]] = {}
    cluener = Counter()
    for text, label, start, end in clue:
        if text not in clue_cuts:
            clue_cuts[text] = boundaries(text, cut(text))
        ok = start in clue_cuts[text] and end in clue_cuts[text]
        cluener[label, ok] += 1
        cluener["all", ok] += 1
    chars, visible = sum(map(len, texts)), sum(len("".join(text.split())) for text in texts)
    return {"load_s": load_s, "rss_mb": rss_mb, "cps": chars / min(runs), "chars": chars,
            "chars_per_token": visible / tokens, "gold": gold, "cluener": cluener}


def disk_mb(name: str, pkuseg_model: str) -> float:
    """Size of the data a segmenter reads: jieba's dictionary and HMM tables, pkuseg's model and dict."""
    if "jieba" in name:
        import jieba

        package = Path(jieba.__file__).parent
        files = [package / "dict.txt", *package.glob("finalseg/prob_*.py")]
    elif "pkuseg" in name:
        import spacy_pkuseg

        files = [*Path(pkuseg_model).iterdir(), Path(spacy_pkuseg.__file__).parent / "dicts/default.pkl"]
    else:
        files = []
    return sum(path.stat().st_size for path in files) / 2**20


def share(counts: Counter, key: str) -> str:
    ok, total = counts[key, True], counts[key, True] + counts[key, False]
    return f"{100 * ok / total:.1f}" if total else "–"


def report(results: dict[str, dict], pkuseg_model: str, command: str) -> str:
    """Markdown: what ran where, then tables for speed, gold-mention alignment and CLUENER alignment."""
    first = next(iter(results.values()))
    gold, clue = first["gold"], first["cluener"]
    n = lambda counts, key: counts[key, True] + counts[key, False]  # noqa: E731
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    lines = [
        "# Segmentation benchmark", "",
        f"- Date: {datetime.date.today().isoformat()}; machine: {multiprocessing.cpu_count()} cores, {cpu}, "
        f"{platform.system()} {platform.release()}; timings on one core.",
        f"- Versions: Python {platform.python_version()}, spaCy {version('spacy')}, "
        f"jieba {version('jieba')}, "
        f"spacy-pkuseg {version('spacy-pkuseg')}, pkuseg model: `default` from the pkuseg 0.0.25 sdist "
        f"({pkuseg_model}).",
        f"- Command: `{command}`",
        f"- Texts: {len(TEXTS)} files (seeds + shared corpus) folded to Simplified, "
        f"{first['chars']:,} characters. Speed: best of 3 passes after one warm-up pass, whole documents. "
        "Load: imports + model + first call, "
        "in a fresh process; RSS: increase over a process that has already imported spaCy. "
        "chars/word: non-whitespace characters per non-whitespace token. jieba loads from the prefix-dict "
        "cache it writes to the temp dir on first use; load times vary by a few tenths of a second.", "",
        "| segmenter | chars/s | chars/word | load s | RSS +MB | data on disk MB |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for name, r in results.items():
        lines.append(f"| {name} | {r['cps']:,.0f} | {r['chars_per_token']:.2f} | {r['load_s']:.2f} | "
                     f"{r['rss_mb']:.0f} | {disk_mb(name, pkuseg_model):.1f} |")
    keys = [*GOLD_TYPES, "all", "maximal"]
    lines += ["", "Gold mentions (3 gold files; every occurrence of every folded mention in its folded "
              "seed): "
              "% whose start and end both fall on token boundaries. `maximal` leaves out occurrences nested "
              "in a longer gold mention's occurrence (市委 inside 市委组织部).", "",
              "| segmenter | " + " | ".join(f"{k} ({n(gold, k)})" for k in keys) + " |",
              "|---|" + "--:|" * len(keys)]
    lines += [f"| {name} | " + " | ".join(share(r["gold"], k) for k in keys) + " |"
              for name, r in results.items()]
    keys = [*CLUENER_LABELS, "all"]
    lines += ["", "CLUENER2020 dev (news, not our genre): % of entity spans on token boundaries.", "",
              "| segmenter | " + " | ".join(f"{k} ({n(clue, k)})" for k in keys) + " |",
              "|---|" + "--:|" * len(keys)]
    lines += [f"| {name} | " + " | ".join(share(r["cluener"], k) for k in keys) + " |"
              for name, r in results.items()]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pkuseg-model", default=PKUSEG_DEFAULT, help="directory of pkuseg's default model")
    parser.add_argument("--out", type=Path, default=ROOT / "bench/segmentation-results.md")
    args = parser.parse_args()
    have_pkuseg = (Path(args.pkuseg_model) / "weights.npz").is_file()
    names = [name for name in SEGMENTERS if have_pkuseg or "pkuseg" not in name]
    results = {}
    context = multiprocessing.get_context("spawn")
    for name in names:
        with context.Pool(1) as pool:
            results[name] = pool.apply(measure, (name, args.pkuseg_model))
    command = ".venv/bin/python bench/segmentation.py" + (
        f" --pkuseg-model {args.pkuseg_model}" if args.pkuseg_model != PKUSEG_DEFAULT else "")
    markdown = report(results, args.pkuseg_model, command)
    print(markdown)
    args.out.write_text(markdown, encoding="utf-8")


if __name__ == "__main__":
    main()
