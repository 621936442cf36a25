"""Mine the names the pipeline recognises across the Hebei corpus: per (surface form, type), in how many documents
and how often the default pipeline (rules, entity CRF, resolution; before the entity verifier) recognised it,
the first such document, and in how many of the documents where the form occurs verbatim it was recognised as
that type. A name recognised in many reports, wherever it is written, is a name; a phrase
recognised once in a hundred occurrences is a description. The recall pass kg/nlp/corpus_names.py reads it
("corpus-level consistency" in docs/decisions.md).

Every annotated document (train, dev and the locked test of annotations/splits.tsv) is left out: the learned
layers are measured on the annotated ones, so their own names must not come back to them as features.

    python tools/mine_entity_lexicon.py ../shared > kg/resources/ner/mined_entities.tsv
"""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIN_DOCUMENTS = 2
MAX_LENGTH = 40
VERSION = 1


def annotated_sources() -> set[str]:
    """Every document of annotations/splits.tsv, whatever its split."""
    with (ROOT / "annotations/splits.tsv").open(encoding="utf-8") as handle:
        return {row["source"] for row in csv.DictReader(handle, delimiter="\t")}


def main(shared: Path) -> None:
    from kg.ingest import ingest
    from kg.nlp import load_pipeline, recognize
    from kg.nlp.pipeline import CORPUS_NAMES, learned_weights_of
    from kg.resolve import resolve

    left_out = annotated_sources()
    files = [p for p in sorted((shared / "corpus/hebei").glob("*.txt")) if f"corpus/hebei/{p.name}" not in left_out]
    nlp = load_pipeline()
    nlp.remove_pipe(CORPUS_NAMES)  # this file's own names must not count as recognised
    learned = learned_weights_of(nlp)
    recognised: dict[tuple[str, str], set[str]] = defaultdict(set)
    mentions: Counter[tuple[str, str]] = Counter()
    texts: dict[str, str] = {}
    for document, found in recognize((ingest(path) for path in files), nlp):
        texts[document.doc_id] = document.norm
        _, entities, _ = resolve(document, found, learned)
        for entity in entities:
            for mention in entity.mentions:
                form = mention.norm
                if 2 <= len(form) <= MAX_LENGTH:
                    recognised[(form, entity.type)].add(document.doc_id)
                    mentions[(form, entity.type)] += 1
    kept = sorted((k for k, docs in recognised.items() if len(docs) >= MIN_DOCUMENTS),
                  key=lambda k: (-len(recognised[k]), -mentions[k], k))
    occurs = {form: sum(form in text for text in texts.values()) for form in {form for form, _ in kept}}
    sys.stdout.write(
        f"# version {VERSION}. Names recognised across the Hebei corpus (../shared/corpus/hebei, {len(files)}\n"
        "# documents: every annotated document, train, dev and locked test, left out), made by\n"
        "#   python tools/mine_entity_lexicon.py ../shared > kg/resources/ner/mined_entities.tsv\n"
        "# with the default pipeline's recognition and resolution (before the entity verifier, and without\n"
        "# kg/nlp/corpus_names.py, which reads this file and adds its names).\n"
        "# Columns: surface form (Simplified), type, documents recognising it as that type, its mentions there,\n"
        "# first such document, documents in which the form occurs verbatim (recognised or not).\n"
        f"# Only forms recognised in at least {MIN_DOCUMENTS} documents.\n"
    )
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    for form, kind in kept:
        docs = recognised[(form, kind)]
        out.writerow([form, kind, len(docs), mentions[(form, kind)], min(docs), occurs[form]])


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared"))
