"""The entity CRF's emissions on the Hebei corpus: the key matrix through the hash table (``CRFModel.emissions``
of ``feature_keys``, what training reads) against the dense tables per template (``CRFModel.text_emissions``,
what recognition runs), checked equal to the bit on every document.

Run from the project root:  .venv/bin/python bench/crf_speed.py [--limit 400] [--repeat 2]

Prints CPU seconds of each path, best of ``--repeat`` (one process; the rule spans are found first, untimed).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEBEI = ROOT.parent / "shared" / "corpus" / "hebei"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N files (sorted by name)")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()

    from kg.ingest import ingest
    from kg.nlp import load_pipeline
    from kg.nlp.components import SPAN_KEY, doc_text
    from kg.nlp.crf import RuleSpan, feature_keys

    nlp = load_pipeline()
    rules, model = nlp.get_pipe("govkg_rules"), nlp.get_pipe("govkg_learned_entities").model
    inputs = []
    for path in sorted(HEBEI.glob("*.txt"))[: args.limit]:
        doc = rules(nlp.make_doc(ingest(path).norm))
        spans = [RuleSpan(s.start_char, s.end_char, s.label_, s.id_) for s in doc.spans[SPAN_KEY]]
        inputs.append((doc_text(doc), spans))
    chars = sum(len(text) for text, _ in inputs)
    best = {"key matrix + hash table": float("inf"), "dense tables": float("inf")}
    for _ in range(args.repeat):
        start = time.process_time()
        old = [model.emissions(feature_keys(text, spans)) for text, spans in inputs]
        middle = time.process_time()
        new = [model.text_emissions(text, spans) for text, spans in inputs]
        best["key matrix + hash table"] = min(best["key matrix + hash table"], middle - start)
        best["dense tables"] = min(best["dense tables"], time.process_time() - middle)
        assert all(a.tobytes() == b.tobytes() for a, b in zip(old, new, strict=True)), "emissions differ"
    print(f"{len(inputs)} documents, {chars:,} characters; emissions equal to the bit")
    for label, seconds in best.items():
        print(f"{label:26s} {seconds:6.2f} CPU s  {chars / seconds:>12,.0f} chars/s")


if __name__ == "__main__":
    main()
