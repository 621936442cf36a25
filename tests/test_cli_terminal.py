"""How `kg` behaves in a real terminal (a pseudo-terminal) and in a pipe: query results as a rich table on a
terminal and as CSV in a pipe, colours off with NO_COLOR, errors as one line without a traceback unless --debug,
no progress bar when stderr is not a terminal, and shell completion of query names and formats."""

from __future__ import annotations

import csv
import io
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from seed_store import SEEDS, built_seeds

KG = [str(Path(sys.executable).parent / "kg")]  # the installed entry point, as a user runs it
COLOUR = re.compile(r"\x1b\[[0-9;]*(?:3[0-9]|9[0-7]|38;[0-9;]+)m")  # a foreground colour, not bold/italic


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    return str(built_seeds(tmp_path_factory) / "store")


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS")}
    return {**env, "TERM": "xterm-256color", "COLUMNS": "200", **extra}


def in_terminal(args: list[str], **extra: str) -> tuple[int, str]:
    """Run with stdin, stdout and stderr on a pseudo-terminal; everything it wrote, and its exit status."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(args, stdin=follower, stdout=follower, stderr=follower, env=environment(**extra))
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return process.wait(), b"".join(chunks).decode("utf-8", errors="replace")


def in_pipe(args: list[str], **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, env=environment(**extra), check=False)


def test_cli_query_is_a_table_on_a_terminal(store: str) -> None:
    status, shown = in_terminal([*KG, "query", "reports", "--store", store])
    assert status == 0, shown
    text = re.sub(r"\x1b\[[0-9;]*m", "", shown)
    assert "Reports and their sources" in text and "┃ report " in text and "│ 益阳市 " in text


def test_cli_query_is_csv_in_a_pipe(store: str) -> None:
    result = in_pipe([*KG, "query", "reports", "--store", store])
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 5 and {r["author"] for r in rows} >= {"益阳市行政审批服务局", "新余市行政审批局"}
    assert "┃" not in result.stdout and "\x1b[" not in result.stdout


def test_cli_construct_is_turtle_in_a_pipe(store: str) -> None:
    query = "CONSTRUCT { ?r a gk:Report } WHERE { ?r a gk:Report }"
    result = in_pipe([*KG, "query", query, "--store", store])
    assert result.returncode == 0, result.stderr
    reports = [line for line in result.stdout.splitlines() if line.endswith(" a gk:Report .")]
    assert len(reports) == 5 and "@prefix gk: <https://w3id.org/govkg/ontology#> ." in result.stdout


@pytest.mark.parametrize(("fmt", "first"), [("tsv", "?report\t?title"), ("json", '{"head":'),
                                            ("csv", "report,title")])
def test_cli_query_format_chosen_on_a_terminal(store: str, fmt: str, first: str) -> None:
    status, shown = in_terminal([*KG, "query", "reports", "--store", store, "--format", fmt])
    assert status == 0 and shown.lstrip().startswith(first), shown[:200]


def test_cli_errors_are_one_line_coloured_unless_no_color(store: str) -> None:
    status, shown = in_terminal([*KG, "query", "no-such-query", "--store", store])
    assert status == 2 and "no query named 'no-such-query'" in shown and "Traceback" not in shown
    assert COLOUR.search(shown)
    status, plain = in_terminal([*KG, "query", "no-such-query", "--store", store], NO_COLOR="1")
    assert status == 2 and "no query named 'no-such-query'" in plain and not COLOUR.search(plain)


def test_cli_debug_shows_the_traceback(store: str) -> None:
    result = in_pipe([*KG, "--debug", "query", "no-such-query", "--store", store])
    assert result.returncode != 0 and "Traceback" in result.stderr and "QueryError" in result.stderr


def test_cli_build_progress_only_on_a_terminal(tmp_path: Path) -> None:
    result = in_pipe([*KG, "build", str(SEEDS / "001_c41a6bf51d27d1a9.txt"), "--out", str(tmp_path / "out")])
    assert result.returncode == 0, result.stderr
    assert "extracting" not in result.stderr and "━" not in result.stderr


@pytest.mark.parametrize(("words", "expected"), [
    ("kg query reforms-by", {"reforms-by-place", "reforms-by-place-and-year", "reforms-by-report"}),
    ("kg query reports --format ", {"table", "json", "csv", "tsv", "turtle"}),
])
def test_cli_completion_of_query_names_and_formats(words: str, expected: set[str]) -> None:
    result = in_pipe(KG, _KG_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(len(words.split()) -
                     (0 if words.endswith(" ") else 1)))
    assert set(result.stdout.split()) == expected, result.stdout + result.stderr
