"""A logistic regression over hashed string features, as the learned layers that score candidates use it (the
relation layer's pairs, the author ranker's bodies): fitted by scikit-learn at training time, run with numpy.

Features are strings (``head=author``, ``oL2=推进``); each is hashed (CRC-32) into one of 2^22 buckets, and only the
buckets with a non-zero weight are kept, sorted, so a model is a few hundred kilobytes and a lookup is a binary
search.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from kg.errors import ResourceError

BUCKETS = 1 << 22


class _Buckets(dict[str, int]):
    """Feature -> bucket, computed on first use: a corpus's candidates repeat the same few tens of thousands of
    feature strings millions of times (96% of Hebei's lookups are repeats), and a dict hit is a third of the
    CRC-32 and the UTF-8 copy it replaces. Emptied when it holds ``LIMIT`` features, so memory stays bounded."""

    LIMIT = 1 << 17

    def __missing__(self, feature: str) -> int:
        if len(self) >= self.LIMIT:
            self.clear()
        bucket = self[feature] = zlib.crc32(feature.encode()) % BUCKETS
        return bucket


_BUCKETS = _Buckets()


def hashed(features: Sequence[str]) -> np.ndarray:
    """The bucket of every feature (CRC-32 of its UTF-8 modulo BUCKETS)."""
    return np.fromiter(map(_BUCKETS.__getitem__, features), dtype=np.int64, count=len(features))


class HashedLogistic:
    """Sorted bucket ids, their weights and the intercept; ``meta`` is what the weights file records beside them
    (thresholds, how it was trained)."""

    def __init__(self, buckets: np.ndarray, weights: np.ndarray, bias: float, meta: dict | None = None) -> None:
        self.buckets, self.weights, self.bias, self.meta = buckets, weights, bias, meta or {}

    def probabilities(self, items: Sequence[Sequence[str]]) -> np.ndarray:
        """The probability of each item (a list of features), all scored at once."""
        if not items:
            return np.zeros(0)
        ids = hashed([f for features in items for f in features])
        index = np.searchsorted(self.buckets, ids)
        index[index >= len(self.buckets)] = 0
        weights = np.where(self.buckets[index] == ids, self.weights[index], 0.0)
        starts = np.cumsum([0, *(len(features) for features in items[:-1])])
        total = self.bias + np.add.reduceat(weights, starts)
        return 1.0 / (1.0 + np.exp(-total))

    @classmethod
    def fit(cls, items: Sequence[Sequence[str]], labels: Sequence[int], c: float,
            sample_weight: Sequence[float] | None = None) -> HashedLogistic:
        from scipy.sparse import csr_matrix
        from sklearn.linear_model import LogisticRegression

        if len(set(labels)) < 2:
            raise ValueError("the training records give no positive and negative candidates to learn from")
        rows, cols = [], []
        for row, features in enumerate(items):
            ids = np.unique(hashed(features))
            cols.append(ids)
            rows.append(np.full(len(ids), row))
        flat_rows, flat_cols = np.concatenate(rows), np.concatenate(cols)
        x = csr_matrix((np.ones(len(flat_rows), dtype=np.float32), (flat_rows, flat_cols)),
                       shape=(len(items), BUCKETS))
        classifier = LogisticRegression(C=c, max_iter=2000, solver="liblinear")
        weight = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        classifier.fit(x, np.asarray(labels), sample_weight=weight)
        weights = classifier.coef_[0]
        buckets = np.flatnonzero(weights)
        return cls(buckets.astype(np.int64), weights[buckets].astype(np.float32), float(classifier.intercept_[0]))

    @classmethod
    def load(cls, path: Path, name: str) -> HashedLogistic:
        try:
            data = np.load(path / f"{name}.npz")
            meta = json.loads((path / f"{name}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ResourceError(path, None, f"the {name} model cannot be read ({exc}); run `kg train`") from exc
        return cls(data["buckets"], data["weights"].astype(np.float32), meta.pop("bias"), meta)

    def save(self, path: Path, name: str) -> None:
        path.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path / f"{name}.npz", buckets=self.buckets, weights=self.weights.astype(np.float32))
        (path / f"{name}.json").write_text(
            json.dumps({"bias": self.bias, **self.meta}, ensure_ascii=False, indent=1), encoding="utf-8")
