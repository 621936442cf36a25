"""End-to-end benchmark on real documents: every stage a user runs, on the Hebei corpus and its multiples.

Run from the project root (about 15 minutes for the Hebei corpus alone on 2 cores; x4 and x16 add about 20 and
80 minutes per --jobs setting):

    .venv/bin/python bench/real.py [--multiples 1,4,16] [--jobs 1,2] [--corpus ../shared/corpus/hebei]
                                   [--generated N] [--stages ...] [--profile DIR] [--work /tmp/govkg-real]

The corpus is ../shared/corpus/hebei as scraped (1,268 documents, 4.78 M characters, many a single long line);
its multiples are copies with the places swapped for other real divisions (bench/corpus.py:swapped_copies,
made once and kept in --work). ``--generated N`` uses N reports recombined from real paragraphs instead
(bench/corpus.py:generate, the corpus of bench/scale.py). For each multiple and each --jobs setting it prints:

- extract: the workers alone (ingest, NER, relations, quads, N-Quads), no store;
- store-only build: ``kg build --store-only`` with its stages (extract and load, link reports, compaction);
- build: ``kg build`` with every default output (store, graph.ttl, graph.trig, graph.html, manifest);

then, on the store of the last build: ``kg export --format turtle``, ``--format trig`` (after a full build: the
build's own files, copied), the Turtle export read back from the store (export-turtle-store: what ``kg export``
costs after ``--store-only`` or a later write), ``kg viz`` and ``kg validate``. Each line gives wall seconds,
CPU seconds (the process and its children: user + sys), characters per second of wall time, quads and the peak
resident memory of the process tree (sampled every 0.1 s). The machine is shared: CPU seconds are the steadier
figure; wall seconds depend on the load (printed).

``--profile DIR`` runs each stage once more under pyinstrument (``pip install pyinstrument``) on the first
multiple and writes DIR/<stage>.txt (build workers are separate processes: extract is profiled with --jobs 1).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.corpus import generate, swapped_copies  # noqa: E402
from bench.scale import _tree_rss  # noqa: E402

KG = [sys.executable, "-m", "kg.cli"]
HEBEI = ROOT.parent / "shared" / "corpus" / "hebei"
STAGES = ("extract", "store-only", "build", "export-turtle", "export-trig", "export-turtle-store", "viz", "validate")

# Runs in a child: a build through the Python API, so that its per-stage timings can be printed.
_BUILD = """
import json, sys
from kg.build import build
from kg.parallel import spacy_without_torch
with spacy_without_torch():
    summary = build([sys.argv[1]], sys.argv[2], jobs=int(sys.argv[3]), store_only=sys.argv[4] == "1")
print(json.dumps({"quads": summary.triples, "documents": summary.documents, "timings": summary.timings}))
"""
# kg export reading the store back even where the build's own graph.ttl stands beside it (given an open store,
# kg.export cannot tell that nothing wrote to it since): what `kg export` costs after a --store-only build
_EXPORT_STORE = """
import sys
import pyoxigraph as ox
from kg.export import export
print(export(ox.Store.read_only(sys.argv[1]), sys.argv[2], sys.argv[3]), "statements written")
"""
# The workers alone: every report to N-Quads on the same pool a build uses, nothing stored.
_EXTRACT = """
import json, sys
from pathlib import Path
from kg.build import build_report, ReportQuads
from kg.ingest import find_inputs
from kg.parallel import executor_for, imap, spacy_without_torch
files = [p for p in find_inputs([sys.argv[1]]) if isinstance(p, Path)]
quads = 0
with spacy_without_torch(), executor_for(int(sys.argv[2])) as work:
    for outcome in imap(build_report, files, *work):
        quads += outcome.entry.quads if isinstance(outcome, ReportQuads) else 0
print(json.dumps({"quads": quads, "documents": len(files)}))
"""


@dataclass
class Measured:
    stage: str
    wall: float
    cpu: float
    peak_rss: int
    quads: int = 0
    detail: str = ""


def measured(stage: str, command: list[str], exit_codes: tuple[int, ...] = (0,)) -> tuple[Measured, str]:
    """Run ``command``: wall and CPU seconds (children included), peak RSS of the tree (sampled), its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with open(os.devnull, "rb") as nothing:
        process = psutil.Popen(command, cwd=ROOT, stdin=nothing, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    lines: list[bytes] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reader.start()
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process))
        time.sleep(0.1)
    reader.join()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    output = b"".join(lines).decode("utf-8", errors="replace")
    if process.returncode not in exit_codes:
        raise SystemExit(f"{stage}: {' '.join(command[:4])} ... failed ({process.returncode}):\n{output[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measured(stage, wall, cpu, peak), output


def last_json(output: str) -> dict:
    return json.loads(output.strip().splitlines()[-1])


def corpus(args: argparse.Namespace, multiple: int) -> tuple[Path, int, int]:
    """The corpus folder for ``multiple`` (made once), its number of files and of characters."""
    if args.generated:
        folder = args.work / f"generated-{args.generated * multiple}"
        make = lambda: generate(folder, args.generated * multiple)  # noqa: E731
    elif multiple == 1:
        files = sorted(args.corpus.glob("*.txt"))
        return args.corpus, len(files), sum(len(p.read_text(encoding="utf-8", errors="replace")) for p in files)
    else:
        folder = args.work / f"{args.corpus.name}-x{multiple}"
        make = lambda: swapped_copies(args.corpus, folder, multiple)  # noqa: E731
    stamp = folder / ".done.json"
    if not stamp.is_file():
        shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        files, chars = make()
        stamp.write_text(json.dumps({"files": files, "chars": chars}))
        print(f"made {folder} ({files:,} files) in {time.perf_counter() - started:.0f} s", flush=True)
    made = json.loads(stamp.read_text())
    return folder, made["files"], made["chars"]


def stages_of(args: argparse.Namespace, folder: Path, jobs: int, multiple: int) -> list[Measured]:
    python = [sys.executable, "-c"]
    out = args.work / f"out-x{multiple}-j{jobs}"
    found = []
    if "extract" in args.stages:
        row, output = measured("extract", [*python, _EXTRACT, str(folder), str(jobs)])
        row.quads = last_json(output)["quads"]
        found.append(row)
    for stage, store_only in (("store-only", "1"), ("build", "0")):
        if stage not in args.stages:
            continue
        shutil.rmtree(out, ignore_errors=True)
        row, output = measured(stage, [*python, _BUILD, str(folder), str(out), str(jobs), store_only])
        report = last_json(output)
        row.quads = report["quads"]
        row.detail = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report["timings"].items())
        found.append(row)
    return found


def stages_on_store(args: argparse.Namespace, store: Path, quads: int) -> list[Measured]:
    commands = {
        "export-turtle": [*KG, "export", "--store", str(store), "-f", "turtle", "-o", str(args.work / "x.ttl")],
        "export-trig": [*KG, "export", "--store", str(store), "-f", "trig", "-o", str(args.work / "x.trig")],
        "export-turtle-store": [sys.executable, "-c", _EXPORT_STORE, str(store), "turtle", str(args.work / "x.ttl")],
        "viz": [*KG, "viz", "--store", str(store), "-o", str(args.work / "x.html")],
        "validate": [*KG, "validate", "--store", str(store)],
    }
    found = []
    for stage, command in commands.items():
        if stage in args.stages:
            # kg validate exits 1 on a graph with violations: still a measurement
            row, output = measured(stage, command, (0, 1) if stage == "validate" else (0,))
            row.quads = quads
            row.detail = next((line for line in output.splitlines() if "valid" in line), "")[:90]
            found.append(row)
    for leftover in ("x.ttl", "x.trig", "x.html"):
        (args.work / leftover).unlink(missing_ok=True)
    return found


def print_rows(rows: list[Measured], chars: int) -> None:
    for row in rows:
        speed = chars / row.wall if row.stage in ("extract", "store-only", "build") and row.wall else 0
        print(f"  {row.stage:<14}{row.wall:>8.1f}{row.cpu:>8.1f}{speed:>11,.0f}{row.quads:>11,}"
              f"{row.peak_rss / 2**20:>8,.0f}  {row.detail}", flush=True)


def profile(args: argparse.Namespace, folder: Path, store: Path) -> None:
    """Each stage once under pyinstrument, as text: where the time goes."""
    args.profile.mkdir(parents=True, exist_ok=True)
    base = [sys.executable, "-m", "pyinstrument", "-r", "text", "--show-all"]
    out = args.work / "out-profile"
    shutil.rmtree(out, ignore_errors=True)
    commands = {
        "build-store-only-j1": ["-m", "kg.cli", "build", str(folder), "--out", str(out), "--store-only"],
        "export-turtle": ["-m", "kg.cli", "export", "--store", str(store), "-f", "turtle", "-o",
                          str(args.work / "p.ttl")],
        "export-trig": ["-m", "kg.cli", "export", "--store", str(store), "-f", "trig", "-o",
                        str(args.work / "p.trig")],
        "viz": ["-m", "kg.cli", "viz", "--store", str(store), "-o", str(args.work / "p.html")],
        "validate": ["-m", "kg.cli", "validate", "--store", str(store)],
    }
    for name, command in commands.items():
        target = args.profile / f"{name}.txt"
        subprocess.run([*base, "-o", str(target), *command], cwd=ROOT, check=False, capture_output=True)
        print(f"  profile: {target}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=HEBEI, help="a folder of real reports (default: Hebei)")
    parser.add_argument("--generated", type=int, default=0, help="use N recombined reports instead (bench/scale)")
    parser.add_argument("--multiples", type=lambda t: [int(m) for m in t.split(",")], default=[1, 4, 16])
    parser.add_argument("--jobs", type=lambda t: [int(j) for j in t.split(",")], default=[1, 2])
    parser.add_argument("--stages", type=lambda t: t.split(","), default=list(STAGES),
                        help=f"comma-separated, of {','.join(STAGES)}")
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "govkg-real")
    parser.add_argument("--profile", type=Path, help="write a pyinstrument profile of each stage here")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"govkg end-to-end benchmark, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} "
          "(shared machine: wall seconds vary with the load, CPU seconds less)", flush=True)
    for multiple in args.multiples:
        folder, files, chars = corpus(args, multiple)
        print(f"\n{folder.name if multiple > 1 or args.generated else folder} x{multiple}: {files:,} files, "
              f"{chars:,} characters", flush=True)
        print(f"  {'stage':<14}{'wall s':>8}{'CPU s':>8}{'chars/s':>11}{'quads':>11}{'MiB':>8}  detail")
        quads, store = 0, None
        for jobs in args.jobs:
            print(f" --jobs {jobs} (load average {os.getloadavg()[0]:.1f})", flush=True)
            rows = stages_of(args, folder, jobs, multiple)
            print_rows(rows, chars)
            quads = max([quads, *(row.quads for row in rows)])
            built = args.work / f"out-x{multiple}-j{jobs}" / "store"
            store = built if built.is_dir() else store
        if store is not None:
            print(f" on the store (load average {os.getloadavg()[0]:.1f})", flush=True)
            print_rows(stages_on_store(args, store, quads), chars)
            if args.profile and multiple == args.multiples[0]:
                profile(args, folder, store)


if __name__ == "__main__":
    main()
