"""The worker processes behind ``kg serve``: a fixed number of them (the concurrency limit), a bounded queue of
requests waiting for one, a timeout that kills the worker of a runaway query, and a new set of workers when a
build has replaced the store.

Killing is the point: an Oxigraph query cannot be interrupted from outside, so a thread that gives up waiting
leaves its core busy until the query ends, maybe never. A worker is a process (kg.endpoint.worker); SIGKILL
frees its core and memory at once, and the next request finds a fresh worker in its place.

The store is opened by path. ``kg build`` replaces the folder whole (a new directory at the same path), so the
pool notes the folder's identity (device, inode) and, when it changes, retires the workers that hold the old one
(whose files were deleted) and starts workers on the new one: answers come from the new build.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import StoreError
from kg.store import damaged_or_locked


class Refused(Exception):
    """A request the pool did not run to the end; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class Limits:
    workers: int = 2  # queries running at once
    queue: int = 16  # requests waiting for a worker; more are refused (503)
    timeout: float = 30.0  # seconds a query may run
    memory_bytes: int = 1 << 30  # per worker
    result_bytes: int = 64 << 20  # per answer
    short: float = 2.0  # seconds after which a query is long: at most workers - 1 long ones run at once

    @property
    def queue_wait(self) -> float:
        """How long a request waits for a worker: a runaway query frees one within the timeout."""
        return self.timeout + 5.0


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    media_type: str
    body: bytes


def store_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the store folder the path leads to now; None when there is no store there."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_dev, found.st_ino) if (path / "CURRENT").is_file() else None


class Worker:
    """One worker process; started at once, ready when it has opened the store."""

    def __init__(self, store: Path, prefixes: dict[str, str], limits: Limits, generation: int) -> None:
        self.generation = generation
        command = [sys.executable, "-P", "-m", "kg.endpoint.worker", str(store), json.dumps(prefixes),
                   str(limits.memory_bytes), str(limits.result_bytes)]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0,
                                        stderr=subprocess.DEVNULL, env=_worker_environment())
        self.ready = False
        self.store = store
        self.received = bytearray()  # read from the worker, not yet taken

    def _wait_ready(self, timeout: float) -> None:
        if self.ready:
            return
        line = self._read_line(timeout)
        status = json.loads(line)
        if not status.get("ready"):
            raise Refused(503, str(damaged_or_locked(self.store, RuntimeError(status.get("error", "")))))
        self.ready = True

    def _receive(self, enough: Callable[[], bool], timeout: float) -> None:
        """Read from the worker until ``enough()``; TimeoutError after ``timeout`` s, EOFError if it died."""
        deadline = time.monotonic() + timeout
        fd = self.process.stdout.fileno()
        while not enough():
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                raise TimeoutError
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                raise EOFError
            self.received += chunk

    def _read_line(self, timeout: float) -> bytes:
        self._receive(lambda: b"\n" in self.received, timeout)
        end = self.received.index(b"\n")
        line = bytes(self.received[:end])
        del self.received[:end + 1]
        return line

    def send(self, request: dict, timeout: float) -> None:
        self._wait_ready(timeout)
        data = memoryview(json.dumps(request).encode() + b"\n")
        while data:
            data = data[self.process.stdin.write(data):]

    def answer(self, timeout: float) -> Answer:
        """The answer to the request sent; TimeoutError (the caller may wait again) or EOFError."""
        header = json.loads(self._read_line(timeout))
        if header["status"] != 200:
            return Answer(header["status"], "text/plain; charset=utf-8", header["error"].encode() + b"\n")
        length = header["length"]
        self._receive(lambda: len(self.received) >= length, 60.0)  # written with the header: already coming
        body = bytes(self.received[:length])
        del self.received[:length]
        return Answer(200, header["type"], body)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                pipe.close()


def _worker_environment() -> dict[str, str]:
    """The workers import kg from where this process did (a checkout, not only an installed copy); ``-P`` keeps
    the working folder out of their path."""
    root = str(Path(__file__).resolve().parents[2])
    path = os.environ.get("PYTHONPATH", "")
    return {**os.environ, "PYTHONPATH": root + (os.pathsep + path if path else "")}


class Pool:
    """``run(request)`` on the next free worker, in arrival order, within the limits."""

    def __init__(self, store: str | Path, prefixes: dict[str, str], limits: Limits) -> None:
        self.store, self.prefixes, self.limits = Path(store), prefixes, limits
        self.identity = store_identity(self.store)
        if self.identity is None:
            raise StoreError(f"{self.store}: no store here (build one first with `kg build`)")
        self.generation = 0
        # a query running longer than limits.short holds one of these, or is stopped: one worker stays for
        # short queries while runaway ones come in (with a single worker there is nothing to keep)
        self.long = threading.BoundedSemaphore(max(1, limits.workers - 1))
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.waiting = 0
        self.lock = threading.Lock()
        self.registry = threading.Lock()  # check_store starts workers under self.lock: a lock of its own
        self.started: set[Worker] = set()  # every worker alive, busy ones too: close() ends them all
        self.closed = False
        for _ in range(limits.workers):
            self.idle.put(self._new_worker())

    def _new_worker(self) -> Worker:
        worker = Worker(self.store, self.prefixes, self.limits, self.generation)
        with self.registry:
            self.started = {w for w in self.started if w.process.poll() is None} | {worker}
        return worker

    def check_store(self) -> None:
        """A new generation of workers when the store folder was replaced; Refused when there is none now."""
        identity = store_identity(self.store)
        if identity is None:
            raise Refused(503, f"{self.store}: no store there now (a build replacing it?); retry in a moment, or "
                               "rebuild and restart `kg serve`")
        with self.lock:
            if identity == self.identity:
                return
            self.identity = identity
            self.generation += 1
            stale = []
            while not self.idle.empty():
                stale.append(self.idle.get_nowait())
            for worker in stale:  # the old store's deleted files are held open until these exit
                worker.kill()
                self.idle.put(self._new_worker())

    def run(self, request: dict) -> Answer:
        """The worker's answer; Refused when busy, timed out, or the worker died."""
        self.check_store()
        with self.lock:
            if self.waiting >= self.limits.queue:
                raise Refused(503, f"busy: {self.limits.workers} queries running and {self.limits.queue} "
                                   "waiting; retry later")
            self.waiting += 1
        try:
            worker = self.idle.get(timeout=self.limits.queue_wait)
        except queue.Empty:
            raise Refused(503, f"busy: no worker free within {self.limits.queue_wait:g} s; retry later") from None
        finally:
            with self.lock:
                self.waiting -= 1
        return self._run_on(worker, request)

    def _run_on(self, worker: Worker, request: dict) -> Answer:
        keep = False
        try:
            if worker.generation != self.generation:
                worker.kill()
                worker = self._new_worker()
            answer = self._ask(worker, request)
            keep = True
            return answer
        except TimeoutError:
            raise Refused(503, f"the query ran longer than {self.limits.timeout:g} s and was stopped "
                               "(kg serve --timeout); narrow it or add a LIMIT") from None
        except (EOFError, OSError, ValueError, KeyError):
            raise Refused(500, "the query stopped its worker (it needed too much memory or stack); "
                               "the server goes on with a new worker") from None
        finally:
            if not keep:
                worker.kill()
                worker = self._new_worker()
            self._give_back(worker)

    def _ask(self, worker: Worker, request: dict) -> Answer:
        """The answer within the timeout; past ``short`` seconds only if a long slot is free."""
        started = time.monotonic()
        worker.send(request, self.limits.timeout)
        short = min(self.limits.short, self.limits.timeout)
        try:
            return worker.answer(max(short - (time.monotonic() - started), 0.001))
        except TimeoutError:
            if short >= self.limits.timeout:
                raise
        if not self.long.acquire(blocking=False):
            raise Refused(503, f"busy with long queries: this one ran longer than {short:g} s while the workers "
                               "that may run long queries were taken; retry later, or narrow it") from None
        try:
            return worker.answer(max(self.limits.timeout - (time.monotonic() - started), 0.001))
        finally:
            self.long.release()

    def _give_back(self, worker: Worker) -> None:
        if self.closed:
            worker.kill()
        elif worker.generation != self.generation:
            worker.kill()
            self.idle.put(self._new_worker())
        else:
            self.idle.put(worker)

    def watch(self, every: float = 2.0) -> None:
        """Check the store every few seconds, so that a replaced store's files are let go without a request."""

        def loop() -> None:
            while not self.closed:
                time.sleep(every)
                with contextlib.suppress(Refused):
                    self.check_store()

        threading.Thread(target=loop, name="govkg-store-watch", daemon=True).start()

    def close(self) -> None:
        """End every worker, busy ones too: a runaway query must not outlive the server."""
        self.closed = True
        with self.registry:
            workers = list(self.started)
        for worker in workers:
            worker.kill()
