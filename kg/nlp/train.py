"""Training the statistical NER layer (``govkg_entity_tagger``, the BiLSTM-CRF of kg/nlp/bilstm_crf.py) here,
from data we have: CLUENER2020 train with all ten of its labels (government/name/address/company become Agency/
Person/Place/Organization, see resources/nlp/cluener.yaml; the other six are learnt so that they are not confused
with those) and, optionally, silver sentences of real reports labelled by the rule layer. ``kg train`` runs this;
the weights ship in kg/resources/nlp/entity_tagger, so nothing is downloaded at run time.

Model selection uses a slice of CLUENER *train* held out from training, never the dev set that ``kg eval
--cluener`` reports, nor the gold reports.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.ingest import ingest, iter_inputs
from kg.nlp.cluener import Example as Labelled
from kg.nlp.cluener import label_map, read_cluener, score_spans
from kg.nlp.pipeline import load_pipeline, tagger_weights
from kg.nlp.statistical import bio_spans, rule_tags

LABELS = ("Agency", "Person", "Place", "Organization")


@dataclass(frozen=True)
class Schedule:
    """How one member is trained (Adam; the weights kept are the epoch or the running weight average from
    ``average_from`` with the best held-out F1)."""

    epochs: int = 12
    batch_size: int = 32
    learning_rate: float = 2e-3
    average_from: int = 4
    context_learning_rate: float = 2e-4  # a tuned LAC's layers: they start trained, so they move slowly


@dataclass(frozen=True)
class TrainingResult:
    epochs: int
    best_epoch: str  # an epoch, or the range of epochs whose weights were averaged
    heldout_f1: dict[str, float]
    train_sentences: int
    silver_sentences: int
    path: Path


def silver_sentences(paths: Iterable[Path], min_chars: int = 8) -> Iterator[Labelled]:
    """Sentences of real reports with the rule layer's Agency/Person/Place/Organization spans as labels."""
    nlp = load_pipeline(learned=False)
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
        if any(t != "O" for t in tags[start:end]):
            continue  # nested or crossing: the outer one is kept
        tags[start] = f"B-{label}"
        for i in range(start + 1, end):
            tags[i] = f"I-{label}"
    return tags


def train(
    cluener_train: Path,
    silver_paths: list[Path],
    out: Path | None = None,
    epochs: int = 12,
    members: int = 1,
    heldout: int = 1000,
    feature_dropout: float = 0.0,
    schedule: Schedule | None = None,
    seed: int = 0,
    word_vectors: Path | None = None,
    context_encoder: Path | None = None,
    tune_context: bool = False,
    hyperparameters: dict | None = None,
    log=print,
) -> TrainingResult:
    """Train ``members`` BiLSTM-CRFs from seeds ``seed``, ``seed + 1`` ... and save them (an ensemble when more
    than one); each member is its best model by mean held-out F1 over the four govkg types.

    ``feature_dropout``: the share of CLUENER sentences given without the rule labels, so that the model also
    learns to find entities where the rules are silent rather than only to copy them (silver sentences never
    get them).

    ``word_vectors``: pretrained vectors for the SoftLexicon features and the characters' initial embeddings,
    either extracted (.npz, see kg/nlp/word_vectors.py) or synonyms' source archive (extracted into ``out``).

    ``context_encoder``: LAC's weights for the contextual features, extracted (.npz, see kg/nlp/lac.py) or LAC's
    source archive (extracted into ``out``); ``tune_context``: its GRU and output layers are trained with the
    tagger (at ``Schedule.context_learning_rate``) instead of kept as they are.
    """
    from kg.nlp import lac
    from kg.nlp import word_vectors as pretrained
    from kg.nlp.bilstm_crf import CONTEXT_ENCODER, WORD_VECTORS, Ensemble, Hyperparameters, Vocabulary, save

    schedule = schedule or Schedule(epochs=epochs)
    rng = random.Random(seed)
    out = out or tagger_weights()
    vectors = None
    if word_vectors is not None:
        if word_vectors.suffix != ".npz":
            word_vectors = pretrained.extract(word_vectors, out / WORD_VECTORS)
        vectors = pretrained.load(word_vectors)
    encoder = None
    if context_encoder is not None:
        if context_encoder.suffix != ".npz":
            context_encoder = lac.extract(context_encoder, out / CONTEXT_ENCODER)
        encoder = lac.LacEncoder(context_encoder)
    labelled = list(read_cluener(cluener_train, keep_unmapped=True))
    random.Random(0).shuffle(labelled)  # the same held-out slice whatever the seed: seeds differ only in training
    heldout = min(heldout, len(labelled) // 10)  # a small training file keeps most of its lines for training
    held, train_items = labelled[:heldout], labelled[heldout:]
    silver = list(silver_sentences(silver_paths))
    items = train_items + silver

    rules = load_pipeline(learned=False)
    features = {text: rule_tags(doc) for text, doc in _rule_docs(rules, [i.text for i in items + held])}
    tags = [bio_tags(len(item.text), item.spans) for item in items]
    vocab = Vocabulary.build(
        (item.text for item in items), (t for f in features.values() for t in f), (t for ts in tags for t in ts)
    )
    vocab.vectors, vocab.context = vectors, encoder
    encoded = []
    for number, (item, gold) in enumerate(zip(items, tags, strict=True)):
        # silver labels *are* the rules' output: given the rule features too, the model would learn to copy them
        is_silver = number >= len(train_items)
        dropped = is_silver or rng.random() < feature_dropout
        ruled = ["O"] * len(item.text) if dropped else features[item.text]
        encoded.append((vocab.encode(item.text, ruled), [vocab.tag_ids[t] for t in gold]))
    held_gold = [tuple(s for s in h.spans if s[2] in LABELS) for h in held]
    held_encoded = [vocab.encode(h.text, features[h.text]) for h in held]

    def held_out_f1(model) -> dict[str, float]:
        counts = score_spans(held_gold, _predict(model, held_encoded))
        return {label: round(c.f1, 4) for label, c in sorted(counts.items())}

    hp = Hyperparameters(**{"word_width": vectors.width if vectors else 0,
                            "context_width": lac.WIDTH if encoder else 0,
                            "context_tuned": bool(encoder and tune_context), **(hyperparameters or {})})
    trained, chosen = [], []
    for member in range(members):
        model, name, f1 = _train_member(vocab, hp, encoded, held_out_f1, schedule, seed + member, log)
        log(f"member {member}: best {name}, held-out F1 {f1}")
        trained.append(model)
        chosen.append(name)
    final = trained[0] if members == 1 else Ensemble(trained)
    final.eval()
    f1 = held_out_f1(final)
    if members > 1:
        log(f"ensemble of {members}: held-out F1 {f1}")
    save(out, trained)
    return TrainingResult(schedule.epochs, ", ".join(chosen), f1, len(train_items), len(silver), out)


def _train_member(vocab, hp, encoded, held_out_f1, schedule: Schedule, seed: int, log):
    """One BiLSTM-CRF: its best single epoch or running weight average (stochastic weight averaging, Izmailov
    et al. 2018: the held-out F1 of single epochs swings by points, the average is steadier and better)."""
    import copy

    import torch

    from kg.nlp.bilstm_crf import BiLstmCrf, collate

    rng = random.Random(seed)
    torch.manual_seed(seed)
    model = BiLstmCrf(vocab, hp)
    if vocab.vectors is not None:
        log(f"{model.initialise_characters(vocab.vectors)} of {len(vocab.chars)} characters start pretrained")
    epochs, average_from = schedule.epochs, schedule.average_from
    tuned = [p for p in model.context.parameters() if p.requires_grad] if model.context is not None else []
    others = [p for name, p in model.named_parameters() if p.requires_grad and not name.startswith("context.")]
    optimiser = torch.optim.Adam([{"params": others}, {"params": tuned, "lr": schedule.context_learning_rate}],
                                 lr=schedule.learning_rate)
    averaged = torch.optim.swa_utils.AveragedModel(model)
    best, best_name, best_f1, best_model = -1.0, "", {}, model
    for epoch in range(1, epochs + 1):
        model.train()
        total = 0.0
        for batch_items in _length_batches(encoded, schedule.batch_size, rng):
            batch = collate([features for features, _ in batch_items])
            gold = torch.zeros(batch["chars"].shape, dtype=torch.long)
            for row, (_, tag_ids) in enumerate(batch_items):
                gold[row, : len(tag_ids)] = torch.tensor(tag_ids)
            loss = model.loss(batch, gold)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimiser.step()
            total += loss.item()
        candidates = [(str(epoch), model)]
        if epoch >= min(average_from, epochs):
            averaged.update_parameters(model)
            candidates.append(
                (f"average of {average_from}-{epoch}" if epoch > average_from else str(epoch), averaged.module)
            )
        for name, candidate in candidates:
            candidate.eval()
            f1 = held_out_f1(candidate)
            mean = sum(f1.values()) / max(1, len(f1))
            log(f"epoch {name}: loss {total:.1f} held-out F1 {f1}")
            if mean > best:
                best, best_name, best_f1, best_model = mean, name, f1, copy.deepcopy(candidate)
    return best_model, best_name, best_f1


def _rule_docs(nlp, texts: list[str]):
    unique = list(dict.fromkeys(texts))
    return zip(unique, nlp.pipe(unique, batch_size=256), strict=True)


def _length_batches(encoded: list, size: int, rng: random.Random) -> list[list]:
    """Batches of similar lengths (little padding), in random order."""
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i][1]) + rng.random() * 8)
    batches = [[encoded[i] for i in order[k : k + size]] for k in range(0, len(order), size)]
    rng.shuffle(batches)
    return batches


def _predict(model, encoded: list, size: int = 128) -> list[list[tuple[int, int, str]]]:
    from kg.nlp.bilstm_crf import collate

    wanted = set(label_map().values())
    predicted = []
    for k in range(0, len(encoded), size):
        for path, _ in model.predict(collate(encoded[k : k + size])):
            tags = [model.vocab.tags[i] for i in path]
            predicted.append([(s, e, label) for s, e, label, _ in bio_spans(tags) if label in wanted])
    return predicted
