"""What a store's quads are: counted by kind of subject and by predicate, with their size as N-Quads.

    .venv/bin/python bench/quad_volume.py out/store [--top 40]

The kind of a subject is read off its IRI (kg.rdf.iri's scheme): a report, its mentions, sentences (``span``),
assertions and their evidence, metrics and theirs, the file and its checksum, entities by type, posts, rules.
Every later stage of a build (bulk load, compaction, exports, the page's and validation's queries) scales with
the number of quads, so this is where the volume of a corpus's graph is read (docs/scaling.md).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from kg.rdf.iri import DEFAULT_BASE  # noqa: E402


def subject_kind(subject: ox.NamedNode | ox.BlankNode, base: str = DEFAULT_BASE) -> str:
    """The kind of node ``subject`` is, from the path of its IRI."""
    iri = subject.value
    if iri.startswith(base + "report/"):
        _doc, _, rest = iri[len(base) + len("report/"):].partition("/")
        if not rest:
            return "report"
        kind = rest.split("/")[0].split("#")[0]
        if kind in ("assertion", "metric") and "/evidence/" in rest:
            return f"{kind} evidence"
        return "file checksum" if kind == "file" and "#" in rest else kind
    if iri.startswith(base + "id/"):
        return "post" if "/post/" in iri else "entity " + iri[len(base) + len("id/"):].split("/")[0]
    if iri.startswith(base + "rule/"):
        return "rule"
    return "other"


def short(predicate: ox.NamedNode) -> str:
    """A predicate's local name with the host of its namespace (``w3id.org:start``)."""
    iri = predicate.value
    return iri.split("/")[2] + ":" + iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def volume(store: ox.Store) -> tuple[int, Counter, Counter, Counter, Counter]:
    """Quads, and quads and N-Quads bytes by subject kind and by predicate."""
    quads, kinds, predicates, kind_bytes, predicate_bytes = 0, Counter(), Counter(), Counter(), Counter()
    for quad in store:
        quads += 1
        kind, predicate = subject_kind(quad.subject), short(quad.predicate)
        size = len(str(quad).encode()) + 3  # " .\n"
        kinds[kind] += 1
        predicates[predicate] += 1
        kind_bytes[kind] += size
        predicate_bytes[predicate] += size
    return quads, kinds, predicates, kind_bytes, predicate_bytes


def table(title: str, counts: Counter, sizes: Counter, quads: int, top: int) -> str:
    rows = [f"| {title} | quads | share | N-Quads MB |", "|---|--:|--:|--:|"]
    rows += [f"| {name} | {count:,} | {count / quads:.1%} | {sizes[name] / 1e6:.1f} |"
             for name, count in counts.most_common(top)]
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--top", type=int, default=40, help="rows per table")
    args = parser.parse_args()
    quads, kinds, predicates, kind_bytes, predicate_bytes = volume(ox.Store.read_only(str(args.store)))
    print(f"{quads:,} quads, {sum(kind_bytes.values()) / 1e6:.1f} MB as N-Quads\n")
    print(table("subject", kinds, kind_bytes, quads, args.top) + "\n")
    print(table("predicate", predicates, predicate_bytes, quads, args.top))


if __name__ == "__main__":
    main()
