"""Extraction on many cores or many machines: the pure per-report work mapped over any ``concurrent.futures.Executor``.

``kg.pipeline.extract_document`` is a pure function of one document, so it runs unchanged in worker processes
(``ProcessPoolExecutor``) or on a cluster (a dask.distributed ``Client``'s executor, ``connect``). Workers load
the spaCy pipeline once: ``warm_up`` is the process pool's initializer, and ``load_pipeline`` is cached per
process, so on Dask the first task of each worker loads it. ``imap`` keeps a bounded number of tasks in flight
and yields results in input order, so the caller (``kg build`` writing its store) consumes them while workers go
on extracting, and memory does not grow with the corpus.

Inputs travel as paths: on a cluster every worker must see the report files at the same paths (a shared file
system), and must have the same govkg installed.
"""

from __future__ import annotations

import atexit
import gc
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from kg.errors import KGError
from kg.model import Extraction

T = TypeVar("T")
R = TypeVar("R")
# Tasks in flight per worker (a build's task is one report or up to 16 small ones, kg.build.report_groups):
# enough that workers go on while the parent bulk-loads a batch (1-2 s, the time of several reports; with 2,
# builds of 200 reports took 31 s instead of 27 s), few enough that the results waiting (2-3 MB of N-Quads a
# large report) stay small beside a worker's pipeline.
IN_FLIGHT_PER_WORKER = 8


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity: a container's or taskset's share, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


@contextmanager
def spacy_without_torch() -> Iterator[None]:
    """spaCy imported without torch, for the processes govkg owns (a rules-only ``kg build`` or ``kg extract``,
    build workers).

    thinc imports torch whenever torch is installed (with ``govkg[statistical]``), for a torch interop the rules
    never use: 0.8 s and 766 modules per process here, a third of a one-report ``kg build --update``. Blocked
    only while spaCy is first imported (``sys.modules["torch"] = None`` makes that import fail, as documented
    for the import system); torch imports normally afterwards (the BiLSTM-CRF uses it directly, not through
    thinc). Library users who import kg themselves keep thinc as it is."""
    if "torch" in sys.modules or "thinc" in sys.modules:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if "torch" in sys.modules and sys.modules["torch"] is None:
            del sys.modules["torch"]


def warm_up(statistical: bool = False) -> None:
    """Load the pipeline, its lexicons and the ontology tables once per worker, before the first report."""
    with nullcontext() if statistical else spacy_without_torch():
        from kg.model import Document
        from kg.nlp import load_pipeline
        from kg.pipeline import extract_document
        from kg.rdf import to_quads

    text = "益阳市行政审批服务局深入推进“一件事一次办”改革。"
    document = Document("warm-up", "warm-up.txt", text, text, "", "text/plain", "utf-8")
    to_quads(extract_document(document, load_pipeline(statistical=statistical)))


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off while one report is extracted, then its young generations collected.

    A report makes hundreds of thousands of objects that live until it is done; with the collector on, they set
    off full collections that scan every object of the pipeline and its lexicons, again and again: 18% of a
    worker's time. Reference counting frees nearly all of a report; the few cycles it leaves (some dozens of
    objects) are collected as soon as it is done. Left alone when something else turned the collector off."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(1)


def imap(fn: Callable[[T], R], items: Iterable[T], executor: Executor | Any | None = None,
         window: int = 4) -> Iterator[R]:
    """``map(fn, items)`` on ``executor`` (in this process when None), in input order, with at most ``window``
    calls submitted and not yet consumed. ``executor`` needs only ``submit(fn, item)`` returning a future with
    ``result()``: a concurrent.futures Executor, or a dask.distributed Client."""
    if executor is None:
        yield from map(fn, items)
        return
    pending: deque[Future[R]] = deque()
    try:
        for item in items:
            pending.append(executor.submit(fn, item))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:  # the consumer stopped early (an error, a kill): do not leave work queued
            future.cancel()


def extract_parallel(paths: Iterable[str | Path], executor: Executor | Any | None = None,
                     window: int = 8) -> Iterator[Extraction]:
    """``ingest`` and ``extract_document`` for every path on ``executor``, in order; errors propagate."""
    return imap(_extract_path, paths, executor, window)


def _extract_path(path: str | Path) -> Extraction:
    from kg.ingest import ingest
    from kg.pipeline import extract_document

    with gc_paused():
        return extract_document(ingest(path))


class _QuickExitProcess(multiprocessing.context.SpawnProcess):
    """A spawned worker that, once its work loop has ended normally (the pool told it to stop), leaves without
    tearing its interpreter down: freeing a loaded pipeline object by object took 1-2 s a worker on a quiet
    machine (7 s at load 7 on Hebei), which a build waited for. Its finalizers run and its output is flushed
    first, as a normal exit does them; a worker that fails exits as before, with its traceback and code."""

    def run(self) -> None:
        super().run()
        # Registered last, so run first once the interpreter starts its teardown: multiprocessing has by then
        # run its finalizers and flushed the standard streams (BaseProcess._bootstrap, after run), and no
        # worker thread is left.
        atexit.register(os._exit, 0)


class _QuickExitSpawn(multiprocessing.context.SpawnContext):
    Process = _QuickExitProcess


def process_pool(jobs: int, start: bool = False) -> ProcessPoolExecutor:
    """``jobs`` worker processes, each with the pipeline loaded. Started with ``spawn``: a forked child would
    inherit the parent's threads and open store. ``start``: spawn them now rather than at the first task, so
    that they load the pipeline while the caller still prepares its work (a build lists, hashes and opens its
    store meanwhile, about a second on one core that the other core spent idle). The workers leave without
    tearing their interpreters down (``_QuickExitProcess``)."""
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_QuickExitSpawn(), initializer=warm_up)
    if start:
        for _ in range(jobs):  # a task finding no idle worker spawns one (concurrent.futures, spawn context)
            pool.submit(os.getpid)
    return pool


@contextmanager
def executor_for(jobs: int = 1, address: str | None = None, start: bool = False
                 ) -> Iterator[tuple[Executor | None, int]]:
    """(executor, window) for ``kg build``: None in this process for one job, a process pool for more (its
    workers spawned at once when ``start``), the Dask cluster at ``dask://HOST:PORT`` when given."""
    if address:
        with connect(address) as (executor, workers):
            yield executor, IN_FLIGHT_PER_WORKER * max(workers, 1)
        return
    if jobs < 1:
        raise KGError(f"--jobs must be at least 1, got {jobs}")
    if jobs == 1:
        yield None, 1
        return
    with process_pool(jobs, start) as pool:
        yield pool, IN_FLIGHT_PER_WORKER * jobs


@contextmanager
def connect(address: str) -> Iterator[tuple[Executor, int]]:
    """The executor of the dask.distributed scheduler at ``dask://HOST:PORT`` (or ``tcp://``), and its number of
    worker threads."""
    parts = urlsplit(address)
    if parts.scheme not in ("dask", "tcp") or not parts.hostname or not parts.port:
        raise KGError(f"--executor {address!r}: expected dask://HOST:PORT")
    try:
        from distributed import Client
    except ImportError as exc:
        raise KGError("--executor dask://... needs dask.distributed: pip install 'govkg[dask]'") from exc
    try:
        client = Client(f"tcp://{parts.hostname}:{parts.port}", timeout=10, set_as_default=False)
    except OSError as exc:
        raise KGError(f"--executor {address}: cannot reach the Dask scheduler: {exc}") from exc
    try:
        workers = sum(client.nthreads().values())
        yield client.get_executor(pure=False), workers
    finally:
        client.close()
