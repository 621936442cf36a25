"""Parallel extraction (kg.parallel): worker processes and a Dask cluster build the same graph as one process.

The seeds go through ``kg build`` in this process, in two worker processes (``--jobs 2``) and on a real
dask.distributed LocalCluster (its Client's executor, and ``--executor dask://HOST:PORT`` on the command line);
the outputs must be the same quads, byte for byte in graph.trig.
"""

from __future__ import annotations

import itertools
import os
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app
from kg.errors import KGError
from kg.goldjson import to_gold_schema
from kg.ingest import fold
from kg.parallel import connect, extract_parallel, imap, process_pool, warm_up
from kg.pipeline import extract_paths
from tests.seed_store import SEEDS, built_seeds

pytestmark = pytest.mark.slow
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def quads(out: Path) -> set[ox.Quad]:
    store = ox.Store.read_only(str(out / "store"))
    return set(store.quads_for_pattern(None, None, None, None))


@pytest.fixture(scope="module")
def serial(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_seeds(tmp_path_factory)


def test_scale_jobs_2_builds_the_same_graph(serial: Path, tmp_path: Path) -> None:
    summary = build([SEEDS], tmp_path / "out", jobs=2)
    assert summary.documents == 5
    assert quads(tmp_path / "out") == quads(serial)
    assert (tmp_path / "out" / "graph.trig").read_bytes() == (serial / "graph.trig").read_bytes()
    assert (tmp_path / "out" / "manifest.json").read_bytes() == (serial / "manifest.json").read_bytes()


def _pool_workers() -> int:
    import psutil

    return sum("spawn_main" in " ".join(child.cmdline()) for child in psutil.Process().children(recursive=True))


def test_scale_worker_processes_end_before_the_final_compaction(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The workers' memory (~220 MB each) is given back once every report is loaded: on large corpora the final
    compaction, which runs after, is the build's peak."""
    import importlib

    build_module = importlib.import_module("kg.build")  # kg.build is also the function kg exports
    workers_seen: dict[str, list[int]] = {"loading": [], "writing outputs": []}
    put_report, write_outputs = build_module._put_report, build_module._write_outputs

    def counting_put_report(*args, **kwargs):
        workers_seen["loading"].append(_pool_workers())
        return put_report(*args, **kwargs)

    def counting_write_outputs(*args, **kwargs):
        workers_seen["writing outputs"].append(_pool_workers())
        return write_outputs(*args, **kwargs)

    monkeypatch.setattr(build_module, "_put_report", counting_put_report)
    monkeypatch.setattr(build_module, "_write_outputs", counting_write_outputs)
    summary = build([SEEDS], tmp_path / "out", jobs=2, store_only=True)
    assert summary.documents == 5
    assert workers_seen == {"loading": [2] * 5, "writing outputs": [0]}


def test_scale_worker_processes_exit_while_the_last_batch_loads(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The workers are stopped once every report is back, before the build waits for the last bulk load: their
    exit (a second or two each on Hebei, the interpreter freeing the pipeline) runs beside that load instead of
    after it. The store holds the same quads."""
    import importlib

    build_module = importlib.import_module("kg.build")
    seen_at_flush: list[int] = []
    flush = build_module._Loader.flush

    def counting_flush(self) -> None:
        seen_at_flush.append(_pool_workers())
        flush(self)

    monkeypatch.setattr(build_module._Loader, "flush", counting_flush)
    summary = build([SEEDS], tmp_path / "out", jobs=2, store_only=True)
    assert summary.documents == 5
    assert seen_at_flush == [0]
    assert len(ox.Store.read_only(str(tmp_path / "out" / "store"))) == summary.triples


def test_scale_extract_parallel_equals_one_process() -> None:
    expected = [to_gold_schema(x) for x in extract_paths(SEED_FILES)]
    with ProcessPoolExecutor(max_workers=2, initializer=warm_up) as pool:
        got = [to_gold_schema(x) for x in extract_parallel(SEED_FILES, pool)]
    assert got == expected
    assert any(e["name"] == "益阳市行政审批服务局" for e in got[0]["entities"])


def _leave_marks(folder: str) -> int:
    """In a pool worker: an atexit hook (runs only if the interpreter is torn down) and a multiprocessing
    finalizer (runs on every normal exit), each writing a file."""
    import atexit
    import multiprocessing.util

    atexit.register(Path(folder, "torn down").write_text, "yes")
    multiprocessing.util.Finalize(None, Path(folder, "finalized").write_text, args=("yes",), exitpriority=10)
    return os.getpid()


def test_scale_pool_workers_leave_without_tearing_the_interpreter_down(tmp_path: Path) -> None:
    """A stopped build worker exits at once (decisions.md 69: freeing the pipeline object by object took 1-2 s a
    worker, which the build waited for), after its multiprocessing finalizers, as a normal exit runs them."""
    pool = process_pool(1)
    try:
        assert pool.submit(_leave_marks, str(tmp_path)).result() != os.getpid()
    finally:
        pool.shutdown(wait=True)
    assert (tmp_path / "finalized").exists()
    assert not (tmp_path / "torn down").exists()


def test_scale_imap_keeps_order_and_bounds_work_in_flight() -> None:
    pulled = itertools.count()
    texts = ["臺灣", "發展", "國務院", "壹件事"] * 5

    def source():  # counts how far the executor has read ahead of the consumer
        for text in texts:
            next(pulled)
            yield text

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = imap(fold, source(), pool, window=3)
        first = next(results)
        ahead = next(pulled)  # items read from the source so far (plus this probe)
        rest = list(results)
    assert [first, *rest] == [fold(t) for t in texts]
    assert first == "台湾"
    assert ahead == 3


def test_scale_store_only_build_is_queryable(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(SEEDS), "--out", str(out), "--store-only", "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "store"]
    result = CliRunner().invoke(app, ["query", "bodies-implementing-reform", "--store", str(out / "store"),
                                      "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "益阳市行政审批服务局" in result.stdout


def test_scale_dask_local_cluster_builds_the_same_graph(serial: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1") as cluster:
        with distributed.Client(cluster) as client:
            summary = build([SEEDS], tmp_path / "api", executor=client.get_executor(), jobs=2)
        address = cluster.scheduler_address.replace("tcp://", "dask://")
        result = CliRunner().invoke(app, ["build", str(SEEDS), "--out", str(tmp_path / "cli"),
                                          "--executor", address])
    assert summary.documents == 5
    assert result.exit_code == 0, result.output
    for out in (tmp_path / "api", tmp_path / "cli"):
        assert quads(out) == quads(serial)
        assert (out / "graph.trig").read_bytes() == (serial / "graph.trig").read_bytes()


@pytest.mark.parametrize("address", ["dask://127.0.0.1", "http://127.0.0.1:8786", "127.0.0.1:8786"])
def test_scale_executor_address_must_be_dask_host_port(address: str) -> None:
    with pytest.raises(KGError, match="dask://HOST:PORT"), connect(address):
        pass


def test_scale_unreachable_scheduler_is_one_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["build", str(SEEDS), "--out", str(tmp_path / "out"),
                                      "--executor", "dask://127.0.0.1:9"])
    assert result.exit_code == 1
    assert "cannot reach the Dask scheduler" in result.output
    assert not (tmp_path / "out").exists()


_WITHOUT_TORCH = """
import importlib.util, sys
from kg.parallel import spacy_without_torch
with spacy_without_torch():
    from kg.nlp import load_pipeline, recognize
    from kg.model import Document
print("torch loaded with spaCy:", "torch" in sys.modules)
text = "益阳市行政审批服务局深入推进“一件事一次办”改革。"
_, mentions = next(recognize([Document("t", "t.txt", text, text, "", "text/plain", "utf-8")], load_pipeline()))
print("mentions:", sorted((m.label, m.text) for m in mentions))
if importlib.util.find_spec("torch") is not None:
    import torch
    print("torch afterwards:", torch.tensor([1.0, 2.0]).sum().item())
"""


def test_spacy_without_torch_keeps_the_rules_and_leaves_torch_importable() -> None:
    """A rules-only process skips the torch import thinc makes, finds the same entities, and can still use
    torch afterwards (the statistical tagger imports it directly)."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", _WITHOUT_TORCH], capture_output=True, text=True, check=True).stdout
    assert "torch loaded with spaCy: False" in out
    assert "('Agency', '益阳市行政审批服务局')" in out and "('Reform', '一件事一次办')" in out
    import importlib.util

    if importlib.util.find_spec("torch") is not None:
        assert "torch afterwards: 3.0" in out


def test_scale_a_fresh_build_starts_its_workers_before_listing_its_inputs(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The workers load the pipeline (~1.3 CPU s each) while the parent lists, hashes and opens its store; an
    update, which may find nothing to extract, starts none until a report needs one."""
    import importlib

    build_module = importlib.import_module("kg.build")
    workers_when_planning: list[int] = []
    plan = build_module._plan

    def counting_plan(*args, **kwargs):
        workers_when_planning.append(_pool_workers())
        return plan(*args, **kwargs)

    monkeypatch.setattr(build_module, "_plan", counting_plan)
    assert build([SEEDS], tmp_path / "out", jobs=2, store_only=True).documents == 5
    assert build([SEEDS], tmp_path / "out", jobs=2, store_only=True, update=True).documents == 0
    assert workers_when_planning == [2, 0]
