"""Scale benchmark: build throughput, memory, store size, query latency against rdflib, incremental rebuild.

Run from the project root (one command; about 40 minutes at the default 1,000 reports on 2 cores):

    .venv/bin/python bench/scale.py [--n 1000] [--work /tmp/govkg-bench] [--repeat 20] [--subset 20]

1. makes N reports with bench/corpus.py (real paragraphs, other real places; deterministic, kept between runs);
2. builds them with ``kg build --store-only`` and ``--jobs 1`` then ``--jobs 2``: characters and reports per
   second, the peak resident memory of the build (parent and workers summed, sampled), the store's size; and
   once more on the first quarter of the corpus, for how memory grows with the corpus;
3. times every query in queries/ (its default parameters) on the N-report store: median and p95 of
   ``--repeat`` runs. rdflib's in-memory Dataset cannot hold a store of this size on a laptop (about 1 kB a
   quad), so the side-by-side comparison runs on the first ``--subset`` reports, loaded into rdflib and into a
   fresh Oxigraph store in the same run, with the ratio;
4. changes one report and times ``kg build --update --store-only``;
5. times writing graph.trig from the N-report store (``kg export``), what a build without --store-only adds.

The machine is shared and has 2 cores: figures vary from run to run; run it on an idle machine for yours.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.corpus import generate  # noqa: E402

KG = [sys.executable, "-m", "kg.cli"]


@dataclass
class Run:
    seconds: float
    peak_rss: int  # bytes, the process tree's sum at its highest sample
    output: str


def run(command: list[str], interval: float = 0.1) -> Run:
    """Run ``command``, sampling the resident memory of it and its children."""
    started = time.perf_counter()
    process = psutil.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(process.stdout), daemon=True)
    reader.start()
    while process.poll() is None:
        peak = max(peak, _tree_rss(process))
        time.sleep(interval)
    reader.join()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{''.join(output)}")
    return Run(seconds, peak, "".join(output))


def _tree_rss(process: psutil.Process) -> int:
    total = 0
    for proc in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += proc.memory_info().rss
    return total


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def corpus(work: Path, n: int, seed: int) -> tuple[Path, int]:
    """The corpus folder (made once per n and seed) and its number of characters."""
    folder = work / f"corpus-{n}-{seed}"
    stamp = folder / ".done.json"
    if not stamp.is_file():
        shutil.rmtree(folder, ignore_errors=True)
        _, chars = generate(folder, n, seed)
        stamp.write_text(json.dumps({"n": n, "seed": seed, "chars": chars}))
    return folder, json.loads(stamp.read_text())["chars"]


def build(inputs: Path, out: Path, jobs: int, update: bool = False) -> Run:
    if not update:
        shutil.rmtree(out, ignore_errors=True)
    command = [*KG, "build", str(inputs), "--out", str(out), "--store-only", "--jobs", str(jobs)]
    return run([*command, "--update"] if update else command)


def time_query(execute: Callable[[], int], repeat: int, budget: float, timeout: float,
               setup: Callable[[], object] = lambda: None) -> tuple[list[float], int]:
    """Seconds of each run of ``execute`` and its row count, in a forked child that is killed after ``timeout``
    s (neither rdflib nor a running Oxigraph query can be interrupted): at most ``repeat`` runs, fewer once
    ``budget`` s are spent; an empty list when even the first run did not finish. ``setup`` runs first, untimed."""
    receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)

    def child() -> None:
        setup()
        spent = 0.0
        for _ in range(repeat):
            start = time.perf_counter()
            rows = execute()
            spent += time.perf_counter() - start
            send.send((time.perf_counter() - start, rows))
            if spent >= budget:
                break

    process = multiprocessing.get_context("fork").Process(target=child, daemon=True)
    process.start()
    send.close()
    times: list[float] = []
    rows = -1
    deadline = time.perf_counter() + timeout
    while len(times) < repeat and receive.poll(max(0.0, deadline - time.perf_counter())):
        try:
            seconds, rows = receive.recv()
        except EOFError:
            break
        times.append(seconds)
    process.kill()
    process.join()
    return times, rows


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def query_table(store_dir: Path, subset: list[Path], repeat: int, budget: float, timeout: float) -> list[tuple]:
    """Per query: times and rows on the big store, on the subset in Oxigraph, on the subset in rdflib."""
    import pyoxigraph as ox
    import rdflib

    from kg.build import build_report
    from kg.namespace import PREFIXES
    from kg.query import bind, list_queries
    from kg.store import open_store

    small = ox.Store()
    dataset = rdflib.Dataset(default_union=True)
    for path in subset:
        nquads = build_report(path).nquads
        small.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        dataset.parse(data=nquads.decode("utf-8"), format="nquads")
    big = cache(lambda: open_store(store_dir, read_only=True))  # opened in each child, before timing
    rows = []
    for spec in list_queries():
        subs = bind(spec, None) or None
        init = {rdflib.Variable(v.value): _to_rdflib(t) for v, t in (subs or {}).items()}

        def on(store: ox.Store, spec=spec, subs=subs) -> int:
            return len(list(store.query(spec.sparql, use_default_graph_as_union=True, prefixes=PREFIXES,
                                        substitutions=subs)))

        def in_rdflib(spec=spec, init=init) -> int:
            return len(list(dataset.query(spec.sparql, initNs=PREFIXES, initBindings=init)))

        rows.append((spec.name, time_query(lambda on=on: on(big()), repeat, budget, timeout, big),
                     time_query(lambda on=on: on(small), repeat, budget, timeout),
                     time_query(in_rdflib, repeat, budget, timeout)))
        print(".", end="", flush=True)
    print()
    return rows


def _to_rdflib(term):
    import pyoxigraph as ox
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def change_one(folder: Path) -> tuple[Path, bytes]:
    """Append a sentence to the middle report; returns it and its old bytes (restored afterwards)."""
    files = sorted(folder.glob("*.txt"))
    target = files[len(files) // 2]
    old = target.read_bytes()
    target.write_bytes(old + "深入推进“一件事一次办”改革，全面推行证明事项告知承诺制。\n".encode())
    return target, old


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="reports in the corpus (default 1000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "govkg-bench")
    parser.add_argument("--repeat", type=int, default=20, help="runs per query (default 20)")
    parser.add_argument("--budget", type=float, default=20.0, help="seconds of runs per query and store")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds after which a query is given up")
    parser.add_argument("--subset", type=int, default=20, help="reports loaded into rdflib (default 20)")
    parser.add_argument("--no-growth", action="store_true", help="skip the build of a quarter of the corpus")
    parser.add_argument("--jobs", type=lambda text: [int(j) for j in text.split(",")], default=[1, 2],
                        help="the builds to time, e.g. 2 or 1,2 (default 1,2; the growth build uses the last)")
    parser.add_argument("--builds-only", action="store_true",
                        help="stop after the builds (for memory growth at large N: --n 4000 --jobs 2)")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"govkg scale benchmark: {args.n} reports, seed {args.seed}, {os.cpu_count()} cores "
          f"(shared machine: figures vary between runs)", flush=True)
    folder, chars = corpus(args.work, args.n, args.seed)
    print(f"corpus: {args.n:,} reports, {chars:,} characters ({folder})\n", flush=True)
    _print_builds(args, folder, chars)
    if args.builds_only:
        return
    _print_queries(args, folder)
    _print_update(args, folder)
    start = time.perf_counter()
    run([*KG, "export", "--store", str(args.work / f"out-j{args.jobs[-1]}" / "store"), "-f", "trig", "-o",
         str(args.work / "graph.trig")])
    size = (args.work / "graph.trig").stat().st_size
    print(f"\nkg export -f trig of the {args.n}-report store (what a build without --store-only adds, with "
          f"graph.ttl and graph.html): {time.perf_counter() - start:.1f} s, {size / 2**20:,.0f} MiB")
    (args.work / "graph.trig").unlink()


def _print_builds(args: argparse.Namespace, folder: Path, chars: int) -> None:
    print(f"{'build (--store-only)':<24}{'seconds':>9}{'chars/s':>11}{'reports/s':>11}{'peak RSS':>11}"
          f"{'store':>10}")
    for jobs in args.jobs:
        out = args.work / f"out-j{jobs}"
        result = build(folder, out, jobs)
        print(f"{f'--jobs {jobs}':<24}{result.seconds:>9.1f}{chars / result.seconds:>11,.0f}"
              f"{args.n / result.seconds:>11.2f}{result.peak_rss / 2**20:>8,.0f} MiB"
              f"{du(out / 'store') / 2**20:>6,.0f} MiB", flush=True)
        peak = result.peak_rss
    if not args.no_growth and args.n >= 8:
        quarter = args.work / "quarter"
        shutil.rmtree(quarter, ignore_errors=True)
        quarter.mkdir()
        for path in sorted(folder.glob("*.txt"))[: args.n // 4]:
            os.link(path, quarter / path.name)
        small = build(quarter, args.work / "out-quarter", args.jobs[-1])
        growth = peak / small.peak_rss - 1
        print(f"peak RSS, --jobs {args.jobs[-1]}: {small.peak_rss / 2**20:,.0f} MiB at {args.n // 4} reports, "
              f"{peak / 2**20:,.0f} MiB at {args.n}: {growth:+.0%} for 4x the reports", flush=True)


def _print_queries(args: argparse.Namespace, folder: Path) -> None:
    subset = sorted(folder.glob("*.txt"))[: args.subset]
    print(f"\nqueries: p50/p95 ms on the {args.n}-report store; p50 ms on the first {len(subset)} reports in "
          f"Oxigraph and in rdflib's in-memory Dataset, same run (> = not finished in {args.timeout:.0f} s)")
    rows = query_table(args.work / f"out-j{args.jobs[-1]}" / "store", subset, args.repeat, args.budget, args.timeout)
    print(f"{'query':<28}{'p50':>9}{'p95':>9}{'rows':>7} |{'oxigraph':>10}{'rdflib':>10}{'ratio':>8}{'rows':>9}")
    for name, (big, big_rows), (small, ox_rows), (rdf, rdf_rows) in rows:
        over = f">{args.timeout * 1000:.0f}"
        p50 = f"{statistics.median(big) * 1000:.1f}" if big else over
        p95_ = f"{p95(big) * 1000:.1f}" if big else over
        ox50 = statistics.median(small) if small else None
        rdf50 = statistics.median(rdf) if rdf else None
        ratio = f"{rdf50 / ox50:.0f}x" if ox50 and rdf50 else (f">{args.timeout / ox50:.0f}x" if ox50 else "?")
        same = str(ox_rows) if ox_rows == rdf_rows else f"{ox_rows}/{rdf_rows}"
        print(f"{name:<28}{p50:>9}{p95_:>9}{big_rows:>7} |{_ms(ox50, over):>10}{_ms(rdf50, over):>10}"
              f"{ratio:>8}{same:>9}", flush=True)


def _ms(seconds: float | None, over: str) -> str:
    return f"{seconds * 1000:.1f}" if seconds is not None else over


def _print_update(args: argparse.Namespace, folder: Path) -> None:
    target, old = change_one(folder)
    try:
        result = build(folder, args.work / f"out-j{args.jobs[-1]}", 1, update=True)
    finally:
        target.write_bytes(old)
    print(f"\nincremental: one of {args.n} reports changed ({target.name}), kg build --update --store-only: "
          f"{result.seconds:.1f} s (process start included)", flush=True)


if __name__ == "__main__":
    main()
