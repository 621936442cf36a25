"""CLUENER2020 (one JSON object per line, inclusive end offsets) read as govkg-typed spans, and scored the way its
baselines score: exact (start, end, label) mention matches, micro P/R/F1 per label."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.evaluate import Counts
from kg.resources import read_yaml

Span = tuple[int, int, str]  # start, end (exclusive), govkg type


@dataclass(frozen=True)
class Example:
    text: str
    spans: tuple[Span, ...]


def label_map() -> dict[str, str]:
    return dict(read_yaml("nlp/cluener.yaml")["labels"])


def read_cluener(path: Path, keep_unmapped: bool = False) -> Iterator[Example]:
    """Examples of a CLUENER2020 train/dev file, with the labels mapped to govkg types; the others are dropped,
    or kept under their CLUENER name (``keep_unmapped``: training learns them too, so that a sports club or a
    book title is not taken for an agency)."""
    mapping = label_map()
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                yield Example(record["text"], tuple(sorted(_spans(record.get("label", {}), mapping, keep_unmapped))))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise InputError(path, f"line {number}: not a CLUENER2020 record ({exc})") from exc


def _spans(labels: dict, mapping: dict[str, str], keep_unmapped: bool) -> set[Span]:
    spans = set()
    for label, entities in labels.items():
        if label not in mapping and not keep_unmapped:
            continue
        for offsets in entities.values():
            for start, end in offsets:
                spans.add((int(start), int(end) + 1, mapping.get(label, label)))
    return spans


def score_spans(gold: Iterable[tuple[Span, ...]], predicted: Iterable[Iterable[Span]]) -> dict[str, Counts]:
    """Micro counts per label over paired examples; a mention is right only with the exact span and label."""
    counts: dict[str, Counts] = defaultdict(Counts)
    for gold_spans, pred_spans in zip(gold, predicted, strict=True):
        gold_set, pred_set = set(gold_spans), set(pred_spans)
        for span in pred_set:
            if span in gold_set:
                counts[span[2]].tp += 1
            else:
                counts[span[2]].fp += 1
        for span in gold_set - pred_set:
            counts[span[2]].fn += 1
    return dict(counts)


SYSTEMS = ("rules", "model", "rules+model", "model+rules")


def evaluate_cluener(
    path: Path, systems: Iterable[str] = SYSTEMS, weights: Path | None = None
) -> dict[str, dict[str, Counts]]:
    """Scores on a CLUENER2020 file of the rule layer alone, the tagger alone and the two combined.

    "model" scores the tagger's own spans (rules still feeding it their labels as features, as in the pipeline);
    "rules+model" the shipped pipeline with ``--statistical`` (the tagger fills the rules' gaps); "model+rules"
    the tagger's spans first, rule spans where it found none. All score the outermost entities of the four
    mapped types. ``weights``: a tagger trained elsewhere instead of the shipped one.
    """
    from kg.nlp.pipeline import load_pipeline
    from kg.nlp.statistical import tagged_spans

    examples = list(read_cluener(path))
    texts = [e.text for e in examples]
    types = set(label_map().values())
    gold = [e.spans for e in examples]
    results = {}
    for system in systems:
        nlp = load_pipeline(
            statistical=system != "rules", prefer_model=system == "model+rules", weights=weights, learned=False
        )
        docs = list(nlp.pipe(texts, batch_size=256))
        if system == "model":
            predicted = [tagged_spans(doc, types) for doc in docs]
        else:
            predicted = [[(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in types] for doc in docs]
        results[system] = score_spans(gold, predicted)
    return results
