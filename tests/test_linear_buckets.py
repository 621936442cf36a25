"""The learned layers' feature buckets: remembered per feature string, the same CRC-32 buckets as computed afresh."""

from __future__ import annotations

import zlib

import numpy as np

from kg import linear
from kg.linear import BUCKETS, hashed

# features the relation layer builds for a sentence of a real notice (河北省科学技术厅关于…的通知)
FEATURES = ["implements|oL1=推", "implements|oL2=深化", "oL4=全面深化", "oR1=，", "otype=Reform",
            "status=planned", "head=author", "htype=Agency", "implements|genre&author=notice", "oL1=推"]


def test_buckets_are_the_crc32_of_the_utf8_bytes_on_first_use_and_after() -> None:
    expected = np.array([zlib.crc32(f.encode("utf-8")) % BUCKETS for f in FEATURES], dtype=np.int64)
    first, again = hashed(FEATURES), hashed(list(FEATURES))
    assert first.dtype == np.int64
    assert first.tolist() == expected.tolist() == again.tolist()
    assert hashed([]).shape == (0,)


def test_the_memory_of_buckets_stays_bounded(monkeypatch) -> None:
    monkeypatch.setattr(linear._Buckets, "LIMIT", 4)
    memory = linear._Buckets()
    monkeypatch.setattr(linear, "_BUCKETS", memory)
    assert hashed(FEATURES).tolist() == [zlib.crc32(f.encode()) % BUCKETS for f in FEATURES]
    assert len(memory) <= 4
