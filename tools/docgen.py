"""Shared ending of the generated-docs scripts: write the page, or with --check say whether it is current."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path


def generate(target: Path, render: Callable[[], str], description: str) -> int:
    """Command-line entry: write ``render()`` to ``target``; ``--check`` exits 1 when the file differs."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help=f"exit 1 if {target.name} is out of date")
    args = parser.parse_args()
    text = render()
    if args.check:
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            print(f"{target} is out of date: run python tools/{Path(sys.argv[0]).name}", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0
