"""The short version of bench/serve_load.py: 8 clients for 12 s against `kg serve` on loopback, a third of the
requests hostile. No crash (the server alive, no connection dropped), every probe refused as it should be, the
normal queries answered, memory bounded; the normal queries' p95 is printed (speed is not asserted here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from seed_store import built_seeds

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def test_serve_load_mixed_hostile_and_normal(tmp_path_factory, tmp_path: Path) -> None:
    store = built_seeds(tmp_path_factory) / "store"
    figures = tmp_path / "load.json"
    command = [sys.executable, "bench/serve_load.py", "--store", str(store), "--clients", "8", "--seconds", "12",
               "--hostile", "0.35", "--timeout", "2", "--max-memory-mb", "256", "--json", str(figures)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    found = json.loads(figures.read_text())
    assert found["server_alive"] and found["dropped"] == [] and found["listener_calls"] == 0
    statuses = found["statuses"]
    expected = {"deep": {"400"}, "service": {"400", "403"}, "huge": {"413"}, "host": {"403"}, "origin": {"403"},
                "runaway": {"503"}, "memory": {"413", "500", "503"}, "text": {"200", "503"}, "named": {"200", "503"}}
    for kind, allowed in expected.items():
        assert set(statuses.get(kind, {})) <= allowed, (kind, statuses.get(kind))
    assert statuses["named"].get("200", 0) > 5 and statuses["text"].get("200", 0) > 0
    assert found["peak_rss_mib"] < 2 * 1024  # 2 workers of at most 256 MB and the server
    assert "p95" in result.stdout
