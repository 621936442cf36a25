"""Load test of `kg serve`: many clients on loopback, normal and hostile queries mixed, for a bounded time.

Run from the project root (about 70 s; builds the seeds' graph first unless --store is given):

    .venv/bin/python bench/serve_load.py [--clients 20] [--seconds 60] [--hostile 0.3] [--timeout 10]

Each client loops: with probability --hostile it sends one of the probes of issue 22 (a query nested 10,000
deep, SERVICE to a loopback listener, a runaway cartesian COUNT, a query that sorts millions of rows, a body
over the size limit, a foreign Host, a foreign Origin), otherwise a normal query: half of the time one of the
named queries of queries/ with its default parameters (/named/NAME, as the query page sends them), half of the
time a short query sent as text (/query). It prints, per kind, how many requests got which status; for the
normal queries the latency p50/p95 of all of them and of those answered 200; the peak resident memory of the
server and its
workers (sampled every 0.2 s); whether the listener was ever called; and the crashes: the server process gone,
or a connection refused or dropped without an answer. tests/test_serve_load.py runs a short version.

A runaway query holds a worker until --timeout: while some run, the queries sent as text wait for a worker (or
are refused 503 when the queue is full); the named queries have a worker of their own. That is the bound on
what one client can take, not an isolation between clients: see docs/security.md.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from servers import free_port, listener, stop, wait_until_up  # noqa: E402

from kg.query import list_queries  # noqa: E402


@dataclass
class Tally:
    statuses: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    seconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    ok_seconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    dropped: list[str] = field(default_factory=list)  # connections refused or closed without an answer
    peak_rss: int = 0
    peak_worker_rss: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, status: str, seconds: float) -> None:
        with self.lock:
            self.statuses[kind][status] += 1
            self.seconds[kind].append(seconds)
            if status == "200":
                self.ok_seconds[kind].append(seconds)


def _form(query: str) -> bytes:
    return urllib.parse.urlencode({"query": query}).encode()


def hostile_requests(service_url: str) -> dict[str, tuple[str, bytes | None, dict[str, str]]]:
    """kind -> (path, body, headers) of each probe."""
    form = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"}
    return {
        "deep": ("/query", _form("SELECT * WHERE { FILTER(" + "(" * 10_000 + "1" + ")" * 10_000 + ") }"), form),
        "service": ("/query", _form(f"SELECT * WHERE {{ SERVICE <{service_url}> {{ ?s ?p ?o }} }}"),
                    {**form, "Origin": "http://evil.example"}),
        "runaway": ("/query", _form("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"),
                    form),
        "memory": ("/query", _form("SELECT ?a ?b ?c WHERE { ?a ?p ?c . ?b ?q ?c } ORDER BY ?a ?b"), form),
        "huge": ("/query", b"query=" + b"%20" * 400_000, form),
        "host": ("/query?query=ASK%7B%7D", None, {"Host": "evil.example", "Accept": "text/csv"}),
        "origin": ("/query", _form("ASK {}"), {**form, "Origin": "http://evil.example"}),
    }


TEXT_QUERY = ("/query", _form("SELECT ?body ?label WHERE { ?body a gk:Agency ; skos:prefLabel ?label } LIMIT 20"),
              {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"})
NORMAL = ("named", "text")


def send(base: str, path: str, body: bytes | None, headers: dict[str, str], timeout: float) -> str:
    """The status as text, or "dropped: ..." when the connection was refused or closed without an answer."""
    request = urllib.request.Request(base + path, data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return str(response.status)
    except urllib.error.HTTPError as exc:
        exc.read()
        return str(exc.code)
    except (urllib.error.URLError, OSError) as exc:
        return f"dropped: {getattr(exc, 'reason', exc)}"


def run_load(base: str, server: psutil.Process, service_url: str, clients: int, seconds: float, hostile: float,
             client_timeout: float, seed: int = 22) -> Tally:
    """``clients`` threads sending for ``seconds``; memory sampled meanwhile."""
    tally = Tally()
    named = [f"/named/{q.name}" for q in list_queries() if all(p.default is not None for p in q.params.values())]
    probes = hostile_requests(service_url)
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        pick = random.Random(seed + number)
        while time.monotonic() < deadline:
            if pick.random() < hostile:
                kind = pick.choice(sorted(probes))
                path, body, headers = probes[kind]
            elif pick.random() < 0.5:
                kind, path, body, headers = "named", pick.choice(named), None, {"Accept": "text/csv"}
            else:
                kind, path, body, headers = "text", *TEXT_QUERY
            started = time.monotonic()
            status = send(base, path, body, headers, client_timeout)
            tally.record(kind, status if not status.startswith("dropped") else "dropped", time.monotonic() - started)
            if status.startswith("dropped"):
                tally.dropped.append(f"{kind}: {status}")

    def sample() -> None:
        while time.monotonic() < deadline:
            try:
                workers = server.children(recursive=True)
                sizes = [p.memory_info().rss for p in workers if p.is_running()]
                tally.peak_rss = max(tally.peak_rss, server.memory_info().rss + sum(sizes))
                tally.peak_worker_rss = max(tally.peak_worker_rss, *sizes, 0)
            except psutil.Error:
                pass
            time.sleep(0.2)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    threads.append(threading.Thread(target=sample))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(tally: Tally, server_alive: bool, listener_calls: int, seconds: float) -> str:
    lines = ["kind      requests  statuses"]
    for kind in sorted(tally.statuses):
        counts = tally.statuses[kind]
        shown = ", ".join(f"{status}: {n}" for status, n in sorted(counts.items()))
        lines.append(f"{kind:<9} {sum(counts.values()):>8}  {shown}")
    for kind in NORMAL:
        every, ok = tally.seconds.get(kind, []), tally.ok_seconds.get(kind, [])
        if every:
            lines.append(f"{kind} queries: {len(every)} in {seconds:g} s, p50 {statistics.median(every) * 1000:.0f} "
                         f"ms, p95 {percentile(every, 0.95) * 1000:.0f} ms; the {len(ok)} answered 200: "
                         + (f"p50 {statistics.median(ok) * 1000:.0f} ms, p95 {percentile(ok, 0.95) * 1000:.0f} ms"
                            if ok else "none"))
    lines.append(f"peak memory: server and workers {tally.peak_rss / 2**20:,.0f} MiB, one worker at most "
                 f"{tally.peak_worker_rss / 2**20:,.0f} MiB")
    lines.append(f"SERVICE listener called: {listener_calls} time(s)")
    crashes = len(tally.dropped) + (0 if server_alive else 1)
    lines.append(f"crashes: {crashes} (server {'alive' if server_alive else 'GONE'}, "
                 f"{len(tally.dropped)} connection(s) dropped)")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a built store (default: the seeds, built now)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--hostile", type=float, default=0.3, help="share of requests that are probes")
    parser.add_argument("--timeout", type=float, default=10, help="kg serve --timeout")
    parser.add_argument("--workers", type=int, default=2, help="kg serve --workers")
    parser.add_argument("--queue", type=int, default=16, help="kg serve --queue")
    parser.add_argument("--long-after", type=float, default=2.0, help="kg serve --long-after")
    parser.add_argument("--max-memory-mb", type=int, default=512, help="kg serve --max-memory-mb")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="govkg-load-") as work:
        store = args.store
        if store is None:
            from kg.build import build

            build([ROOT / "seeds"], Path(work) / "out")
            store = Path(work) / "out" / "store"
        port = free_port()
        command = [sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", str(port), "--quiet",
                   "--timeout", str(args.timeout), "--workers", str(args.workers), "--queue", str(args.queue),
                   "--max-memory-mb", str(args.max_memory_mb), "--long-after", str(args.long_after)]
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                   start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(process, f"{base}/query?query=ASK%7B%7D", what="kg serve")
            with listener() as (service_url, calls):
                tally = run_load(base, psutil.Process(process.pid), service_url, args.clients, args.seconds,
                                 args.hostile, client_timeout=args.timeout * 4 + 30)
                alive = process.poll() is None
                print(f"kg serve --workers {args.workers} --queue {args.queue} --timeout {args.timeout:g} "
                      f"--long-after {args.long_after:g}; "
                      f"{args.clients} clients, {args.seconds:g} s, {args.hostile:.0%} hostile")
                print(report(tally, alive, len(calls), args.seconds))
                if args.json:
                    args.json.write_text(json.dumps({
                        "statuses": {k: dict(v) for k, v in tally.statuses.items()},
                        "p95_ms": {kind: percentile(tally.ok_seconds.get(kind, []), 0.95) * 1000
                                   for kind in NORMAL},
                        "peak_rss_mib": tally.peak_rss / 2**20, "dropped": tally.dropped,
                        "server_alive": alive, "listener_calls": len(calls)}, indent=1))
        finally:
            stop(process)
    return 0 if alive and not tally.dropped and not calls else 1


if __name__ == "__main__":
    sys.exit(main())
