"""A report's graph is the same whatever the process's hash salt: workers of a parallel build (and the next build)
run with other salts, and a set's order must never choose a fact. Real document: a Hebei science-department page
whose platform 科学技术部门户网站 has two bodies named 科学技术部 to be run by (the national one and the page's own
reading), picked in set order before (decisions.md §50)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT.parent / "shared" / "corpus" / "hebei" / "kjt_94b4bf_0750.txt"

SCRIPT = """
import sys
from pathlib import Path
from kg.build import build_report
sys.stdout.write(sorted(build_report(Path(sys.argv[1])).nquads.decode().splitlines()).__repr__())
"""


@pytest.mark.skipif(not PAGE.is_file(), reason="shared/corpus/hebei is not beside this checkout")
def test_build_report_quads_do_not_depend_on_the_hash_salt() -> None:
    outputs = []
    for seed in ("1", "3"):  # two salts that ordered the two 科学技术部 differently
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, "-c", SCRIPT, str(PAGE)], capture_output=True, text=True,
                              check=True, env=env)
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert "id/Agency/科学技术部> <https://w3id.org/govkg/ontology#operates>" in outputs[0]
