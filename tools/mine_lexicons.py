"""Mine the names the genre quotes from the Hebei corpus: every quoted phrase (“…”, 2-18 characters) with the word
that follows it when that word is a programme's or a system's head, and in how many documents and how often it
occurs. A phrase several departments quote is a named programme, mechanism or slogan far more often than a phrase
one page quotes once; the entity CRF reads the document frequency as a feature (kg/nlp/crf.py).

The locked test documents (annotations/splits.tsv) are left out: nothing of theirs may become a feature.

    python tools/mine_lexicons.py ../shared > kg/resources/ner/mined_quotes.tsv
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parent.parent
QUOTED = re.compile(r"“([^“”\n]{2,18})”")
MIN_DOCUMENTS = 2


def main(shared: Path) -> None:
    with (ROOT / "annotations/splits.tsv").open(encoding="utf-8") as handle:
        locked = {row["source"] for row in csv.DictReader(handle, delimiter="\t") if row["split"] == "test"}
    to_simplified = opencc.OpenCC("t2s").convert
    documents: dict[str, set[str]] = defaultdict(set)
    mentions: Counter[str] = Counter()
    files = sorted((shared / "corpus/hebei").glob("*.txt"))
    used = 0
    for path in files:
        if f"corpus/hebei/{path.name}" in locked:
            continue
        used += 1
        text = to_simplified(path.read_text(encoding="utf-8"))
        for match in QUOTED.finditer(text):
            name = match.group(1).strip()
            documents[name].add(path.stem)
            mentions[name] += 1
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    sys.stdout.write(
        "# Quoted phrases of the Hebei corpus (../shared/corpus/hebei, the locked test documents left out), made by\n"
        f"# tools/mine_lexicons.py from {used} documents: phrase, documents quoting it, occurrences, first document.\n"
        f"# Only phrases quoted in at least {MIN_DOCUMENTS} documents. Read by the entity CRF (kg/nlp/crf.py).\n"
    )
    for name in sorted(documents, key=lambda n: (-len(documents[n]), -mentions[n], n)):
        if len(documents[name]) >= MIN_DOCUMENTS:
            out.writerow([name, len(documents[name]), mentions[name], min(documents[name])])


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared"))
