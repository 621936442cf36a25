"""The end-to-end benchmark on real documents (bench/real.py) runs on a tiny real corpus and prints a row for
every stage; its multiples are the same documents with other real places, line for line. Figures are not
checked (speed lives in bench/, not in timed tests)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEBEI = ROOT.parent / "shared" / "corpus" / "hebei"
sys.path.insert(0, str(ROOT))
from bench.corpus import swapped_copies  # noqa: E402
from bench.real import STAGES  # noqa: E402

pytestmark = pytest.mark.skipif(not HEBEI.is_dir(), reason="../shared/corpus/hebei is not here")


@pytest.fixture(scope="module")
def three(tmp_path_factory) -> Path:
    """Three real Hebei documents."""
    folder = tmp_path_factory.mktemp("hebei3")
    for path in sorted(HEBEI.glob("*.txt"))[:3]:
        shutil.copy(path, folder / path.name)
    return folder


def test_scale_real_copies_swap_places_and_keep_the_rest(three: Path, tmp_path: Path) -> None:
    files, chars = swapped_copies(three, tmp_path, 3)
    made = sorted(p.name for p in tmp_path.glob("*.txt"))
    assert files == 9 == len(made) and chars == sum(len(p.read_text(encoding="utf-8")) for p in tmp_path.glob("*.txt"))
    for original in sorted(three.glob("*.txt")):
        text = original.read_text(encoding="utf-8")
        assert (tmp_path / original.name).read_text(encoding="utf-8") == text  # copy 0 is the file itself
        for copy in (1, 2):
            swapped = (tmp_path / f"{original.stem}_x{copy}.txt").read_text(encoding="utf-8")
            assert swapped != text and "河北" not in swapped and "河北" in text  # the province is another one
            assert swapped.count("\n") == text.count("\n")  # line for line
            assert re.sub(r"[\u4e00-\u9fff]", "", swapped) == re.sub(r"[\u4e00-\u9fff]", "", text)  # names only
    again = tmp_path / "again"
    swapped_copies(three, again, 3)
    assert all((again / name).read_bytes() == (tmp_path / name).read_bytes() for name in made)  # deterministic


@pytest.mark.slow
def test_scale_real_bench_prints_every_stage(three: Path, tmp_path: Path) -> None:
    command = [sys.executable, "bench/real.py", "--corpus", str(three), "--multiples", "1,2", "--jobs", "1",
               "--work", str(tmp_path)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900, check=False)
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    assert re.search(r"x1: 3 files, [\d,]+ characters", out) and re.search(r"x2: 6 files, [\d,]+ characters", out)
    for stage in STAGES:
        rows = re.findall(rf"^  {stage}\s+[\d.]+\s+[\d.]+\s+[\d,]+\s+[\d,]+\s+[\d,]+", out, re.MULTILINE)
        assert len(rows) == 2, f"{stage}:\n{out}"
    assert re.search(r"store-only .*extract and load [\d.]+ s, link reports [\d.]+ s, write outputs", out)
    assert re.search(r"validate .*(NOT )?valid: \d+ triples", out)
