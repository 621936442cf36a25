"""A scratch folder laid out like a checkout (seeds/ inside, ../shared beside it), and commands run in it with
bash as a user pastes them, with this environment's `kg` and `oxigraph` first on PATH."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BIN = Path(sys.executable).parent


def checkout_like(root: Path) -> Path:
    """root/govkg with seeds/ in it and root/shared beside it (symbolic links to the real ones)."""
    (root / "shared").symlink_to(SHARED)
    work = root / "govkg"
    work.mkdir()
    (work / "seeds").symlink_to(ROOT / "seeds")
    return work


def environment() -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "NO_COLOR": "1"}


def run(command: str, cwd: Path, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=environment(), capture_output=True, text=True,
                          timeout=timeout, check=False)
