"""docs/queries.md, the query cookbook, is generated from the headers of queries/*.rq and current; it has an
entry for every named query, and the command each entry gives returns rows on the seeds' graph."""

from __future__ import annotations

import csv
import io
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from seed_store import built_seeds
from typer.testing import CliRunner

from kg.cli import app

ROOT = Path(__file__).resolve().parent.parent
COOKBOOK = ROOT / "docs" / "queries.md"
COMMANDS = re.findall(r"```bash\n(kg query [^\n]+)\n```", COOKBOOK.read_text(encoding="utf-8"))


def test_docs_queries_is_current() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "make_query_doc.py"), "--check"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr


def test_docs_queries_has_every_named_query() -> None:
    names = sorted(path.stem for path in (ROOT / "queries").glob("*.rq"))
    assert len(names) >= 12
    assert sorted(shlex.split(command)[2] for command in COMMANDS) == names
    text = COOKBOOK.read_text(encoding="utf-8")
    for name in names:
        header = (ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8").splitlines()[:3]
        for line in header:  # title, zh and en questions, as written in the file
            assert line.split(":", 1)[1].strip() in text, (name, line)


@pytest.mark.parametrize("command", COMMANDS)
def test_docs_queries_command_answers_on_the_seeds(tmp_path_factory, command: str) -> None:
    store = built_seeds(tmp_path_factory) / "store"
    result = CliRunner().invoke(app, [*shlex.split(command)[1:], "--store", str(store), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    if "entities-without-evidence" not in command:  # its point is to come back empty on a sound build
        assert len(rows) > 1, command
