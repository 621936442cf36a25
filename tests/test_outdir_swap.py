"""OutputDir.commit swaps the new output in whole: a reader polling the folder during the commit sees the old
complete output or the new complete one, never a missing or half-deleted folder. Deterministic where the kill
tests are not: the old output is large (its removal takes many polls), and the poll runs the whole commit."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from kg.outdir import OutputDir

OLD_FILES = 1000  # removing these takes many polls (each poll lists the folder once)
NEW_FILES = 3


def _fill(folder: Path, files: int, tag: str) -> None:
    (folder / "manifest.json").write_text(tag, encoding="utf-8")
    for i in range(files - 1):
        (folder / f"part-{i:05d}").write_bytes(b"x")


def test_outdir_commit_never_leaves_the_output_missing_or_partial(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    _fill(out, OLD_FILES, "old")
    seen: list[tuple[int, str]] = []
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            try:
                before = os.stat(out).st_ino
                entries = os.listdir(out)
                tag = (out / "manifest.json").read_text(encoding="utf-8")
                if os.stat(out).st_ino != before:
                    continue  # the swap fell inside this sample: it saw the old and the new folder
            except FileNotFoundError:
                entries, tag = [], "missing"
            seen.append((len(entries), tag))

    output = OutputDir(out)
    with output as staging:
        _fill(staging, NEW_FILES, "new")
        reader = threading.Thread(target=poll)
        reader.start()
        try:
            while len(seen) < 3:  # the reader is polling before the swap starts
                threading.Event().wait(0.001)
            output.commit()
            count = len(seen)
            while len(seen) < count + 3:  # and after it ends
                threading.Event().wait(0.001)
        finally:
            stop.set()
            reader.join()
    whole = {(OLD_FILES, "old"), (NEW_FILES, "new")}
    assert set(seen) <= whole, sorted(set(seen) - whole)[:5]
    assert seen[0] == (OLD_FILES, "old") and seen[-1] == (NEW_FILES, "new")
    assert sorted(os.listdir(out)) == ["manifest.json", "part-00000", "part-00001"]
    assert not list(tmp_path.glob(".out.*-*"))  # the old output is gone, nothing left beside
