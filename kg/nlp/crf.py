"""The learned entity layer: a linear-chain CRF over characters whose features include the rules' own tags.

Why a CRF: trained on the in-domain annotation corpus (annotations/, a few hundred thousand characters) a
feature-rich linear model learns the genre's boundaries and conventions (which quoted phrase is a reform, where a
body's name begins) from context, while the rules' tags carry what the lexicons know. It trains in a minute
with python-crfsuite and decodes here with numpy alone (no torch at run time), fast enough for the default
pipeline. The rules propose, the model decides: its spans form the outermost layer of entities; a rule span
the model agrees with keeps its rule id and canonical hint, and rule spans nested inside a model span (the place
in 河北省科学技术厅) stay as mentions of their own.

Features of character i (each an int64 key: template << 48 | three 16-bit fields): the characters from i-2 to
i+2 alone and in n-grams, the character classes around i, whether i lies inside “” or 《》, and the rules'
outermost BIO tag at i-1, i, i+1 with their rule family and the innermost rule label at i.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from kg.errors import ResourceError
from kg.model import ENTITY_TYPES

LABELS: tuple[str, ...] = ("O", *(f"{p}-{t}" for t in ENTITY_TYPES for p in ("B", "I")))
LABEL_ID = {label: i for i, label in enumerate(LABELS)}
# LABELS is O, then B- and I- of each type in turn: the I- labels and their B- labels as strided slices (the
# Viterbi step reads them as views), and the labels an entity may open with (O and the B-)
_INSIDE, _BEGIN = slice(2, len(LABELS), 2), slice(1, len(LABELS) - 1, 2)
_INSIDE_IDS, _BEGIN_IDS = np.arange(len(LABELS))[_INSIDE], np.arange(len(LABELS))[_BEGIN]
_OPENED = np.array([0, *_BEGIN_IDS])
RULE_TAGS = ("O", *(f"{p}-{t}" for t in ENTITY_TYPES for p in ("B", "I", "E", "S")))
RULE_TAG_ID = {tag: i for i, tag in enumerate(RULE_TAGS)}
TYPE_ID = {t: i + 1 for i, t in enumerate(ENTITY_TYPES)}
_OPEN, _CLOSE = "“《〈「『\"", "”》〉」』\""
PIECE_END = re.compile(r"[。！？；\n]+")
MAX_PIECE = 400
_F = 1 << 16


def char_classes(codes: np.ndarray) -> np.ndarray:
    """0 other, 1 Han, 2 digit, 3 Latin, 4 opening quote, 5 closing quote, 6 other punctuation, 7 space."""
    classes = np.zeros(len(codes), dtype=np.int64)
    classes[(codes >= 0x4E00) & (codes <= 0x9FFF)] = 1
    classes[((codes >= 48) & (codes <= 57)) | ((codes >= 0xFF10) & (codes <= 0xFF19))] = 2
    classes[((codes | 32) >= 97) & ((codes | 32) <= 122)] = 3
    for ch in _OPEN:
        classes[codes == ord(ch)] = 4
    for ch in _CLOSE[:-1]:
        classes[codes == ord(ch)] = 5
    for ch in "，、：:,.()（）[]【】—-·/":
        classes[codes == ord(ch)] = 6
    for ch in " \t\n\u3000":
        classes[codes == ord(ch)] = 7
    return classes


_QUOTE_EVENTS = {"“": 1, "《": 2, "〈": 2, "”": 0, "》": 0, "〉": 0, "。": 0, "\n": 0}


def quote_state(text: str) -> np.ndarray:
    """1 inside “…”, 2 inside 《…》, else 0 (a quote left open ends at the next sentence end). Each character
    takes the state the last opening or closing character before it set; those characters themselves are 0."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    event = np.zeros(len(text), dtype=bool)
    value = np.zeros(len(text), dtype=np.int64)
    for ch, state in _QUOTE_EVENTS.items():
        at = codes == ord(ch)
        event |= at
        value[at] = state
    last = np.maximum.accumulate(np.where(event, np.arange(len(text)), -1)) if len(text) else np.zeros(0, int)
    state = np.where(last >= 0, value[np.maximum(last, 0)], 0)
    state[event] = 0
    return state


@dataclass(frozen=True)
class RuleSpan:
    start: int
    end: int
    label: str
    rule: str


def rule_channels(length: int, spans: list[RuleSpan]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per character: the outermost rule span's BIOES tag, its rule's 16-bit hash, the innermost rule label."""
    outer = np.zeros(length, dtype=np.int64)
    family = np.zeros(length, dtype=np.int64)
    inner = np.zeros(length, dtype=np.int64)
    last_end = -1
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        inner[span.start : span.end] = TYPE_ID[span.label]  # later (shorter, nested) spans overwrite
        if span.start < last_end:
            continue
        last_end = span.end
        hashed = zlib.crc32(span.rule.encode()) & 0xFFFF
        family[span.start : span.end] = hashed
        if span.end - span.start == 1:
            outer[span.start] = RULE_TAG_ID[f"S-{span.label}"]
            continue
        outer[span.start] = RULE_TAG_ID[f"B-{span.label}"]
        outer[span.start + 1 : span.end - 1] = RULE_TAG_ID[f"I-{span.label}"]
        outer[span.end - 1] = RULE_TAG_ID[f"E-{span.label}"]
    return outer, family, inner


@cache
def _cue_patterns() -> tuple[int, list[re.Pattern[str]], re.Pattern[str]]:
    from kg.nlp.rules.lexicon import alternation
    from kg.resources import read_yaml

    cfg = read_yaml("nlp/crf_features.yaml")
    heads = [re.compile(alternation(words)) for words in cfg["heads"].values()]
    return int(cfg["window"]), heads, re.compile(alternation(cfg["triggers"]))


def long_range_cues(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Per character: the kind (1-based, kg/resources/nlp/crf_features.yaml) and distance of the nearest head
    word starting within the window ahead, as kind * 16 + distance (the first kind on a tie); the distance since
    the nearest trigger verb ending within the window behind (0: none)."""
    window, heads, trigger_re = _cue_patterns()
    n = len(text)
    positions = np.arange(n)
    ahead = np.zeros(n, dtype=np.int64)
    best = np.full(n, window + 1, dtype=np.int64)
    for kind, head_re in enumerate(heads, start=1):
        starts = np.array([m.start() for m in head_re.finditer(text)], dtype=np.int64)
        if not len(starts):
            continue
        following = np.searchsorted(starts, positions, side="right")  # the first head starting after i
        distance = starts[np.minimum(following, len(starts) - 1)] - positions
        closer = (following < len(starts)) & (distance <= window) & (distance < best)
        best[closer] = distance[closer]
        ahead[closer] = kind * 16 + distance[closer]
    behind = np.zeros(n, dtype=np.int64)
    ends = np.array([m.end() for m in trigger_re.finditer(text)], dtype=np.int64)
    if len(ends):
        previous = np.searchsorted(ends, positions, side="right") - 1  # the last trigger ending at or before i
        distance = positions - ends[np.maximum(previous, 0)] + 1
        near = (previous >= 0) & (distance <= window)
        behind[near] = distance[near]
    return ahead, behind


@cache
def _mined() -> tuple[re.Pattern[str], dict[str, int]]:
    from kg.nlp.rules.lexicon import alternation
    from kg.resources import read_tsv, read_yaml

    cfg = read_yaml("nlp/crf_features.yaml")
    bounds = cfg["mined_buckets"]
    buckets = {}
    for name, documents, *_ in read_tsv(cfg["mined_quotes"], columns=4):
        buckets[name] = sum(int(documents) >= b for b in bounds)
    return re.compile(alternation(sorted(buckets), dispatch=True)), buckets


def mined_channel(text: str) -> np.ndarray:
    """Per character, the document-frequency bucket (1-3) of a mined quoted phrase it lies in, else 0."""
    pattern, buckets = _mined()
    channel = np.zeros(len(text), dtype=np.int64)
    for match in pattern.finditer(text):
        channel[match.start() : match.end()] = buckets[match.group()]
    return channel


Columns = list[tuple[np.ndarray | None, np.ndarray | None, np.ndarray | None]]


def feature_columns(text: str, spans: list[RuleSpan]) -> Columns:
    """Per template, the three 16-bit fields of its keys as arrays over the characters (None: always 0)."""
    n = len(text)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64) & 0xFFFF
    pad = np.concatenate([[1, 1], codes, [2, 2]])
    c = {d: pad[2 + d : 2 + d + n] for d in (-2, -1, 0, 1, 2)}
    classes = char_classes(codes)
    cpad = np.concatenate([[8], classes, [8]])
    k = {d: cpad[1 + d : 1 + d + n] for d in (-1, 0, 1)}
    outer, family, inner = rule_channels(n, spans)
    opad = np.concatenate([[0], outer, [0]])
    o = {d: opad[1 + d : 1 + d + n] for d in (-1, 0, 1)}
    quotes = quote_state(text)
    ahead, behind = long_range_cues(text)
    mined = mined_channel(text)
    mpad = np.concatenate([[0], mined, [0]])
    return [
        (None, None, None),
        (c[0], None, None),
        (c[-1], None, None),
        (c[1], None, None),
        (c[-2], None, None),
        (c[2], None, None),
        (c[-1], c[0], None),
        (c[0], c[1], None),
        (c[-2], c[-1], None),
        (c[1], c[2], None),
        (c[-1], c[0], c[1]),
        (c[0], c[1], c[2]),
        (c[-2], c[-1], c[0]),
        (o[0], None, None),
        (o[-1], o[0], None),
        (o[0], o[1], None),
        (o[0], c[0], None),
        (o[0], family, None),
        (inner, o[0], None),
        (k[-1], k[0], k[1]),
        (quotes, k[0], None),
        (quotes, o[0], None),
        (o[0], c[-1], None),
        (o[0], c[1], None),
        (ahead, None, None),
        (behind, None, None),
        (ahead, behind, None),
        (ahead, o[0], None),
        (behind, c[0], None),
        (mined, None, None),
        (mined, o[0], None),
        (mpad[:-2], mined, mpad[2:]),
        (mined, quotes, None),
    ]


def template_keys(t: int, a: np.ndarray | None, b: np.ndarray | None, c: np.ndarray | None, n: int) -> np.ndarray:
    """The int64 keys of template ``t``: t << 48 | a << 32 | b << 16 | c."""
    keys = np.full(n, t << 48, dtype=np.int64)
    for field, shift in ((a, 32), (b, 16), (c, 0)):
        if field is not None:
            keys |= field << shift
    return keys


def feature_keys(text: str, spans: list[RuleSpan]) -> np.ndarray:
    """The (len(text), n_templates) int64 feature keys of every character."""
    columns = feature_columns(text, spans)
    keys = np.empty((len(text), len(columns)), dtype=np.int64)
    for t, (a, b, c) in enumerate(columns):
        keys[:, t] = template_keys(t, a, b, c, len(text))
    return keys


def pieces(text: str) -> list[tuple[int, int]]:
    """Sentence-like stretches to decode as sequences: cut after 。！？； and newlines, long ones at ，."""
    result, start = [], 0
    for match in PIECE_END.finditer(text):
        result += _short(text, start, match.end())
        start = match.end()
    if start < len(text):
        result += _short(text, start, len(text))
    return [(s, e) for s, e in result if e > s]


def _short(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if end - start <= MAX_PIECE:
        return [(start, end)]
    cut = text.rfind("，", start + 1, start + MAX_PIECE)
    cut = cut + 1 if cut > start else start + MAX_PIECE
    return [(start, cut), *_short(text, cut, end)]


class FeatureIndex:
    """Feature key -> its row in the sorted key table, or ``len(keys)`` (a row of zeros) for an unknown key.

    An open-addressing hash table (Fibonacci hashing, linear probing, at most a quarter full) probed with array
    operations: one gather per key and round instead of a binary search's seventeen, which made looking keys up
    the larger part of the CRF's time."""

    _MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
    _EMPTY = -1  # feature keys are non-negative

    def __init__(self, keys: np.ndarray) -> None:
        self.unknown = len(keys)
        self.bits = max(4, int(np.ceil(np.log2(max(len(keys), 1) * 4))))
        self.mask = (1 << self.bits) - 1
        self.slot_key = np.full(1 << self.bits, self._EMPTY, dtype=np.int64)
        self.slot_row = np.full(1 << self.bits, self.unknown, dtype=np.int64)
        pending, slots = np.arange(len(keys)), self._slots(keys)
        while pending.size:  # each round places, in every free slot wanted, the first key that wants it
            free = np.flatnonzero(self.slot_key[slots] == self._EMPTY)
            _, first = np.unique(slots[free], return_index=True)
            chosen = free[first]
            self.slot_key[slots[chosen]] = keys[pending[chosen]]
            self.slot_row[slots[chosen]] = pending[chosen]
            waiting = np.ones(len(pending), dtype=bool)
            waiting[chosen] = False
            pending, slots = pending[waiting], (slots[waiting] + 1) & self.mask

    def _slots(self, keys: np.ndarray) -> np.ndarray:
        return ((keys.astype(np.uint64) * self._MULTIPLIER) >> np.uint64(64 - self.bits)).astype(np.int64)

    def rows(self, keys: np.ndarray) -> np.ndarray:
        """The row of each of ``keys`` (a contiguous int64 array: a column of the features fits in cache)."""
        slots = self._slots(keys)
        found = self.slot_key.take(slots)
        rows = self.slot_row.take(slots)
        hit = found == keys
        rows[~hit] = self.unknown
        probing = np.flatnonzero(~hit & (found != self._EMPTY))
        while probing.size:
            slots[probing] = next_slots = (slots[probing] + 1) & self.mask
            found = self.slot_key.take(next_slots)
            hit = found == keys[probing]
            rows[probing[hit]] = self.slot_row.take(next_slots[hit])
            probing = probing[~hit & (found != self._EMPTY)]
        return rows


class CRFModel:
    """Weights exported from crfsuite: sorted feature keys, their label weights, and label transitions."""

    def __init__(
        self, keys: np.ndarray, weights: np.ndarray, transitions: np.ndarray, constrained: bool = True
    ) -> None:
        """``constrained``: an I- label only after its B- or I- (crfsuite itself does not forbid I-Agency after O;
        such a path names no span, so decoding here rules it out)."""
        self.keys, self.weights, self.raw_transitions = keys, weights, transitions
        allowed = np.ones((len(LABELS), len(LABELS)), dtype=bool)
        start = np.zeros(len(LABELS), dtype=np.float32)
        if constrained:
            for j, label in enumerate(LABELS):
                if label.startswith("I-"):
                    allowed[:, j] = False
                    allowed[LABEL_ID["B-" + label[2:]], j] = allowed[j, j] = True
                    start[j] = -1e4
        self.transitions = np.where(allowed, transitions, -1e4).astype(np.float32)
        self._into = np.ascontiguousarray(self.transitions.T)  # [to, from]: each reduction over contiguous memory
        self.start_allowed = start
        self.constrained = constrained
        self.index = FeatureIndex(keys)
        self._weights_with_zero_row = np.vstack([weights, np.zeros((1, weights.shape[1]), dtype=weights.dtype)])
        self._dense = _dense_tables(keys, weights)

    @classmethod
    def load(cls, path: Path) -> CRFModel:
        try:
            data = np.load(path / "crf.npz")
            meta = json.loads((path / "crf.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ResourceError(path, None, f"the CRF entity model cannot be read ({exc}); run `kg train`") from exc
        if tuple(meta["labels"]) != LABELS:
            raise ResourceError(path, None, "the CRF entity model was trained for other labels; run `kg train`")
        return cls(data["keys"], data["weights"].astype(np.float32), data["transitions"])

    def save(self, path: Path, meta: dict) -> None:
        path.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path / "crf.npz", keys=self.keys, weights=self.weights.astype(np.float16),
                            transitions=self.raw_transitions)
        (path / "crf.json").write_text(json.dumps({"labels": list(LABELS), **meta}, ensure_ascii=False, indent=1),
                                       encoding="utf-8")

    def emissions(self, keys: np.ndarray) -> np.ndarray:
        """Per character, the summed label weights of its known features: each template's column is looked up
        in a hash table of the feature keys (``FeatureIndex``) and its weight rows added in template order, the
        order of the sparse product this replaced, so the sums are the same to the last bit."""
        weights = self._weights_with_zero_row
        total = np.zeros((len(keys), weights.shape[1]), dtype=np.float32)
        for t in range(keys.shape[1]):
            total += weights.take(self.index.rows(np.ascontiguousarray(keys[:, t])), axis=0)
        return total

    def text_emissions(self, text: str, spans: list[RuleSpan]) -> np.ndarray:
        """``emissions(feature_keys(text, spans))`` without the key matrix: a template whose fields take few values
        (the characters alone, the rules' tags, the cues) finds its rows in a dense table indexed by the fields, the
        others build their keys column by column for the hash table. Same rows, added in the same order: the same
        floats to the bit, at a third less CPU (bench/crf_speed.py)."""
        weights = self._weights_with_zero_row
        total = np.zeros((len(text), weights.shape[1]), dtype=np.float32)
        for t, fields in enumerate(feature_columns(text, spans)):
            dense = self._dense.get(t)
            if dense is None:
                total += weights.take(self.index.rows(template_keys(t, *fields, len(text))), axis=0)
            elif isinstance(code := dense.code(fields), int):  # the bias: one row for every character
                total += dense.weights[dense.table[code]]
            else:
                total += dense.weights.take(dense.table.take(code), axis=0)
        return total

    def tag(self, text: str, spans: list[RuleSpan]) -> list[tuple[int, int, str]]:
        """The model's entities in ``text`` as (start, end, label)."""
        return self.tag_many([(text, spans)])[0]

    def tag_many(self, documents: list[tuple[str, list[RuleSpan]]]) -> list[list[tuple[int, int, str]]]:
        """The entities of several texts, their pieces decoded together: one pass of the Viterbi loop serves
        every document of the batch, so its cost per character falls with the batch. Each piece is decoded on
        its own, so a document's labels are those it gets alone (``tag``), whatever its batch-mates."""
        return [found for found, _ in self.tag_many_scored(documents, frozenset())]

    def tag_many_scored(
        self, documents: list[tuple[str, list[RuleSpan]]], scored: frozenset[str] | None = None
    ) -> list[tuple[list[tuple[int, int, str]], dict[tuple[int, int, str], float]]]:
        """``tag_many`` and, for each span of a type in ``scored`` (None: every type) that no rule span confirms
        (the same bounds, quotes trimmed, and label), its marginal probability (``span_marginals``) over its piece:
        only the model's own proposals are scored, so the extra cost stays a few per document."""
        texts = [text for text, _ in documents]
        offsets = np.cumsum([0, *map(len, texts)])
        if not offsets[-1]:
            return [([], {}) for _ in documents]
        scores = np.concatenate([self.text_emissions(text, spans) for text, spans in documents if text])
        cut = [pieces(text) for text in texts]
        parts = [(s + offset, e + offset) for piece, offset in zip(cut, offsets, strict=False) for s, e in piece]
        labels = self._viterbi(scores, parts, offsets[-1])
        result = []
        for i, (text, spans) in enumerate(documents):
            found = _spans(labels[offsets[i] : offsets[i + 1]])
            confirmed = {(*_trim(text, s.start, s.end), s.label) for s in spans}
            wanted = [f for f in found if f not in confirmed and (scored is None or f[2] in scored)]
            confidence = {}
            by_piece: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
            starts = np.array([s for s, _ in cut[i]])
            for f in wanted:
                by_piece.setdefault(cut[i][int(np.searchsorted(starts, f[0], side="right")) - 1], []).append(f)
            for (begin, end), inside in by_piece.items():
                marginals = self.span_marginals(scores[offsets[i] + begin : offsets[i] + end],
                                                [(s - begin, e - begin, label) for s, e, label in inside])
                confidence.update(zip(inside, marginals, strict=True))
            result.append((found, confidence))
        return result

    def span_marginals(self, emitted: np.ndarray, spans: list[tuple[int, int, str]]) -> list[float]:
        """Each span's marginal probability over one piece by forward-backward (that characters ``start:end`` carry
        exactly B-label I-label… and the next one, if any, does not continue the span): how sure the model is of a
        span it alone proposes, where the Viterbi path only says it is the best. The decoder's transitions and start
        constraint (no end transition, as crfsuite); the sums in float64 rescaled at every step (one 17 x 17
        product a character, no log-sum-exp)."""
        em = emitted.astype(np.float64)
        top = em.max(axis=1)
        factor = np.exp(em - top[:, None])
        step = np.exp(self.transitions.astype(np.float64))
        n, first, last = len(em), min(s[0] for s in spans), max(s[0] for s in spans)
        # alpha[t] * exp(alpha_log[t]): the forward sums up to the last span's start; beta and beta_log the same for
        # every continuation after t, from the piece's end back to the first span's start, where both meet for Z
        alpha, alpha_log = np.empty((last + 1, len(LABELS))), np.empty(last + 1)
        alpha[0] = np.exp(em[0] + self.start_allowed - top[0])
        total = top[0]
        for t in range(last + 1):
            if t:
                np.dot(alpha[t - 1], step, out=alpha[t])
                alpha[t] *= factor[t]
                total += top[t]
            scale = alpha[t].sum()
            alpha[t] *= 1 / scale
            total += math.log(scale)
            alpha_log[t] = total
        beta, beta_log = np.empty((n, len(LABELS))), np.zeros(n)
        beta[-1], total = 1.0, 0.0
        for t in range(n - 2, first - 1, -1):
            np.dot(step, factor[t + 1] * beta[t + 1], out=beta[t])
            scale = beta[t].sum()
            beta[t] *= 1 / scale
            total += top[t + 1] + math.log(scale)
            beta_log[t] = total
        log_z = math.log(alpha[first] @ beta[first]) + alpha_log[first] + beta_log[first]
        result = []
        for start, end, label in spans:
            b, i = LABEL_ID[f"B-{label}"], LABEL_ID[f"I-{label}"]
            weight = alpha[start, b]  # the span's own scores below in logs, the sums around it as rescaled
            score = alpha_log[start] + float(sum(self.transitions[b if t == start + 1 else i, i] + em[t, i]
                                                 for t in range(start + 1, end)))
            if end < n:
                after = step[b if end - start == 1 else i] * factor[end] * beta[end]
                weight *= after.sum() - after[i]
                score += top[end] + beta_log[end]
            result.append(math.exp(min(math.log(weight) + score - log_z, 0.0)) if weight > 0 else 0.0)
        return result

    def _viterbi(self, scores: np.ndarray, parts: list[tuple[int, int]], length: int) -> np.ndarray:
        """The best label of every character, each piece decoded on its own as crfsuite decodes a sequence (its
        last label the best, no transition after it): all pieces advance together, longest first, and a piece
        leaves the batch when it ends, so no step is spent on padding and no piece's labels depend on another's.

        The decoder before decisions.md 21 padded the shorter pieces of a batch with O, so a padded piece ended
        on the best label to be followed by O; §21 kept that rule, which made a piece's last label depend on its
        batch-mates, and decisions.md 70 dropped it."""
        lengths = np.array([e - s for s, e in parts], dtype=np.int64)
        order = np.argsort(-lengths, kind="stable")
        lengths, starts = lengths[order], np.array([s for s, _ in parts], dtype=np.int64)[order]
        into = self._into
        longest, labels_n = int(lengths[0]), len(LABELS)
        # still_running[t]: how many pieces (a prefix, longest first) have a character at position t
        still_running = np.searchsorted(-lengths, -np.arange(longest + 1), side="left").tolist()
        # the characters in step order (position 0 of every piece, then position 1 of those still running...):
        # each step's emissions, back pointers and labels are then one contiguous slice, no gather per step
        step_at = np.cumsum([0, *still_running]).tolist()
        in_steps = np.concatenate([starts[:running] + t for t, running in enumerate(still_running) if running])
        emitted = scores[in_steps]
        back = np.empty((len(in_steps), labels_n), dtype=np.int8)  # 17 bytes a character
        # An I-x label (constrained) comes from B-x or I-x only: every other way into it is 1e4 lower, and B-x is
        # reached from every label at most tens of score points below the best, so the argmax over all 17 is the
        # better of those two (B-x on a tie, as argmax's first index): 8 of the 17 labels compare two scores, not
        # 17, a fifth of the loop's time (decisions.md 60). The other labels (O, B-*) take the argmax over all.
        opened = _OPENED if self.constrained else np.arange(labels_n)
        into_opened = into[opened] if self.constrained else into
        from_b, from_i = into[_INSIDE_IDS, _BEGIN_IDS], into[_INSIDE_IDS, _INSIDE_IDS]
        # flat offset of [piece, to, from = 0] in a step's scores: the best is read back at the argmax (the same
        # float as a max over the axis, which took longer than the argmax itself)
        to_rows = np.arange(len(parts) * len(opened)).reshape(len(parts), len(opened)) * labels_n
        best = emitted[: still_running[0]] + self.start_allowed
        last = np.zeros(len(parts), dtype=np.int64)  # each piece's label at its last character
        for t in range(1, longest + 1):
            running, ending = still_running[t], still_running[t - 1]
            if running < ending:  # pieces of length t end here
                last[running:ending] = best[running:ending].argmax(axis=1)
            if not running:
                break
            previous = best[:running]
            total = previous[:, None, :] + into_opened[None]
            came_opened = total.argmax(axis=2)
            came = back[step_at[t] : step_at[t] + running]
            if not self.constrained:
                came[:] = came_opened
                best = total.ravel().take(to_rows[:running] + came_opened)
            else:
                after_b, after_i = previous[:, _BEGIN] + from_b, previous[:, _INSIDE] + from_i
                stays = after_i > after_b
                came[:, _OPENED] = came_opened
                came[:, _INSIDE] = np.where(stays, _INSIDE_IDS, _BEGIN_IDS)
                best = np.empty((running, labels_n), dtype=np.float32)
                best[:, _OPENED] = total.ravel().take(to_rows[:running] + came_opened)
                best[:, _INSIDE] = np.where(stays, after_i, after_b)
            best += emitted[step_at[t] : step_at[t] + running]
        chosen = np.empty(len(in_steps), dtype=np.int64)  # the label of each character, in step order
        current = last.copy()
        pieces_at = np.arange(len(parts))
        for t in range(longest - 1, -1, -1):
            running = still_running[t]
            current[still_running[t + 1] : running] = last[still_running[t + 1] : running]  # pieces ending at t
            chosen[step_at[t] : step_at[t] + running] = current[:running]
            if t:
                current[:running] = back[step_at[t] : step_at[t] + running][pieces_at[:running], current[:running]]
        labels = np.zeros(length, dtype=np.int64)
        labels[in_steps] = chosen
        return labels


_DENSE_MAX = 1 << 22  # entries of a template's dense table (uint16: 8 MB); the character trigrams stay hashed
_DIRECT_MAX = 256  # a field whose values in the keys are all below this indexes its axis directly


@dataclass(frozen=True)
class DenseTemplate:
    """A template's rows by the values of its fields: ``table[code]`` is a row of ``weights`` (the template's own
    rows and a zero row last). A field's axis is its value itself (with one slot more than its largest value in
    the keys: larger values are clipped to it, where no key is) or, for character fields, the value's place among
    the values the keys have (``remap``, a table over all 16-bit values; the last place for the others)."""

    table: np.ndarray
    dims: tuple[int, int, int]
    remap: tuple[np.ndarray | None, np.ndarray | None, np.ndarray | None]
    weights: np.ndarray

    def code(self, fields: tuple[np.ndarray | None, ...]) -> np.ndarray | int:
        """The flat index of each character's fields in ``table`` (None: a field that is always 0; an int when
        every field is)."""
        code: np.ndarray | int = 0
        strides = (self.dims[1] * self.dims[2], self.dims[2], 1)
        for field, stride, dim, remap in zip(fields, strides, self.dims, self.remap, strict=True):
            if field is None:
                code = code + (int(remap[0]) * stride if remap is not None else 0)
            elif remap is not None:
                code = code + remap.take(field) * stride
            else:
                code = code + np.minimum(field, dim - 1) * stride
        return code


def _dense_tables(keys: np.ndarray, weights: np.ndarray) -> dict[int, DenseTemplate]:
    """Per template whose fields span at most ``_DENSE_MAX`` combinations, its ``DenseTemplate``. The keys are
    sorted, so a template's rows are one slice of ``weights``."""
    template = keys >> 48
    fields = [(keys >> 32) & 0xFFFF, (keys >> 16) & 0xFFFF, keys & 0xFFFF]
    tables = {}
    for t in range(int(template.max()) + 1 if len(keys) else 0):
        lo, hi = np.searchsorted(template, [t, t + 1])
        if hi - lo >= np.iinfo(np.uint16).max:
            continue
        mine = [f[lo:hi] for f in fields]
        dims, remaps, places = [], [], []
        for values in mine:
            if not len(values) or int(values.max()) < _DIRECT_MAX:
                dims.append(int(values.max()) + 2 if len(values) else 1)
                remaps.append(None)
                places.append(values)
                continue
            distinct = np.unique(values)
            remap = np.full(1 << 16, len(distinct), dtype=np.int32)
            remap[distinct] = np.arange(len(distinct))
            dims.append(len(distinct) + 1)
            remaps.append(remap)
            places.append(remap[values])
        if dims[0] * dims[1] * dims[2] > _DENSE_MAX:
            continue
        table = np.full(dims[0] * dims[1] * dims[2], hi - lo, dtype=np.uint16)
        table[(places[0] * dims[1] + places[1]) * dims[2] + places[2]] = np.arange(hi - lo)
        own = np.vstack([weights[lo:hi], np.zeros((1, weights.shape[1]), dtype=weights.dtype)])
        tables[t] = DenseTemplate(table, (dims[0], dims[1], dims[2]), (remaps[0], remaps[1], remaps[2]), own)
    return tables


def _spans(labels: np.ndarray) -> list[tuple[int, int, str]]:
    """(start, end, type) of the entities a label sequence names: a span opens at B-x, or at an I-x that does not
    continue an x span, and runs over the I-x that follow (array operations: this ran per character)."""
    labels = np.asarray(labels, dtype=np.int64)
    kind = (labels + 1) // 2  # LABELS: O, then B- and I- of each type in turn
    inside = labels > 0
    continues = np.zeros(len(labels), dtype=bool)
    continues[1:] = (labels[1:] % 2 == 0) & inside[1:] & (kind[1:] == kind[:-1])
    boundaries = np.flatnonzero(~continues)
    ends = np.append(boundaries[1:], len(labels))
    opened = inside[boundaries]
    return [(start, end, ENTITY_TYPES[k - 1]) for start, end, k in
            zip(boundaries[opened].tolist(), ends[opened].tolist(), kind[boundaries[opened]].tolist(), strict=True)]


MODEL_SOURCE = "model.crf"


def outermost(text: str, spans: list[RuleSpan]) -> set[tuple[int, int, str]]:
    """The rules' outermost layer, quotes trimmed: what the model is measured against on its own task."""
    result, last_end = set(), -1
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if span.start >= last_end:
            result.add((*_trim(text, span.start, span.end), span.label))
            last_end = span.end
    return result


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _OPEN + _CLOSE:
        start += 1
    while end > start and text[end - 1] in _OPEN + _CLOSE:
        end -= 1
    return start, end


class LearnedEntityLayer:
    """The CRF decides the outermost entities; rule spans it agrees with keep their rule and canonical hint, rule
    spans nested inside its spans stay, and so do rule spans it neither confirms nor crosses (see the module
    docstring). Documents are decoded in batches (``pipe``)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.model: CRFModel | None = None
        self.path: Path | None = None  # where the weights came from: the other learned layers lie beside them

    def __call__(self, doc):
        return next(self.pipe([doc]))

    def pipe(self, stream, *, batch_size: int = 16):
        """Each document's entities, the documents of a batch decoded in one loop (``CRFModel.tag_many``), each
        as if alone: a report's graph does not depend on its neighbours."""
        from spacy.util import minibatch

        from kg.nlp.components import SPAN_KEY, doc_text

        if self.model is None:
            raise ResourceError(Path(self.name), None, "the CRF entity model is not loaded (from_disk)")
        for batch in minibatch(stream, size=batch_size):
            texts = [doc_text(doc) for doc in batch]
            rules = [list(doc.spans.get(SPAN_KEY, [])) for doc in batch]
            minimum = _min_confidence()
            found = self.model.tag_many_scored(
                [(text, [RuleSpan(s.start_char, s.end_char, s.label_, s.id_) for s in spans])
                 for text, spans in zip(texts, rules, strict=True)], frozenset(minimum))
            for doc, text, spans, (tagged, confidence) in zip(batch, texts, rules, found, strict=True):
                unsure = {f for f, p in confidence.items() if p < minimum[f[2]]}
                _set_annotations(doc, text, spans, [f for f in tagged if f not in unsure])
                yield doc

    def from_disk(self, path, *, exclude=()) -> LearnedEntityLayer:
        self.model = CRFModel.load(Path(path))
        self.path = Path(path)
        return self

    def to_disk(self, path, *, exclude=()) -> None:
        if self.model is not None:
            self.model.save(Path(path), {})


@cache
def _min_confidence() -> dict[str, float]:
    """crf_confidence.yaml's min_confidence above 0: the types whose model-only spans are scored and the least
    marginal probability such a span keeps."""
    from kg.resources import read_yaml

    table = read_yaml("nlp/crf_confidence.yaml").get("min_confidence") or {}
    return {label: float(p) for label, p in table.items() if float(p) > 0}


@cache
def _overrides(key: str) -> frozenset[str]:
    """crf_features.yaml's rules_over_model (rule ids), labels_over_model (rule labels) and heads_over_model (last
    words of an organisation's name)."""
    from kg.resources import read_yaml

    return frozenset(read_yaml("nlp/crf_features.yaml").get(key, []))


def _document_type(text: str, start: int, end: int, label: str) -> str:
    """The model's Law or PolicyDocument, unless the title alone decides (a Party regulation, an amending
    decision: kg.nlp.rules.titles.decisive_title_type), the order that promulgated it is known (a Law) or a notice of
    the text carries it (印发《…办法》: a normative document, kg.nlp.rules.titles.carried_rule)."""
    from kg.nlp.rules.titles import carried_rule, decisive_title_type, promulgated

    if label not in ("Law", "PolicyDocument"):
        return label
    decided = decisive_title_type(text[start:end]) or ("Law" if promulgated(text, end, start) else None)
    if decided is None and label == "Law" and carried_rule(text, start, end):
        return "PolicyDocument"
    return decided or label


def _reaches_past_quote(name: str) -> bool:
    """行政执法“三项制度”, “三北”工程: a whole quote and words outside it."""
    opening, closing = name.find("“"), name.rfind("”")
    return 0 <= opening < closing and (opening > 0 or closing < len(name) - 1)


def _quotes_over_inner(text: str, rules: list, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A rule span that holds a quote whole and reaches past it (crf_features.yaml quotes_over_inner_model) replaces
    the model's spans of its label nested inside it, unless a model span crosses its edges."""
    wanted = _overrides("quotes_over_inner_model")
    for span in rules:
        start, end = span.start_char, span.end_char
        if span.id_ not in wanted or not _reaches_past_quote(text[start:end]):
            continue
        inner = [f for f in found if start <= f[0] and f[1] <= end]
        crossing = [f for f in found if f[0] < end and start < f[1] and f not in inner]
        if crossing or (*_trim(text, start, end), span.label_) in inner or any(f[2] != span.label_ for f in inner):
            continue
        found = sorted([*(f for f in found if f not in inner), (*_trim(text, start, end), span.label_)])
    return found


def _heads_over_cut(text: str, rules: list, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A programme rule span (crf_features.yaml heads_over_cut_model) replaces the model's span of its label that
    starts with it and stops inside its head word (精准脱贫攻坚 inside 精准脱贫攻坚战; one that stops before the head,
    医疗器械注册人制度 before 试点, is a name of its own)."""
    from kg.nlp.rules.reforms import programme_head

    wanted = _overrides("heads_over_cut_model")
    for span in rules:
        start, end = span.start_char, span.end_char
        head = programme_head(text[start:end]) if span.id_ in wanted else None
        if not head:
            continue
        cut = [f for f in found if f[0] == start and end - len(head) < f[1] < end and f[2] == span.label_]
        if cut and not any(f[0] < end < f[1] or (start < f[0] < end and f not in cut) for f in found):
            found = sorted([*(f for f in found if f not in cut), (start, end, span.label_)])
    return found


def _set_annotations(doc, text: str, rules: list, found: list[tuple[int, int, str]]) -> None:
    from bisect import bisect_right

    from spacy.tokens import Span
    from spacy.util import filter_spans

    from kg.nlp.components import SPAN_KEY
    from kg.nlp.rules.reforms import ends_in_compound, is_generic_reform, refused_in_context

    agreeing = {}
    for span in rules:
        agreeing.setdefault((*_trim(text, span.start_char, span.end_char), span.label_), span)
    found = [f for f in found
             if f[2] != "Reform" or not (is_generic_reform(text[f[0] : f[1]]) or ends_in_compound(text, f[1])
                                         or refused_in_context(text, f[0], f[1]))]
    rules = [s for s in rules if s.label_ != "Reform" or not (is_generic_reform(text[s.start_char : s.end_char])
                                                               or refused_in_context(text, s.start_char, s.end_char))]
    exact, heads = _overrides("labels_over_model"), tuple(_overrides("heads_over_model"))
    if exact or heads:  # 深圳市 alone is a place whatever the model calls it: its span gives way to the rule's
        named = {key[:2] for key in agreeing
                 if key[2] in exact or (key[2] == "Organization" and text[key[0] : key[1]].endswith(heads))}
        found = [f for f in found if (f[0], f[1], f[2]) in agreeing or (f[0], f[1]) not in named]
    found = _quotes_over_inner(text, rules, found)
    found = _heads_over_cut(text, rules, found)
    titles = [(f[0], f[1]) for f in found if f[2] in ("Law", "PolicyDocument")]
    over_titles = _overrides("titles_over_model")  # a document name stands inside the model's title too
    standing = [s for s in rules if s.id_ in _overrides("rules_over_model")  # inside a title it nests (the
                and (s.id_ in over_titles  # 中国科协 of 两院院士大会…)
                     or not any(a <= s.start_char and s.end_char <= b for a, b in titles))]
    if standing:  # the model's spans overlapping a standing rule span give way to it (its places nest inside)
        found = [f for f in found if not any(f[0] < s.end_char and s.start_char < f[1] for s in standing)]
        found = sorted([*found, *((s.start_char, s.end_char, s.label_) for s in standing)])
    found = [(start, end, _document_type(text, start, end, label)) for start, end, label in found]
    kept = []
    for start, end, label in found:  # flat and sorted: the model's spans never overlap
        rule = agreeing.get((start, end, label))
        kept.append(rule if rule is not None else Span(doc, start, end, label=label, span_id=MODEL_SOURCE))
    starts = [k.start for k in kept]
    chosen = {(k.start, k.end) for k in kept}
    result = list(kept)
    for span in rules:
        if (span.start, span.end) in chosen:
            continue
        at = bisect_right(starts, span.start) - 1  # the model span starting at or before the rule span
        nested = at >= 0 and span.end <= kept[at].end
        crossed = (at >= 0 and kept[at].end > span.start) or (at + 1 < len(kept) and kept[at + 1].start < span.end)
        if nested or not crossed:
            result.append(span)
    unique = {(s.start, s.end, s.label_): s for s in result}
    doc.spans[SPAN_KEY] = sorted(unique.values(), key=lambda s: (s.start, -len(s)))
    doc.ents = filter_spans(doc.spans[SPAN_KEY])
