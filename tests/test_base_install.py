"""README's first command installs the base package alone (`pip install -e .`): the default pipeline must run
without the optional extras' modules (torch and pytorch-crf of `[statistical]`, python-crfsuite and scikit-learn of
`[train]`, pandas and matplotlib of `[notebook]`). The test environment has them all, so a child process is started
with them made unimportable, as on a fresh machine, and builds a seed report."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_305e9a0e456975a1.txt"
EXTRAS_ONLY = ("torch", "torchcrf", "pycrfsuite", "sklearn", "pandas", "matplotlib")


def test_the_default_pipeline_runs_without_the_optional_extras(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(
        "import sys\n" + "".join(f"sys.modules[{name!r}] = None\n" for name in EXTRAS_ONLY), encoding="utf-8"
    )
    script = (
        "import sys\n"
        f"assert all(sys.modules.get(name, 0) is None for name in {EXTRAS_ONLY!r})\n"
        "from kg.ingest import ingest\n"
        "from kg.nlp.pipeline import load_pipeline\n"
        "from kg.pipeline import extract_document\n"
        f"extraction = extract_document(ingest({str(SEED)!r}), load_pipeline())\n"
        "print(len(extraction.entities), len(extraction.relations))\n"
    )
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join([str(blocker), str(ROOT)]))
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=environment, timeout=600, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    entities, relations = map(int, result.stdout.split())
    assert entities > 50 and relations > 50
