"""The probes of issue 22 against `kg serve` (the real command, on loopback): one request must not crash, hijack
or exhaust it. Each test sends what took the Oxigraph server down, or made it fetch for an attacker, and checks
that the endpoint refuses it and goes on answering."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from seed_store import built_seeds
from servers import free_port, http, listener, serve_process, stop

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
FORM = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"}


def post(base: str, query: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    return http(f"{base}/query", data=urllib.parse.urlencode({"query": query}).encode(), headers={**FORM,
                                                                                                  **(headers or {})})


def count(base: str) -> int:
    status, body = post(base, COUNT)
    assert status == 200, body
    return int(body.decode().split()[1])


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return built_seeds(tmp_path_factory)


@pytest.fixture(scope="module")
def served(out: Path) -> Iterator[tuple[str, psutil.Process]]:
    """kg serve with a 2 s timeout and two workers; yields (base URL, the server process)."""
    process, base = serve_process(out / "store", "--timeout", "2", "--workers", "2", "--queue", "4",
                                  "--max-memory-mb", "256")
    try:
        yield base, psutil.Process(process.pid)
    finally:
        stop(process)


def test_serve_survives_a_query_nested_10000_deep(served) -> None:
    """Probe 1: a 20 KB form POST nested 10,000 deep killed the server (stack overflow, exit 250)."""
    base, server = served
    for deep in ("SELECT * WHERE { FILTER(" + "(" * 10_000 + "1" + ")" * 10_000 + ") }",
                 "SELECT * WHERE " + "{" * 10_000 + " ?s ?p ?o " + "}" * 10_000):
        status, body = post(base, deep)
        assert status == 400 and b"nests 10" in body, body
    assert server.is_running() and count(base) > 10_000


def test_serve_service_never_reaches_a_loopback_listener(served) -> None:
    """Probe 2: SERVICE made the read-only server POST to any address, also for an evil Origin."""
    base, _ = served
    with listener() as (url, requests):
        for headers in ({}, {"Origin": "http://evil.example"}, {"Origin": base}):
            status, body = post(base, f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}", headers)
            assert status in (400, 403), body
        status, body = post(base, f"SELECT * WHERE {{ ?x ?y ?z . service silent <{url}/b> {{ ?s ?p ?o }} }}")
        assert status == 400 and b"SERVICE" in body
        time.sleep(0.5)
        assert requests == []


def test_serve_refuses_foreign_hosts_and_origins(served) -> None:
    """Probe 2: any Host header was accepted (DNS rebinding) and any Origin."""
    base, _ = served
    status, body = http(f"{base}/query?query={urllib.parse.quote('ASK {}')}", headers={"Host": "evil.example:80"})
    assert status == 403 and b"Host" in body
    status, body = post(base, "ASK {}", {"Origin": "http://evil.example"})
    assert status == 403 and b"evil.example" in body
    status, _ = post(base, "ASK {}", {"Sec-Fetch-Site": "cross-site"})
    assert status == 403
    port = base.rsplit(":", 1)[1]
    for host in (f"localhost:{port}", f"127.0.0.1:{port}"):
        status, body = http(f"{base}/query?query={urllib.parse.quote('ASK {}')}",
                            headers={"Host": host, "Origin": f"http://{host}", "Accept": "text/csv"})
        assert status == 200, body


def _cpu_seconds(processes: list[psutil.Process]) -> float:
    spent = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
            spent += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return spent


def test_serve_runaway_query_is_cut_at_the_timeout_and_the_core_goes_idle(served) -> None:
    """Probe 3: a cartesian COUNT kept a core busy after the client gave up; only a restart stopped it."""
    base, server = served
    outcomes: list[tuple[int, float]] = []

    def runaway() -> None:
        started = time.monotonic()
        status, _ = post(base, RUNAWAY)
        outcomes.append((status, time.monotonic() - started))

    threads = [threading.Thread(target=runaway) for _ in range(3)]  # one more than the workers: one waits
    for thread in threads:
        thread.start()
    time.sleep(1.0)
    workers = server.children(recursive=True)
    before = {w.pid: _cpu_seconds([w]) for w in workers}
    time.sleep(0.5)
    running = [w for w in workers if _cpu_seconds([w]) > before[w.pid]]
    assert len(running) == 2  # both workers compute
    for thread in threads:
        thread.join(30)
    assert [status for status, _ in outcomes] == [503, 503, 503]
    assert max(seconds for _, seconds in outcomes) < 12  # 2 s each, the third once a worker came free
    assert not any(w.is_running() for w in running)  # killed: their cores are free
    time.sleep(1.0)
    tree = [server, *server.children(recursive=True)]
    idle = _cpu_seconds(tree)
    time.sleep(2.0)
    assert _cpu_seconds(tree) - idle < 0.4  # nothing of the runaway queries goes on
    assert count(base) > 10_000


def test_serve_a_query_that_needs_too_much_memory_ends_its_worker_only(served) -> None:
    """A worker may take 256 MB here: a query that sorts millions of rows fails, the server answers on."""
    base, server = served
    greedy = "SELECT ?a ?b ?c WHERE { ?a ?p ?c . ?b ?q ?c } ORDER BY ?a ?b"
    status, body = post(base, greedy)
    assert status in (413, 500, 503), body
    assert server.is_running() and count(base) > 10_000


def test_serve_limits_query_size_and_bodies(served) -> None:
    base, _ = served
    status, body = post(base, "ASK { }" + " " * 70_000)
    assert status in (400, 413) and b"limit" in body
    status, _ = http(f"{base}/query", data=b"x" * 300_000, headers=FORM)
    assert status == 413


def test_serve_answers_named_queries_and_the_catalogue(served) -> None:
    base, _ = served
    status, body = http(f"{base}/named/bodies-implementing-reform?reform={urllib.parse.quote('一件事一次办')}",
                        headers={"Accept": "text/csv"})
    assert status == 200 and "益阳市行政审批服务局" in body.decode()
    status, body = http(f"{base}/queries")
    catalogue = json.loads(body)
    assert status == 200 and catalogue["prefixes"]["gk"] == "https://w3id.org/govkg/ontology#"
    assert "bodies-implementing-reform" in {q["name"] for q in catalogue["queries"]}
    status, body = http(f"{base}/")
    assert status == 200 and b"/page.js" in body
    status, body = post(base, "SELECT ?label WHERE { ?b gk:implements ?r ; skos:prefLabel ?label } LIMIT 1")
    assert status == 200 and len(body.decode().split()) == 2  # the govkg prefixes are declared


def test_serve_follows_the_store_a_build_swaps_in(tmp_path: Path) -> None:
    """Probe 6: a server started before a build kept answering from the deleted store, holding its files open."""
    from kg.build import build

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    reports = sorted(seeds.glob("*.txt"))
    out = tmp_path / "out"
    build(reports[:2], out)
    process, base = serve_process(out / "store", "--workers", "1")
    try:
        before = count(base)
        build(reports, out)  # replaces out/ whole
        deadline = time.monotonic() + 10
        while (after := count(base)) == before and time.monotonic() < deadline:
            time.sleep(0.2)
        assert after > before
        time.sleep(3)  # the store watch lets the old generation's files go
        held = [f.path for child in psutil.Process(process.pid).children(recursive=True)
                for f in child.open_files() if "(deleted)" in f.path or not Path(f.path).exists()]
        assert held == []
    finally:
        stop(process)


def test_serve_a_busy_port_is_one_line(out: Path) -> None:
    port = free_port()
    process, _base = serve_process(out / "store", port=port)
    try:
        second, _ = serve_process(out / "store", port=port, wait=False)
        _, stderr = second.communicate(timeout=60)
        assert second.returncode == 2 and "already in use" in stderr and "Traceback" not in stderr
        assert len(stderr.strip().splitlines()) == 1
    finally:
        stop(process)


def test_serve_keeps_a_worker_for_short_queries(out: Path) -> None:
    """Runaway queries cannot take every worker: past --long-after seconds, a query runs on only if fewer than
    workers - 1 long ones do; a short query sent meanwhile is answered."""
    process, base = serve_process(out / "store", "--timeout", "6", "--long-after", "1", "--workers", "2")
    try:
        outcomes: list[tuple[int, bytes]] = []
        runaways = [threading.Thread(target=lambda: outcomes.append(post(base, RUNAWAY))) for _ in range(2)]
        for thread in runaways:
            thread.start()
        time.sleep(2.5)  # one runaway was stopped at 1 s, the other runs on
        started = time.monotonic()
        assert count(base) > 10_000 and time.monotonic() - started < 3
        for thread in runaways:
            thread.join(30)
        messages = sorted(body.decode() for _, body in outcomes)
        assert [status for status, _ in outcomes] == [503, 503]
        assert messages[0].startswith("busy with long queries") and "longer than 6 s" in messages[1]
    finally:
        stop(process)
