"""Paired cross-validated ablation of the entity CRF's feature groups (kg/nlp/crf.py ``feature_keys``): the same
folds of the same train records, the CRF trained with one group of feature templates left out, scored on the
CRF's own task (the outermost annotated spans, quotes trimmed, exact match) per entity type.

    .venv/bin/python bench/crf_ablation.py [--folds 2] [--iterations 150] [--drop GROUP] ... [--word-clusters]

``--word-clusters`` adds the experiment of docs/decisions.md §27 (not shipped: it lowered every type): k-means
clusters (64 and 512 ways) of the statistical tagger's Chinese Wikipedia word vectors
(kg/resources/nlp/entity_tagger/word_vectors.npz), and for each character the clusters, lengths and (for the 3,000
most frequent) identities of the longest vocabulary words starting and ending at it and next to it, found by
hashing every substring of 2 to 6 characters (no segmenter: jieba and pkuseg are not installed).

Each run appends one JSON line (F1 overall and per type, seconds of CPU per training) to --out. One 2-fold run
over the 207 train records takes about 200 s of CPU (two fits of ~100 documents). The locked test is never read.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# template indices of kg/nlp/crf.py feature_keys, by the channel they read (a template reading two channels
# belongs to both groups: leaving a channel out leaves out every template that reads it)
GROUPS = {
    "char_ngrams": {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
    "char_classes": {19, 20},
    "quote_state": {20, 21, 32},
    "rule_tags": {13, 14, 15, 16, 17, 18, 21, 22, 23, 27, 30},
    "rule_ids": {17},
    "long_range": {24, 25, 26, 27, 28},
    "mined_quotes": {29, 30, 31, 32},
}
CLUSTERS = (64, 512)
MAX_WORD = 6
FREQUENT = 3000
HASH_BASE = 0x100000001B3


def word_clusters() -> tuple:
    """The vocabulary's substring hashes (sorted) with each word's frequency rank, clusters and length."""
    import numpy as np
    from sklearn.cluster import MiniBatchKMeans

    with np.load(ROOT / "kg/resources/nlp/entity_tagger/word_vectors.npz") as data:
        words, codes, scale = data["words"], data["codes"], data["scale"]
    vectors = codes.astype(np.float32) * scale
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9  # cosine geometry, as word2vec is read
    clusters = [MiniBatchKMeans(k, random_state=0, n_init=3, batch_size=4096).fit_predict(vectors) + 1
                for k in CLUSTERS]
    hashes = np.array([_hash(word) for word in words], dtype=np.uint64)
    lengths = np.char.str_len(words)
    short = np.flatnonzero((lengths >= 2) & (lengths <= MAX_WORD))
    order = short[np.argsort(hashes[short], kind="stable")]
    return hashes[order], order, clusters[0][order], clusters[1][order], lengths[order]


def _hash(word: str) -> int:
    value = 0
    for char in word:
        value = (value * HASH_BASE + ord(char)) % (1 << 64)
    return value


def word_columns(text: str, table: tuple, first_template: int):
    """Eight feature templates of the longest vocabulary words starting and ending at each character."""
    import numpy as np

    hashes, rank, c64, c512, lengths = table
    n = len(text)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    starting, ending = np.full(n, -1), np.full(n, -1)
    with np.errstate(over="ignore"):
        for length in range(2, min(MAX_WORD, n) + 1):
            found = np.zeros(n - length + 1, dtype=np.uint64)
            for j in range(length):
                found = found * np.uint64(HASH_BASE) + codes[j : n - length + 1 + j]
            at = np.minimum(np.searchsorted(hashes, found), len(hashes) - 1)
            hit = np.flatnonzero(hashes[at] == found)
            starting[hit] = at[hit]  # longer words overwrite shorter ones
            ending[hit + length - 1] = at[hit]
    known = np.where(rank < FREQUENT, rank + 1, 0)

    def channels(rows):
        return [np.where(rows >= 0, table[np.maximum(rows, 0)], 0) for table in (c64, c512, lengths, known)]

    s64, s512, s_len, s_word = channels(starting)
    e64, e512, e_len, e_word = channels(ending)
    before64, before512 = np.append(0, e64[:-1])[:n], np.append(0, e512[:-1])[:n]
    after64, after512 = np.append(s64[1:], 0)[:n], np.append(s512[1:], 0)[:n]
    zero = np.zeros(n, dtype=np.int64)
    templates = [(s512, s_len), (e512, e_len), (s64, e64), (before64, s64), (e64, after64), (before512, zero),
                 (after512, zero), (s_word, e_word)]
    keys = np.empty((n, len(templates)), dtype=np.int64)
    for t, (a, b) in enumerate(templates):
        keys[:, t] = ((first_template + t) << 48) | (a.astype(np.int64) << 32) | (b.astype(np.int64) << 16)
    return keys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--drop", action="append", default=[], choices=sorted(GROUPS))
    parser.add_argument("--folds", type=int, default=2)
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--word-clusters", action="store_true", help="add the word-cluster templates")
    parser.add_argument("--out", type=Path, default=Path("crf_ablation.jsonl"))
    args = parser.parse_args()

    import numpy as np
    import pycrfsuite

    from kg.annotations import load_split
    from kg.nlp.crf import _spans, feature_keys, pieces
    from kg.nlp.crf_train import examples, export, tags
    from kg.resources import read_yaml

    params = read_yaml("nlp/learned.yaml")["entities"]
    dropped = set().union(*(GROUPS[g] for g in args.drop))
    train = {e.doc_id: e for e in examples(load_split("train"))}
    table = word_clusters() if args.word_clusters else None
    features = {}
    for doc_id, example in train.items():
        keys = feature_keys(example.norm, example.rule_spans)
        keys = keys[:, [t for t in range(keys.shape[1]) if t not in dropped]]
        if table is not None:
            keys = np.hstack([keys, word_columns(example.norm, table, 64)])
        features[doc_id] = keys
    ids = sorted(train)
    found, expected, correct = Counter(), Counter(), Counter()
    seconds = []
    for fold in range(args.folds):
        held = set(ids[fold :: args.folds])
        trainer = pycrfsuite.Trainer(verbose=False)
        for doc_id in ids:
            if doc_id not in held:
                example, labels = train[doc_id], tags(len(train[doc_id].norm), train[doc_id].gold)
                for start, end in pieces(example.norm):
                    rows = features[doc_id][start:end].tolist()
                    trainer.append([[str(k) for k in row] for row in rows], labels[start:end])
        trainer.set_params({"c1": params["c1"], "c2": params["c2"], "max_iterations": args.iterations,
                            "feature.possible_transitions": True})
        cpu = time.process_time()
        with tempfile.TemporaryDirectory() as tmp:
            trainer.train(f"{tmp}/m.crfsuite")
            seconds.append(round(time.process_time() - cpu))
            tagger = pycrfsuite.Tagger()
            tagger.open(f"{tmp}/m.crfsuite")
            model = export(tagger.info())
        for doc_id in sorted(held):
            example = train[doc_id]
            scores = model.emissions(features[doc_id])
            spans = set(_spans(model._viterbi(scores, pieces(example.norm), len(example.norm))))
            gold = set(example.gold)
            found.update(s[2] for s in spans)
            expected.update(s[2] for s in gold)
            correct.update(s[2] for s in spans & gold)
    f1 = {t: round(2 * correct[t] / (found[t] + expected[t]), 4) for t in sorted(expected)}
    total = 2 * sum(correct.values()) / (sum(found.values()) + sum(expected.values()))
    result = {"dropped": args.drop, "word_clusters": args.word_clusters, "folds": args.folds,
              "iterations": args.iterations, "f1": round(total, 4),
              "per_type": f1, "cpu_s_per_training": seconds, "records": len(ids)}
    print(json.dumps(result, ensure_ascii=False))
    with args.out.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(result, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
