"""``kg build``: report files in, a complete output folder out — store, Turtle, TriG, the interactive graph and
the manifest.

Each file goes through one pure call, ``attempt`` (``kg.pipeline.extract_many``, the way ``kg extract`` runs too;
several small files a task through ``attempt_many``), which gives its Extraction or says why the file is skipped;
the batch goes on past bad files and ends with a summary. The output then holds what built (one broken PDF
among 10,000 reports must not cost an hour of extraction) and the summary lists what was skipped; an update
keeps the previous graph of a report whose file cannot be read now.
``strict`` makes a build all or nothing: anything skipped leaves the previous output as it was. The output folder is
written aside and swapped in whole (kg.outdir): a build killed at any moment leaves the previous output
complete. ``update=True`` starts from the previous store and re-extracts only the reports whose file changed
(kg.manifest), replacing their named graphs and removing the graphs of reports whose files are gone.

The curator's decisions (kg.curation: ``curation.csv`` beside the reports, or the file given) are applied to
every report as it is extracted, so they survive every rebuild; an update also re-extracts the reports a changed
decision touches.
"""

from __future__ import annotations

import gc
import queue
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from contextlib import AbstractContextManager, ExitStack, nullcontext
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from kg.curation import Decision, apply_curation, find_curation, read_curation
from kg.curation.store import reports_to_recurate
from kg.errors import InputError, KGError, StoreError
from kg.ingest import doc_id_of, find_inputs, read_bytes
from kg.manifest import (
    Entry,
    Manifest,
    file_sha256,
    pipeline_fingerprint,
    read_manifest,
    sha256_of,
    write_manifest,
    write_store_fingerprint,
)
from kg.model import Extraction
from kg.outdir import OutputDir
from kg.parallel import IN_FLIGHT_PER_WORKER, available_cores, executor_for, gc_paused, imap
from kg.pipeline import Failed, extract_many
from kg.rdf import DEFAULT_BASE, Minter, to_quads
from kg.rdf.curation import curation_quads
from kg.rdf.links import reforms_of, related_links, update_links
from kg.report_exports import AssembledExports, ReportBlocks, Written, read_back, report_blocks
from kg.store import finish, open_store, remove_report, report_ids

OUTPUTS = ("graph.ttl", "graph.trig", "graph.html", "store", "manifest.json", "store.fingerprint")
EXPORTS = ("graph.ttl", "graph.trig", "graph.html")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file (or a given path) the build could not use, and why; ``detail`` holds a traceback for a bug."""

    path: str
    problem: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


@dataclass
class BuildSummary:
    out_dir: Path
    documents: int = 0  # reports extracted by this build
    unchanged: int = 0  # reports kept from the previous build (update)
    removed: list[str] = field(default_factory=list)  # doc_ids whose files are gone (update)
    skipped: list[Skipped] = field(default_factory=list)
    entities: Counter[str] = field(default_factory=Counter)
    relations: Counter[str] = field(default_factory=Counter)
    triples: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    written: bool = False  # did the output folder change?
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage (extract, link, outputs)

    def add(self, report: ReportQuads) -> None:
        self.documents += 1
        self.entities.update(report.entities)
        self.relations.update(report.relations)


class BuildError(KGError):
    """A build that did not replace the output: files were skipped (``strict``) or nothing was read."""

    exit_code = 1

    def __init__(self, message: str, summary: BuildSummary) -> None:
        super().__init__(message)
        self.summary = summary


def attempt(path: Path) -> Extraction | Skipped:
    """One report file -> its Extraction, or why it is skipped. Pure and picklable: map it over an executor."""
    return attempt_many([path])[0]


def attempt_many(paths: Sequence[Path]) -> list[Extraction | Skipped]:
    """``[attempt(path) for path in paths]``, the same extractions, the readable reports recognised in one pass
    of the pipeline (``kg.pipeline.extract_many``, as ``kg extract`` runs): the entity CRF decodes their pieces
    together, one Viterbi loop for all instead of one per report (its cost is per step, decisions.md 60), each
    report's labels those it gets alone (decisions.md 70). Each report gets its own Extraction or Skipped; should
    the joint pass fail, each report is recognised on its own, so a bad report skips only itself."""
    return [Skipped(outcome.path, outcome.problem, outcome.detail) if isinstance(outcome, Failed) else outcome
            for outcome in extract_many(paths, batch=max(len(paths), 1))]


@dataclass(frozen=True, slots=True)
class ReportQuads:
    """What a worker sends back of one report: its graph as N-Quads (pyoxigraph parses them in bulk, where
    quad objects would be pickled one by one) and what the summary and the manifest need."""

    doc_id: str
    entry: Entry
    nquads: bytes
    entities: Counter[str]  # entity type -> count
    relations: Counter[str]  # predicate -> count
    blocks: ReportBlocks | None = None  # its share of graph.trig and graph.ttl, when asked for (kg.report_exports)


def build_report(path: Path, base: str = DEFAULT_BASE, curation: tuple[Decision, ...] = (),
                 blocks: bool = False) -> ReportQuads | Skipped:
    """One report file -> its graph's quads (with the curator's decisions applied), or why it is skipped. Pure:
    runs in worker processes or on Dask. ``blocks``: serialise its share of graph.trig and graph.ttl too, here
    on the worker's core, so that a fresh build need not read the store back."""
    with gc_paused():  # a fifth of the time went to full garbage collections (kg.parallel.gc_paused)
        return _build_report(path, base, curation, blocks)


def build_reports(paths: Sequence[Path], base: str = DEFAULT_BASE, curation: tuple[Decision, ...] = (),
                  blocks: bool = False) -> list[ReportQuads | Skipped]:
    """``[build_report(path, ...) for path in paths]``, the same results, in one task: a build hands a worker
    several small reports at once (``report_groups``) so that they are recognised together (``attempt_many``).
    Each report keeps its own graph, or its own reason to be skipped."""
    if len(paths) == 1:
        return [build_report(paths[0], base, curation, blocks)]
    with gc_paused():
        return [_build_report(path, base, curation, blocks, outcome)
                for path, outcome in zip(paths, attempt_many(paths), strict=True)]


# A task of a build carries consecutive reports up to these bounds (report_groups): eight reports of Hebei's
# average size (11 KB) decode in one Viterbi loop; a large report, whose own pieces fill a loop, goes alone.
GROUP_REPORTS = 16
GROUP_BYTES = 128 << 10


def report_groups(paths: Sequence[Path], most: int = GROUP_REPORTS, size: int = GROUP_BYTES
                  ) -> list[tuple[Path, ...]]:
    """``paths`` in order, cut into runs of at most ``most`` files and ``size`` bytes (a larger file alone;
    a file that cannot be measured too, its error is the extraction's to report)."""
    groups: list[tuple[Path, ...]] = []
    current: list[Path] = []
    total = 0
    for path in paths:
        try:
            length = path.stat().st_size
        except OSError:
            length = size + 1
        if current and (len(current) == most or total + length > size):
            groups.append(tuple(current))
            current, total = [], 0
        current.append(path)
        total += length
    if current:
        groups.append(tuple(current))
    return groups


def _build_report(path: Path, base: str, curation: tuple[Decision, ...] = (), blocks: bool = False,
                  extracted: Extraction | Skipped | None = None) -> ReportQuads | Skipped:
    outcome = attempt(path) if extracted is None else extracted
    if isinstance(outcome, Skipped):
        return outcome
    try:
        outcome, applied = apply_curation(outcome, curation) if curation else (outcome, [])
        quads = to_quads(outcome, base)
        if applied:
            quads += curation_quads(outcome.document.doc_id, applied, base)
        nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
        graph = Minter(base).graph(outcome.document.doc_id)
        exported = report_blocks(quads, nquads, graph, base) if blocks else None
    except Exception as exc:  # as in attempt: reported, and the batch goes on
        return Skipped(str(path), f"internal error, please report it ({type(exc).__name__}: {exc})",
                       traceback.format_exc())
    document = outcome.document
    entry = Entry(document.path, document.sha256, len(quads), *Entry.split_reforms(reforms_of(quads), Minter(base)))
    return ReportQuads(document.doc_id, entry, nquads, Counter(e.type for e in outcome.entities),
                       Counter(r.predicate for r in outcome.relations), exported)


class _Loader:
    """Reports' N-Quads gathered into batches of about ``batch_bytes`` and bulk-loaded on a thread of its own.

    One RocksDB bulk load per batch is several times faster than one per report, and the batch bounds the memory
    it takes (the parent's peak at 1,000 reports: 880 MB with 64 MB batches, about 600 MB with 24 MB, at the same
    speed). pyoxigraph releases the GIL while it loads, so the loading thread writes one batch while the build
    goes on extracting (``--jobs 1``) or collecting workers' results: at most one batch waits behind the one
    being written. ``flush`` returns when everything given is in the store; a failed load is raised as
    StoreError by the next ``add`` or ``flush``, and nothing after it is loaded."""

    def __init__(self, store: ox.Store, batch_bytes: int = 24 << 20) -> None:
        self.store, self.batch_bytes = store, batch_bytes
        self.parts: list[bytes] = []
        self.size = 0
        self.batches: queue.Queue[bytes | None] = queue.Queue(maxsize=1)
        self.error: StoreError | None = None
        self.thread = threading.Thread(target=self._load_batches, name="govkg-store-loader", daemon=True)
        self.thread.start()

    def __enter__(self) -> _Loader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if exc_info[0] is not None:  # the build failed: what waits need not be loaded
            self.error = self.error or StoreError("build stopped")
        self.batches.put(None)
        self.thread.join()

    def add(self, nquads: bytes) -> None:
        self._check()
        self.parts.append(nquads)
        self.size += len(nquads)
        if self.size >= self.batch_bytes:
            self.send()

    def flush(self) -> None:
        self.send()
        self.batches.join()
        self._check()

    def send(self) -> None:
        """Hand what was added to the loading thread now, without waiting for it to be loaded."""
        if self.parts:
            self.batches.put(b"".join(self.parts))
            self.parts, self.size = [], 0

    def _check(self) -> None:
        if self.error is not None:
            raise self.error

    def _load_batches(self) -> None:
        while (batch := self.batches.get()) is not None:
            try:
                if self.error is None:
                    # lenient: no second validation of IRIs and tags that pyoxigraph checked as workers built them
                    self.store.bulk_load(batch, format=ox.RdfFormat.N_QUADS, lenient=True)
            except (OSError, RuntimeError, SyntaxError) as exc:
                self.error = StoreError(f"cannot add quads to the store: {exc}")
            finally:
                self.batches.task_done()
        self.batches.task_done()


def build(
    inputs: Iterable[str | Path],
    out_dir: str | Path = "out",
    base: str = DEFAULT_BASE,
    on_document: Callable[[Path, int, int], None] | None = None,
    *,
    update: bool = False,
    keep_going: bool = True,
    on_skip: Callable[[Skipped], None] | None = None,
    jobs: int = 1,
    executor: Executor | None = None,
    store_only: bool = False,
    strict: bool = False,
    follow_symlinks: bool = False,
    curation: str | Path | None = None,
) -> BuildSummary:
    """Extract the reports under ``inputs`` into ``out_dir`` (see OUTPUTS), replacing it whole or not at all.

    Reports are extracted on ``executor`` (any concurrent.futures Executor, e.g. a Dask client's; ``jobs`` is
    then its number of workers) or, without one, in ``jobs`` worker processes (kg.parallel). ``store_only``
    writes the store and the manifest but not graph.ttl, graph.trig and graph.html (``kg export`` and ``kg viz``
    make them on demand): for corpora of thousands of reports, where those files take gigabytes and minutes.
    BuildError (with the summary) when a file was skipped and ``strict`` (or ``keep_going=False``, its old
    name), or when no report could be read; StoreError when ``out_dir`` is locked by another build, is not a
    build output or cannot be written. ``jobs`` is capped at the cores available (a note says so). Symbolic
    links in input folders are followed only into the input folders unless ``follow_symlinks``. ``curation``: the
    curator's decisions (kg.curation), by default ``curation.csv`` in each input folder that has one; a malformed
    file is a ResourceError naming its line, raised before anything is written.
    """
    started = time.perf_counter()
    inputs = list(inputs)
    curation_files = [Path(curation)] if curation else find_curation(inputs)
    decisions = tuple(decision for path in curation_files for decision in read_curation(path))
    try:
        mint = Minter(base)
    except ValueError as exc:
        raise KGError(f"--base: {exc}") from exc
    output = OutputDir(out_dir)
    summary = BuildSummary(out_dir=Path(out_dir))
    if curation_files:
        summary.notes.append(f"curation: {len(decisions)} decision(s) from {', '.join(map(str, curation_files))}")
    if executor is None and jobs > (cores := available_cores()):
        summary.notes.append(f"--jobs {jobs} capped at {cores}, the cores this build may use (more workers "
                             "than cores only add memory and contention)")
        jobs = cores

    def skip(skipped: Skipped) -> None:
        summary.skipped.append(skipped)
        if on_skip:
            on_skip(skipped)

    with output as staging, ExitStack() as extraction:
        # a fresh build extracts every report: its workers start loading the pipeline now, while the files are
        # listed and the store opened; an update may find nothing to extract and starts none until it does
        work = extraction.enter_context(_workers(jobs, executor, start=not update))
        try:
            manifest = _fill(staging, output.out, inputs, mint, summary, skip, on_document, update,
                             strict or not keep_going, work, store_only, extraction.close, follow_symlinks, decisions)
        except BaseException as exc:
            traceback.clear_frames(exc.__traceback__)  # the frames hold the staging store open: let it close
            gc.collect()
            raise
        gc.collect()  # close the RocksDB handle before the folder moves
        if manifest is not None:
            written = time.perf_counter()
            write_manifest(staging, manifest)
            if manifest.exports:  # the store as RocksDB left it on closing, as kg export finds it (FINGERPRINT)
                write_store_fingerprint(staging)
            summary.timings["write outputs: manifest"] = time.perf_counter() - written
            output.commit()
            summary.written = True
    summary.seconds = time.perf_counter() - started
    return summary


def _workers(jobs: int, executor: Executor | None, start: bool = False
             ) -> AbstractContextManager[tuple[Executor | None, int]]:
    """The executor reports are extracted on, and how many reports may be in flight on it (``start``: worker
    processes spawned at once)."""
    if executor is not None:
        return nullcontext((executor, IN_FLIGHT_PER_WORKER * max(jobs, 1)))
    return executor_for(jobs, start=start)


def _fill(staging: Path, out: Path, inputs: Iterable[str | Path], mint: Minter, summary: BuildSummary,
          skip: Callable[[Skipped], None], on_document: Callable[[Path, int, int], None] | None, update: bool,
          strict: bool, work: tuple[Executor | None, int] = (None, 1), store_only: bool = False,
          extracted: Callable[[], None] = lambda: None, follow_symlinks: bool = False,
          decisions: tuple[Decision, ...] = ()) -> Manifest | None:
    """Write the new output into ``staging`` but for its manifest, which is returned (the caller writes it once
    the store is closed); None when an update found nothing to change. ``extracted`` is
    called once every report is back from the workers, while the last batch is loaded: it stops the worker
    processes, whose memory (about 220 MB each) would otherwise stay taken through the links and the final
    compaction, the build's peak on large corpora."""
    files, complete = _plan(inputs, skip, follow_symlinks)
    previous = _previous(out, mint.base, summary) if update else None
    store = _start_store(staging / "store", out / "store", previous is not None)
    manifest = Manifest(mint.base, pipeline_fingerprint())
    recurate = reports_to_recurate(store, decisions, mint.base) if previous is not None else set()
    todo = _changed(files, previous, manifest, summary, skip, recurate)
    # a fresh build has every report's quads in hand: graph.trig and graph.ttl are assembled from the workers'
    # blocks, in the order of the report ids whatever order the files came in (an update reads the store back);
    # a failed build leaves them in the staging folder, which is removed
    assembly = AssembledExports(staging, mint.base) if previous is None and not store_only else None
    if assembly is not None:
        todo = sorted(todo, key=doc_id_of)
    clock = _Clock(summary.timings)
    rewritten: set[str] = set()  # reports whose graphs this build wrote or dropped
    # several small reports a task, recognised together (build_reports); the results come back one a report
    outcomes = chain.from_iterable(imap(
        partial(build_reports, base=mint.base, curation=decisions, blocks=assembly is not None),
        report_groups(todo), *work))
    with _Loader(store) as loader:
        for index, (path, outcome) in enumerate(zip(todo, outcomes, strict=True), start=1):
            if isinstance(outcome, Skipped):
                skip(outcome)
                _keep_previous(doc_id_of(path), previous, manifest)
            else:
                _put_report(store, loader, mint, outcome, previous is not None, manifest)
                if assembly is not None:
                    assembly.add(outcome.blocks)
                rewritten.add(outcome.doc_id)
                summary.add(outcome)
            if on_document:
                on_document(path, index, len(todo))
        # every report is in hand: the workers exit (a second or two each, freeing the pipeline) while the last
        # batch is loaded, rather than after it
        loader.send()
        extracted()
        loader.flush()
    clock("extract and load")
    if previous is not None:
        _remove_vanished(store, mint, {doc_id_of(p) for p in files}, complete, previous, manifest, summary)
        rewritten.update(summary.removed)
    _check(summary, strict, out)
    if summary.skipped:
        summary.notes.append(f"{out} holds the graph of the reports that could be read, without the "
                             f"{len(summary.skipped)} input(s) skipped (--strict: all or nothing)")
    damaged = _damaged_exports(out, previous) if previous is not None and not store_only else []
    if damaged:
        summary.notes.append(f"{', '.join(damaged)} in {out}: missing, or not what the manifest's checksum says "
                             "(damaged?); rewritten from the store")
    changed = previous is None or summary.documents or summary.removed or damaged
    after = {doc_id: entry.reform_iris(mint) for doc_id, entry in manifest.reports.items()}
    if changed:
        # links between reports, from the manifests: only those that changed are written
        before = {doc_id: entry.reform_iris(mint) for doc_id, entry in previous.reports.items()} if previous else {}
        links = update_links(store, before, after, rewritten, mint.base)
        clock("link reports")
    else:
        links = len(related_links(after, mint.base))
    # every quad is a report's own (counted as it was loaded) or a link: no count over the store
    summary.triples = sum(entry.quads for entry in manifest.reports.values()) + links
    if not changed:
        summary.notes.append(f"up to date: no report changed, {out} left as it was")
        return None
    if assembly is not None and assembly.incomplete:  # a report came without blocks: read the store back
        assembly.discard()
        assembly = None
    # the links of a fresh build are all new: update_links wrote exactly these
    link_quads = related_links(after, mint.base) if assembly is not None else set()
    _write_outputs(store, staging, manifest, exports=not store_only, compact=previous is None, assembly=assembly,
                   links=link_quads, clock=clock)
    return manifest


class _Clock:
    """Seconds since the last call, recorded under a stage name."""

    def __init__(self, timings: dict[str, float]) -> None:
        self.timings, self.last = timings, time.perf_counter()

    def __call__(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
        self.last = now


def _plan(inputs: Iterable[str | Path], skip: Callable[[Skipped], None], follow_symlinks: bool = False
          ) -> tuple[list[Path], bool]:
    """The files to read, one per report id; ``complete`` is False when a given path could not be listed."""
    files: dict[str, Path] = {}
    complete = True
    for item in find_inputs(list(inputs), follow_symlinks):
        if isinstance(item, InputError):
            skip(Skipped(item.path, item.problem))
            complete = False
            continue
        doc_id = doc_id_of(item)
        if doc_id in files:
            skip(Skipped(str(item), f"same report id {doc_id!r} as {files[doc_id]}: one graph per id, so "
                                    "rename one of the files"))
            continue
        files[doc_id] = item
    return list(files.values()), complete


def _previous(out: Path, base: str, summary: BuildSummary) -> Manifest | None:
    """The previous build's manifest when its graphs can be reused as they are."""
    manifest, why = read_manifest(out)
    if manifest is not None and manifest.base != base:
        manifest, why = None, f"the previous build used base {manifest.base}"
    elif manifest is not None and manifest.pipeline != pipeline_fingerprint():
        manifest, why = None, "the extraction code or its data files changed since the previous build"
    elif manifest is not None and not (out / "store" / "CURRENT").is_file():
        manifest, why = None, f"{out / 'store'} is missing"
    elif manifest is not None and (damage := _store_damage(out / "store")):
        manifest, why = None, damage
    if manifest is None:
        summary.notes.append(f"every report extracted: {why}")
    return manifest


def _start_store(path: Path, previous_store: Path, reuse: bool) -> ox.Store:
    """A new store in staging: empty, or a copy (RocksDB checkpoint) of the previous one."""
    if reuse:
        old = open_store(previous_store, read_only=True)
        try:
            old.backup(str(path))
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"{previous_store}: cannot copy the previous store: {exc}") from exc
        finally:
            del old
            gc.collect()
    return open_store(path)


def _changed(files: list[Path], previous: Manifest | None, manifest: Manifest, summary: BuildSummary,
             skip: Callable[[Skipped], None], recurate: Collection[str] = ()) -> list[Path]:
    """The files to extract: all of them, or (update) those whose bytes or path differ from the manifest's and
    those a changed curation decision touches (``recurate``: doc_ids)."""
    if previous is None:
        return files
    todo = []
    for path in files:
        doc_id = doc_id_of(path)
        entry = previous.reports.get(doc_id)
        try:
            digest = sha256_of(read_bytes(path))
        except InputError as error:
            skip(Skipped(error.path, error.problem))
            _keep_previous(doc_id, previous, manifest)
            continue
        if entry is not None and entry.sha256 == digest and entry.path == str(path) and doc_id not in recurate:
            manifest.reports[doc_id] = entry
            summary.unchanged += 1
        else:
            todo.append(path)
    return todo


def _keep_previous(doc_id: str, previous: Manifest | None, manifest: Manifest) -> None:
    """A report whose file cannot be read now keeps the graph the previous build made of it."""
    if previous is not None and doc_id in previous.reports:
        manifest.reports[doc_id] = previous.reports[doc_id]


def _put_report(store: ox.Store, loader: _Loader, mint: Minter, report: ReportQuads, replace: bool,
                manifest: Manifest) -> None:
    if replace:
        remove_report(store, mint.graph(report.doc_id))
    loader.add(report.nquads)
    manifest.reports[report.doc_id] = report.entry


def _remove_vanished(store: ox.Store, mint: Minter, present: set[str], complete: bool, previous: Manifest,
                     manifest: Manifest, summary: BuildSummary) -> None:
    """Drop the graphs of reports whose files are gone — unless a given path could not be listed at all."""
    gone = sorted(set(report_ids(store, mint.base)) - present)
    if gone and not complete:
        summary.notes.append(f"{len(gone)} report(s) not found in the inputs kept: an input could not be listed")
        for doc_id in gone:
            _keep_previous(doc_id, previous, manifest)
        return
    for doc_id in gone:
        remove_report(store, mint.graph(doc_id))
        manifest.reports.pop(doc_id, None)
    summary.removed = gone


def _store_damage(store: Path) -> str:
    """Why the previous store cannot be reused ("" when it can): RocksDB finds missing or damaged files."""
    try:
        handle = open_store(store, read_only=True)
    except StoreError as exc:
        return str(exc)
    del handle
    gc.collect()
    return ""


def _damaged_exports(out: Path, previous: Manifest) -> list[str]:
    """The exported files that are missing or differ from the checksums the previous build recorded."""
    return [name for name in EXPORTS if not (out / name).is_file() or previous.exports.get(name) !=
            file_sha256(out / name)]


def _check(summary: BuildSummary, strict: bool, out: Path) -> None:
    """Decide whether the new output may replace the old one."""
    if summary.skipped and strict:
        raise BuildError(f"{len(summary.skipped)} input(s) skipped, so {out} was left as it was "
                         "(--strict; without it the build writes what it could read)", summary)
    if summary.documents + summary.unchanged == 0:
        raise BuildError(f"nothing to build: no report could be read; {out} was left as it was", summary)


def _write_outputs(store: ox.Store, staging: Path, manifest: Manifest, exports: bool = True,
                   compact: bool = True, assembly: AssembledExports | None = None,
                   links: Collection[ox.Quad] = (), clock: Callable[[str], None] = lambda stage: None) -> None:
    """The files beside the store; ``compact`` after a full build (an update changes too little to repay it).

    With an ``assembly`` (a fresh build), graph.trig and graph.ttl are written but for ``links`` and the shared
    triples: a thread finishes them while the store is compacted and graph.html drawn. Without one (an update)
    each report graph is read back from the compacted store on that thread (kg.report_exports.read_back: the
    same bytes as a fresh build), beside graph.html; a store whose graphs hold blank nodes is exported by
    kg.export instead.

    graph.html is drawn while the store is compacted (RocksDB compacts on its own threads, without the GIL, and
    reads see the same quads before and after: the page is the same bytes), so the compaction costs the build
    no wall time of its own when it writes the page; the timings then say "compaction and graph.html"."""
    from kg.export import export
    from kg.viz import render_html

    with ThreadPoolExecutor(2) as writer:
        assembled = writer.submit(assembly.finish, links) if exports and assembly is not None else None
        if exports and assembled is not None:
            compacted = writer.submit(finish, store, compact=compact)
            render_html(store, staging / "graph.html")
            compacted.result()
            clock("write outputs: compaction and graph.html")
        else:
            finish(store, compact=compact)
            clock("write outputs: compaction")
        if exports:
            if assembled is None:  # an update: the report graphs read back from the store, beside graph.html
                assembled = writer.submit(read_back, store, staging, manifest.base)
                render_html(store, staging / "graph.html")
                clock("write outputs: graph.html")
            written = assembled.result()
            if written is None:  # blank nodes: Oxigraph's dump and the merged stream of kg.export
                written = Written({}, {name: export(store, fmt, staging / name, base=manifest.base)
                                       for name, fmt in (("graph.trig", "trig"), ("graph.ttl", "turtle"))})
            # --update checks them
            manifest.exports = {name: written.checksums.get(name) or file_sha256(staging / name) for name in EXPORTS}
            manifest.statements = written.statements
            clock("write outputs: graph.trig and graph.ttl, rest")
