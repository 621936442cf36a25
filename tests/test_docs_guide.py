"""README.md and docs/guide.md show real output: every `$ kg …` line of their console blocks runs here, in order, in
a checkout-like folder, and the Chinese names the document shows are in what the command prints today (counts
and timings may move as extraction improves; names that vanish mean the document is stale). Their Python
blocks run too. `kg serve`, `kg push` and curl lines are left to the help-example tests, which start servers.
README's test command is the one .ci/run runs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from workspace import ROOT, checkout_like, environment, run

DOCUMENTS = (ROOT / "README.md", ROOT / "docs" / "guide.md")
_CONSOLE = re.compile(r"```console\n(.*?)```", re.DOTALL)
_PYTHON = re.compile(r"```python\n(.*?)```", re.DOTALL)
_CHINESE = re.compile(r"[\u4e00-\u9fff]{2,}")
NEEDS_A_SERVER = re.compile(r"\b(serve|push|curl)\b")
CAPTIONS = "".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "queries").glob("*.rq")))


def sessions(document: Path) -> list[tuple[str, str]]:
    """(command, the output the document shows for it), in document order."""
    found = []
    for block in _CONSOLE.findall(document.read_text(encoding="utf-8")):
        for part in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, shown = part.partition("\n")
            found.append((command, shown))
    return found


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    return checkout_like(tmp_path_factory.mktemp("docs"))


@pytest.mark.slow
@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_docs_console_blocks_are_real_output(workspace: Path, document: Path) -> None:
    ran = 0
    for command, shown in sessions(document):
        if NEEDS_A_SERVER.search(command):
            continue
        result = run(command, workspace)
        assert result.returncode == 0, f"{document.name}: {command}\n{result.stderr}"
        printed = result.stdout + result.stderr + CAPTIONS  # a terminal shows the query's question under a table
        missing = [name for name in _CHINESE.findall(shown) if name not in printed]
        assert not missing, f"{document.name}: {command} no longer prints {missing}"
        ran += 1
    assert ran >= 3


@pytest.mark.slow
@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_docs_python_blocks_run(workspace: Path, document: Path) -> None:
    for code in _PYTHON.findall(document.read_text(encoding="utf-8")):
        result = subprocess.run([sys.executable, "-c", code], cwd=workspace, env=environment(), capture_output=True,
                                text=True, timeout=600, check=False)
        assert result.returncode == 0, result.stderr
        promised = [n for comment in re.findall(r"#([^\n]*)", code) for n in _CHINESE.findall(comment)
                    if "'" in comment]  # names in the printed lists the comments show
        assert all(name in result.stdout for name in promised), (promised, result.stdout)


def test_docs_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```bash\n(.*?)\n```", readme, re.DOTALL)
    (test_command,) = [c for c in commands if "pytest" in c]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for step in test_command.split(" && "):
        step = step.replace("pip install", "python -m pip install --quiet") if step.startswith("pip ") else step
        assert step.replace("python -m venv", "python3 -m venv") in ci, step
