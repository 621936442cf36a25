"""Training the statistical NER layer (``govkg_entity_tagger``) here, from data we have: CLUENER2020 train
(government/name/address/company mapped to Agency/Person/Place/Organization, see resources/nlp/cluener.yaml) and
silver sentences of real reports labelled by the rule layer. ``kg train`` runs this; the weights ship in
kg/resources/nlp/entity_tagger (a few MB), so nothing is downloaded at run time.

Model selection uses a slice of CLUENER *train* held out from training, never the dev set that ``kg eval
--cluener`` reports, nor the gold reports.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.training import Example
from spacy.util import compounding, minibatch

from kg.ingest import ingest, iter_inputs
from kg.nlp.cluener import Example as Labelled
from kg.nlp.cluener import read_cluener, score_spans
from kg.nlp.pipeline import TAGGER, load_pipeline, tagger_weights, untrained_pipeline
from kg.nlp.statistical import tagged_spans

LABELS = ("Agency", "Person", "Place", "Organization")


@dataclass(frozen=True)
class TrainingResult:
    epochs: int
    best_epoch: int
    heldout_f1: dict[str, float]
    train_sentences: int
    silver_sentences: int
    path: Path


def silver_sentences(paths: Iterable[Path], min_chars: int = 8) -> Iterator[Labelled]:
    """Sentences of real reports with the rule layer's Agency/Person/Place/Organization spans as labels."""
    nlp = load_pipeline()
    for path in iter_inputs(list(paths)):
        document = ingest(path)
        for sentence in document.sentences:
            text = document.norm[sentence.start : sentence.end]
            if len(text.strip()) < min_chars:
                continue
            doc = nlp(text)
            spans = tuple((e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in LABELS)
            yield Labelled(text, spans)


def bio_tags(length: int, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * length
    for start, end, label in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if label not in LABELS or any(t != "O" for t in tags[start:end]):
            continue  # nested or crossing: the outer one is kept
        tags[start] = f"B-{label}"
        for i in range(start + 1, end):
            tags[i] = f"I-{label}"
    return tags


def _example(nlp: Language, item: Labelled, rule_features: bool) -> Example:
    doc = nlp.make_doc(item.text)
    if rule_features:
        doc = nlp.get_pipe("govkg_rules")(doc)
    return Example.from_dict(doc, {"tags": bio_tags(len(doc), item.spans)})


def tagger_spans(nlp: Language, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """The tagger's own entities per text (the rules still run first: their labels are its features)."""
    return [tagged_spans(doc) for doc in nlp.pipe(texts, batch_size=256)]


def train(
    cluener_train: Path,
    silver_paths: list[Path],
    out: Path | None = None,
    epochs: int = 12,
    heldout: int = 1000,
    feature_dropout: float = 0.3,
    dropout: float = 0.25,
    seed: int = 0,
    overrides: dict | None = None,
    log=print,
) -> TrainingResult:
    """Train the tagger and save the best epoch (by the tagger's mean held-out CLUENER F1 over the four types).

    ``feature_dropout``: the share of training sentences given without the rule labels, so that the tagger also
    learns to find entities the rules miss rather than only to copy them.
    """
    rng = random.Random(seed)
    out = out or tagger_weights()
    labelled = list(read_cluener(cluener_train))
    rng.shuffle(labelled)
    heldout = min(heldout, len(labelled) // 10)  # a small training file keeps most of its lines for training
    held, train_items = labelled[:heldout], labelled[heldout:]
    silver = list(silver_sentences(silver_paths))
    items = train_items + silver
    nlp = untrained_pipeline(overrides or {})
    make = [_example(nlp, item, rng.random() >= feature_dropout) for item in items]
    nlp.initialize(lambda: make[:2000], sgd=None)
    best, best_epoch = -1.0, 0
    for epoch in range(1, epochs + 1):
        rng.shuffle(make)
        losses: dict[str, float] = {}
        for batch in minibatch(make, size=compounding(16.0, 64.0, 1.001)):
            nlp.update(batch, drop=dropout, losses=losses, annotates=[])
        counts = score_spans([h.spans for h in held], tagger_spans(nlp, [h.text for h in held]))
        f1 = {label: round(c.f1, 4) for label, c in sorted(counts.items())}
        mean = sum(f1.values()) / max(1, len(f1))
        log(f"epoch {epoch}: loss {losses.get(TAGGER, 0.0):.1f} held-out F1 {f1}")
        if mean > best:
            best, best_epoch, best_f1 = mean, epoch, f1
            nlp.get_pipe(TAGGER).to_disk(out, exclude=["vocab"])
    return TrainingResult(epochs, best_epoch, best_f1, len(train_items), len(silver), out)

