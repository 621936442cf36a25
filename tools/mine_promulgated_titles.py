"""Mine the titles the Hebei corpus shows with the order that promulgated them:
《高等学校信息公开办法》（教育部令第29号）, 科学技术部令第11号《国家科技计划实施中科研不端行为处理办法（试行）》.
Only rules (规章) and regulations (行政法规,
地方性法规) are promulgated by a 令, so such a title is a Law under the Legislation Law wherever it is cited, also
where no order follows it (严格按照《专业技术人员继续教育规定》): kg/nlp/rules/titles.py reads the list
("corpus-level consistency" for the Law/PolicyDocument border, docs/decisions.md §54).

The patterns are titles.yaml's promulgation_order (after the title) and promulgation_order_before (before it).
Every annotated document (train, dev and the locked test of annotations/splits.tsv) is left out, as in
tools/mine_entity_lexicon.py: the annotated ones measure the list, they must not feed it.

    python tools/mine_promulgated_titles.py ../shared > kg/resources/ner/promulgated_titles.tsv
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TITLE = r"[《〈<](?P<title>[^《》〈〉<>\n]{2,60})[》〉>]"


def annotated_sources() -> set[str]:
    """Every document of annotations/splits.tsv, whatever its split."""
    with (ROOT / "annotations/splits.tsv").open(encoding="utf-8") as handle:
        return {row["source"] for row in csv.DictReader(handle, delimiter="\t")}


def main(shared: Path) -> None:
    from kg.ingest import ingest
    from kg.nlp.rules.titles import promulgation_patterns, title_key

    after, before = promulgation_patterns()
    title_after = re.compile(TITLE + r"(?=" + after.pattern.removeprefix("[》〉>]?") + ")")
    title_before = re.compile(before.pattern.removesuffix(r"[《〈<]?\s*$") + TITLE)
    left_out = annotated_sources()
    files = [p for p in sorted((shared / "corpus/hebei").glob("*.txt")) if f"corpus/hebei/{p.name}" not in left_out]
    seen: dict[str, set[str]] = defaultdict(set)
    written: dict[str, str] = {}
    for path in files:
        document = ingest(path)
        for pattern in (title_after, title_before):
            for match in pattern.finditer(document.norm):
                title = match.group("title").strip()
                key = title_key(title)
                if len(key) >= 4:
                    seen[key].add(document.doc_id)
                    written.setdefault(key, title)
    sys.stdout.write(
        f"# Titles the Hebei corpus (../shared/corpus/hebei, {len(files)} documents: every annotated document,\n"
        "# train, dev and locked test, left out) shows with the order that promulgated them, made by\n"
        "#   python tools/mine_promulgated_titles.py ../shared > kg/resources/ner/promulgated_titles.tsv\n"
        "# Only rules and regulations are promulgated by a 令: each is a Law wherever it is named (decisions §54).\n"
        "# Columns: title as first written (folded), documents showing its order, first such document.\n"
    )
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    for key in sorted(seen):
        out.writerow([written[key], len(seen[key]), min(seen[key])])


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared"))
