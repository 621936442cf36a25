"""The entity verifier's training with record weights (decisions §83): an unread record weighted 3 counts as that
record three times, in the F1 that chooses a type's threshold and in the fit."""

from __future__ import annotations

from collections import Counter

import numpy as np

from kg.resolve.verify_train import Candidates, fit_verifier, type_f1


def _record(doc_id: str, matches: list[int], gold: int) -> Candidates:
    return Candidates(doc_id, [[f"h1={i}", f"doc={doc_id}"] for i in range(len(matches))], ["Reform"] * len(matches),
                      matches, Counter(Reform=gold))


def test_verifier_type_f1_counts_a_weighted_record_as_repeated() -> None:
    read = _record("read", [0, 1, -1], 2)          # 2 right, 1 false
    unread = _record("unread", [-1, -1, 0], 3)     # 1 right, 2 false, 2 missed
    probs = [np.array([0.9, 0.9, 0.9]), np.array([0.9, 0.9, 0.9])]
    weighted = type_f1([read, unread], probs, "Reform", 0.5, {"unread": 3})
    repeated = type_f1([read, unread, unread, unread], [*probs, probs[1], probs[1]], "Reform", 0.5)
    assert weighted == repeated
    assert weighted != type_f1([read, unread], probs, "Reform", 0.5)
    # tp 2 + 3, fp 1 + 6, gold 2 + 9
    assert weighted == 2 * 5 / (2 * 5 + 7 + 6)


def test_verifier_fit_weights_the_unread_record() -> None:
    records = [_record(f"r{i}", [0, -1, 1, -1], 2) for i in range(6)] + [_record("unread", [-1, -1, -1, 0], 1)]
    plain, _ = fit_verifier(records, 0.3, [0.0, 0.5], 2, log=lambda _: None)
    weighted, _ = fit_verifier(records, 0.3, [0.0, 0.5], 2, log=lambda _: None, weights={"unread": 5})
    item = records[-1].items[0]   # a false candidate of the unread record: weighted up, it scores lower
    assert weighted.probabilities([item])[0] < plain.probabilities([item])[0]
