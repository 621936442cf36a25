"""The code base stays ruff clean (configuration in pyproject.toml; ruff comes with the test extra)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_code_style_ruff_clean() -> None:
    command = [sys.executable, "-m", "ruff", "check", "kg", "tests", "bench", "tools"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
