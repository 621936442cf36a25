"""Where a build worker's time goes: CPU seconds per stage of ``kg.build.build_report`` over generated reports.

    .venv/bin/python bench/worker_stages.py            # 50 reports of bench/corpus.py; --n, --seed, --repeat
    .venv/bin/python bench/worker_stages.py --corpus DIR --profile worker.html   # pyinstrument, if installed

The stages are those of build_report, run one after the other on each report as kg.pipeline.link runs them
with the shipped learned layers (the cyclic GC paused per report, as kg.parallel.gc_paused does): ingest, NER,
resolve (with the author ranker), verify (the entity verifier), relations (the rules), learned relations (the
relation model), metrics, to_quads (the report's graph), N-Quads serialisation and the pickle round trip a result
makes to the parent; each report's entities and relations are checked against link's own, so the stages cannot
drift from a build (before 2026-12-07, sitting 15, they left out the verifier and the relation model: a third of
the worker). Then the worker
function itself, timed whole, and the tasks a build makes of the reports (several small ones together,
``build_reports``). CPU time (user + sys of this process), best of ``--repeat`` runs: the machine is
shared, and CPU time moves less than wall time when others run. The parent's side (bulk load into the store)
is not in these figures; bench/scale.py times whole builds.
"""

from __future__ import annotations

import argparse
import gc
import os
import pickle
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.scale import corpus  # noqa: E402  (the same corpus folders as the scale benchmark)

STAGES = ("ingest", "NER", "resolve", "verify", "relations", "learned relations", "metrics", "to_quads",
          "serialize", "pickle", "gc after report")


def stage_times(files: list[Path]) -> Counter[str]:
    """CPU seconds per stage over ``files``, each stage as kg.pipeline.link runs it with the shipped learned
    layers (the author ranker inside resolve, the entity verifier, the relation model), then the report's graph
    as build_report makes it. Each report's extraction is checked against link's own, so that these stages
    cannot drift from what a build runs."""
    import pyoxigraph as ox

    from kg.build import ReportQuads
    from kg.ingest import ingest
    from kg.manifest import Entry
    from kg.metrics import extract_metrics
    from kg.model import Extraction
    from kg.nlp import load_pipeline, recognize
    from kg.nlp.pipeline import learned_weights_of
    from kg.pipeline import link
    from kg.rdf import to_quads
    from kg.relations import co_signers_act, extract_relations, learned_relations
    from kg.resolve import resolve
    from kg.resolve.canonical import whole_marks
    from kg.resolve.platforms import link_generic_platforms
    from kg.resolve.verify import verify_entities

    nlp = load_pipeline()
    learned = learned_weights_of(nlp)
    spent: Counter[str] = Counter()
    clock = time.process_time
    for path in files:
        gc.disable()
        t0 = clock()
        document = ingest(path)
        t1 = clock()
        _, mentions = next(recognize([document], nlp))
        t2 = clock()
        report, entities, key_of = resolve(document, mentions, learned)
        t3 = clock()
        if learned:
            entities, key_of = verify_entities(document, entities, key_of, report, learned)
        entities = link_generic_platforms(entities, key_of, report.author_name)
        t4 = clock()
        relations = extract_relations(document, mentions, key_of, entities, report)
        t5 = clock()
        if learned:
            relations = learned_relations(document, mentions, key_of, entities, report, relations, learned)
        relations = co_signers_act(relations, report)
        t6 = clock()
        metrics = extract_metrics(document, report, mentions, key_of, entities)
        for entity in entities:
            entity.name = whole_marks(entity.name)
        t7 = clock()
        quads = to_quads(Extraction(document, report, entities, relations, metrics))
        t8 = clock()
        nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
        t9 = clock()
        result = ReportQuads(document.doc_id, Entry(document.path, document.sha256, len(quads)), nquads,
                             Counter(e.type for e in entities), Counter(r.predicate for r in relations))
        pickle.loads(pickle.dumps(result))
        t10 = clock()
        gc.enable()
        gc.collect(1)
        t11 = clock()
        times = (t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11)
        for stage, start, end in zip(STAGES, times[:-1], times[1:], strict=True):
            spent[stage] += end - start
        expected = link(document, mentions, learned)
        if (sorted(e.key for e in expected.entities), len(expected.relations)) != (
                sorted(e.key for e in entities), len(relations)):
            raise SystemExit(f"{path}: the stages here no longer do what kg.pipeline.link does; update them")
    return spent


def worker_time(files: list[Path]) -> tuple[float, float]:
    """(CPU, wall) seconds of build_report over ``files``."""
    from kg.build import build_report

    cpu, wall = time.process_time(), time.perf_counter()
    for path in files:
        build_report(path)
    return time.process_time() - cpu, time.perf_counter() - wall


def grouped_worker_time(files: list[Path]) -> tuple[float, float, int]:
    """(CPU, wall) seconds of build_reports over ``files`` in the tasks a build makes of them (report_groups: small
    reports recognised together, decisions.md 60), and the number of tasks."""
    from kg.build import build_reports, report_groups

    groups = report_groups(files)
    cpu, wall = time.process_time(), time.perf_counter()
    for group in groups:
        build_reports(group)
    return time.process_time() - cpu, time.perf_counter() - wall, len(groups)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=50, help="reports to generate (default 50)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", type=Path, help="a folder of .txt reports instead of generated ones")
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "govkg-bench")
    parser.add_argument("--repeat", type=int, default=2, help="runs; the best of each figure is kept (default 2)")
    parser.add_argument("--profile", type=Path, help="also write a pyinstrument profile of the worker (HTML)")
    args = parser.parse_args()

    folder = args.corpus or corpus(args.work, args.n, args.seed)[0]
    files = sorted(folder.glob("*.txt"))
    chars = sum(len(p.read_text(encoding="utf-8")) for p in files)

    from kg.parallel import warm_up

    warm_up()  # the pipeline and its tables, loaded once per worker before its first report
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        for stage, seconds in stage_times(files).items():
            best[stage] = min(best.get(stage, float("inf")), seconds)
    runs = [worker_time(files) for _ in range(args.repeat)]
    cpu, wall = min(r[0] for r in runs), min(r[1] for r in runs)
    grouped = [grouped_worker_time(files) for _ in range(args.repeat)]
    grouped_cpu, grouped_wall, tasks = min(r[0] for r in grouped), min(r[1] for r in grouped), grouped[0][2]

    print(f"corpus: {len(files)} reports, {chars:,} characters ({folder})")
    total = sum(best.values())
    print(f"{'stage':<16} {'CPU s':>7} {'share':>6} {'M chars/s':>10}")
    for stage in STAGES:
        seconds = best[stage]
        rate = f"{chars / seconds / 1e6:10.2f}" if seconds > 0 else f"{'-':>10}"
        print(f"{stage:<16} {seconds:7.2f} {100 * seconds / total:5.1f}% {rate}")
    print(f"{'stages summed':<16} {total:7.2f} {100.0:5.1f}% {chars / total / 1e6:10.2f}")
    print(f"worker (build_report): CPU {cpu:.2f} s, {chars / cpu:,.0f} chars/s; wall {wall:.2f} s, "
          f"{chars / wall:,.0f} chars/s")
    print(f"worker (build_reports, {tasks} tasks as a build groups them): CPU {grouped_cpu:.2f} s, "
          f"{chars / grouped_cpu:,.0f} chars/s; wall {grouped_wall:.2f} s, {chars / grouped_wall:,.0f} chars/s")
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.001)
        profiler.start()
        worker_time(files)
        profiler.stop()
        args.profile.write_text(profiler.output_html(), encoding="utf-8")
        print(f"profile: {args.profile}")


if __name__ == "__main__":
    main()
