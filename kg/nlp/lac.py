"""A pretrained contextual encoder for the statistical NER layer: Baidu's LAC lexical analyser (Apache-2.0), run
in PyTorch from the weights its source archive carries on PyPI (``LAC==2.1.2``: lac_model/, 31 MB).

LAC is a word/character BiGRU-CRF (2 bidirectional layers of 128, embeddings of 128) trained by Baidu on a large
corpus for segmentation, part of speech and PER/LOC/ORG/TIME: the only pretrained *contextual* Chinese model a
registry here carries (decision 8). Its own runtime needs paddlepaddle's old ``fluid`` API, which no current
paddle has, so we read its parameter files (paddle's LoDTensor format) and run the same network: the tags it
gives match LAC's documented output. What the tagger takes from it, per character, is the top layer's state of
the token that covers the character (256) and LAC's tag scores for it (49): frozen features, like ELMo's.

``extract`` reads the archive once (``kg train --lac LAC-2.1.2.tar.gz``; ``pip download --no-deps --no-binary
:all: LAC==2.1.2`` fetches it — the package itself is never installed or imported) and writes ``lac.npz`` beside
the tagger's weights: embeddings quantised to int8 with one scale per row, the rest in half precision.
"""

from __future__ import annotations

import re
import struct
import tarfile
from functools import cached_property
from math import log
from pathlib import Path

import numpy as np
import torch
from torch import nn

MODEL = "lac_model/model/"
CONF = "lac_model/conf/"
PARAMETERS = ("word_emb", "crfw", *(f"fc_{i}.{p}_0" for i in range(5) for p in "wb"),
              *(f"gru_{i}.{p}_0" for i in range(4) for p in "wb"))
WIDTH = 256 + 49  # top BiGRU layer + tag scores
_LATIN = re.compile(r"[a-zA-Z0-9]")
_LATIN_RUN = re.compile(r"[a-zA-Z0-9]+")


def read_paddle_tensor(raw: bytes) -> np.ndarray:
    """A dense tensor in paddle's LoDTensor file format: uint32 version, uint64 LoD levels (0 here), uint32
    tensor version, int32 size of a TensorDesc protobuf (data type, dims), float32 data."""
    (lod_levels,) = struct.unpack_from("<Q", raw, 4)
    if lod_levels != 0:
        raise ValueError("LoD tensors are not model parameters")
    (desc_size,) = struct.unpack_from("<i", raw, 16)
    dims = _protobuf_dims(raw[20 : 20 + desc_size])
    return np.frombuffer(raw, dtype="<f4", offset=20 + desc_size).reshape(dims)


def _protobuf_dims(desc: bytes) -> list[int]:
    """Field 2 (dims, int64, packed or not) of paddle's TensorDesc."""

    def varint(at: int) -> tuple[int, int]:
        value, shift = 0, 0
        while True:
            byte = desc[at]
            at += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return value, at

    dims, at = [], 0
    while at < len(desc):
        key, at = varint(at)
        field, wire = key >> 3, key & 7
        if wire == 0:
            value, at = varint(at)
            if field == 2:
                dims.append(value)
        elif wire == 2:
            length, at = varint(at)
            end = at + length
            while at < end:
                value, at = varint(at)
                if field == 2:
                    dims.append(value)
        else:
            raise ValueError(f"unexpected protobuf wire type {wire}")
    return dims


def extract(archive: Path, dest: Path) -> Path:
    """LAC's source archive -> ``dest`` (.npz): what ``LacEncoder`` needs, nothing of paddle."""
    found: dict[str, bytes] = {}
    wanted = {MODEL + name for name in PARAMETERS}
    wanted |= {CONF + name for name in ("word.dic", "q2b.dic", "small_seg.dic", "tag.dic")}
    with tarfile.open(archive) as tar:
        for member in tar:
            inner = member.name.split("/LAC/", 1)[-1]
            if inner in wanted and member.isfile():
                found[inner] = tar.extractfile(member).read()  # type: ignore[union-attr]
    missing = wanted - set(found)
    if missing:
        raise ValueError(f"{archive}: not LAC 2.1's source archive (missing {sorted(missing)[0]})")
    arrays: dict[str, np.ndarray] = {}
    for name in PARAMETERS:
        tensor = read_paddle_tensor(found[MODEL + name])
        if name == "word_emb":
            scale = np.abs(tensor).max(axis=1, keepdims=True) / 127.0
            arrays["word_emb_int8"] = np.round(tensor / np.maximum(scale, 1e-12)).astype(np.int8)
            arrays["word_emb_scale"] = scale.astype(np.float32)
        else:
            arrays[name.replace(".", "_")] = tensor.astype(np.float16)
    words = [line.split("\t", 1) for line in found[CONF + "word.dic"].decode("utf-8").split("\n") if "\t" in line]
    vocabulary = [""] * (max(int(i) for i, _ in words) + 1)
    for i, word in words:
        vocabulary[int(i)] = word
    entries = [line.split(" ") for line in found[CONF + "small_seg.dic"].decode("utf-8").split("\n") if " " in line]
    segment_words = [word for word, _ in entries]
    # a vocabulary word the segmentation dictionary lacks is never one token (4,030 of them, 人民政府 among
    # them): its embedding row is dead weight and is left out, which changes no output
    reachable = set(segment_words) | {"OOV"}
    kept = [i for i, word in enumerate(vocabulary)
            if word and (len(word) == 1 or word in reachable or _LATIN_RUN.fullmatch(word))]
    arrays["word_emb_int8"] = arrays["word_emb_int8"][kept]
    arrays["word_emb_scale"] = arrays["word_emb_scale"][kept]
    arrays["vocabulary"] = np.array([vocabulary[i] for i in kept])
    names: dict[int, str] = {}
    for line in found[CONF + "tag.dic"].decode("utf-8").split("\n"):
        if "\t" in line:
            tag_id, name = line.split("\t")
            names[int(tag_id)] = name  # PER/LOC/ORG/TIME share ids with nr/ns/nt/t: the later, named one is kept
    arrays["tags"] = np.array([names[i] for i in range(len(names))])
    pairs = [line.split("\t") for line in found[CONF + "q2b.dic"].decode("utf-8").split("\n") if line.count("\t") == 1]
    arrays["q2b"] = np.array(["".join(pair) for pair in pairs if len(pair[0]) == 1 and len(pair[1]) == 1])
    arrays["segment_words"] = np.array(segment_words)
    arrays["segment_log_total"] = np.array(log(sum(int(count) for _, count in entries)))
    dest.parent.mkdir(parents=True, exist_ok=True)
    aside = dest.with_name(dest.name + ".tmp.npz")  # written aside, then renamed: never a half-written lac.npz
    np.savez_compressed(aside, **arrays)
    aside.replace(dest)
    return dest


class LacNetwork(nn.Module):
    """LAC's network: embeddings (frozen, not saved with a tagger: they come from lac.npz), two bidirectional
    GRU layers and the tag scores. As a tagger's feature extractor its GRU and output layers may be tuned
    (``tune``) or kept as Baidu trained them."""

    def __init__(self, arrays: dict[str, np.ndarray], tune: bool = False,
                 embedding: torch.Tensor | None = None) -> None:
        """``embedding``: another network's, shared (28 MB of float32 that never change)."""
        super().__init__()
        if embedding is None:
            embedding = torch.from_numpy(arrays["word_emb_int8"].astype(np.float32) * arrays["word_emb_scale"])
        self.register_buffer("embedding", embedding, persistent=False)
        self.layers = nn.ParameterDict({
            name: nn.Parameter(torch.from_numpy(a.astype(np.float32)), requires_grad=tune)
            for name, a in sorted(arrays.items()) if name.startswith(("fc_", "gru_"))
        })
        self.register_buffer("crf", torch.from_numpy(arrays["crfw"].astype(np.float32)), persistent=False)

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """(batch, tokens) ids -> (batch, tokens, 305): the top layer's state and the tag scores."""
        hidden = self.embedding[ids]
        for layer in range(2):
            forward = self._gru(self._fc(hidden, 2 * layer), mask, 2 * layer, reverse=False)
            backward = self._gru(self._fc(hidden, 2 * layer + 1), mask, 2 * layer + 1, reverse=True)
            hidden = torch.cat([forward, backward], dim=-1)
        return torch.cat([hidden, self._fc(hidden, 4)], dim=-1)

    def _fc(self, x: torch.Tensor, index: int) -> torch.Tensor:
        return x @ self.layers[f"fc_{index}_w_0"] + self.layers[f"fc_{index}_b_0"]

    def _gru(self, x: torch.Tensor, mask: torch.Tensor, index: int, reverse: bool) -> torch.Tensor:
        """paddle's ``dynamic_gru`` (origin_mode off): u, r = sigmoid(x_ur + h W_ur); c = tanh(x_c + (r * h)
        W_c); h = (1 - u) h + u c. Its weight is stored as the [H, 2H] gate matrix followed by the [H, H]
        candidate matrix. Padding leaves the state at zero, so the reverse pass starts at each text's end."""
        weight = self.layers[f"gru_{index}_w_0"]
        size = weight.shape[0]
        flat = weight.reshape(-1)
        gates, candidate = flat[: 2 * size * size].reshape(size, 2 * size), flat[2 * size * size :].reshape(size, size)
        x = x + self.layers[f"gru_{index}_b_0"].reshape(-1)
        state = x.new_zeros(x.shape[0], size)
        states: list[torch.Tensor] = [state] * x.shape[1]
        for t in range(x.shape[1] - 1, -1, -1) if reverse else range(x.shape[1]):
            step = x[:, t]
            update_reset = torch.sigmoid(step[:, : 2 * size] + state @ gates)
            update, reset = update_reset[:, :size], update_reset[:, size:]
            new = (1 - update) * state + update * torch.tanh(step[:, 2 * size :] + (reset * state) @ candidate)
            state = torch.where(mask[:, t, None], new, state)
            states[t] = state
        return torch.stack(states, dim=1)


class LacEncoder:
    """LAC's tokenisation and its network as Baidu trained it: ``token_ids`` for a tagger that runs the network
    itself, ``features`` and ``tags`` to use or check it alone."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with np.load(path) as data:
            self.arrays = {name: data[name] for name in data.files}
        self.network = LacNetwork(self.arrays)
        self.word_ids = {word: i for i, word in enumerate(self.arrays["vocabulary"].tolist()) if word}
        self.oov = self.word_ids["OOV"]
        self.q2b = {pair[0]: pair[1] for pair in self.arrays["q2b"].tolist()}
        self.log_total = float(self.arrays["segment_log_total"])
        self.tag_names = self.arrays["tags"].tolist()

    @cached_property
    def prefixes(self) -> dict[str, int | None]:
        """LAC's segmentation dictionary as a prefix table: word -> its length, proper prefix -> None."""
        table: dict[str, int | None] = {}
        for word in self.arrays["segment_words"].tolist():
            table[word] = len(word)
            for i in range(1, len(word)):
                table.setdefault(word[:i], None)
        return table

    def segment(self, text: str) -> list[str]:
        """LAC's dictionary segmentation (its ``Segment.fast_cut``): the best path through the dictionary words,
        each scored log(length) - log(total count); runs of single Latin letters or digits are one token."""
        prefixes, n = self.prefixes, len(text)
        ends: list[list[int]] = []
        for start in range(n):
            candidates, end = [start], start + 1
            while end <= n and text[start:end] in prefixes:
                if prefixes[text[start:end]]:
                    candidates.append(end - 1)
                end += 1
            ends.append(candidates)
        route: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
        for start in range(n - 1, -1, -1):
            route[start] = max((log(prefixes.get(text[start : last + 1]) or 1) - self.log_total + route[last + 1][0],
                                last) for last in ends[start])
        tokens, latin, at = [], "", 0
        while at < n:
            end = route[at][1] + 1
            word = text[at:end]
            if len(word) == 1 and _LATIN.match(word):
                latin += word
            else:
                if latin:
                    tokens.append(latin)
                    latin = ""
                tokens.append(word)
            at = end
        if latin:
            tokens.append(latin)
        return tokens

    def token_ids(self, text: str) -> tuple[list[int], list[int]]:
        """LAC's input ids (a dictionary word as one id, else one per character) and how many characters each
        covers."""
        ids, widths = [], []
        for word in self.segment(text):
            if len(word) > 1 and word in self.word_ids:
                ids.append(self.word_ids[word])
                widths.append(len(word))
                continue
            for char in word:
                ids.append(self.word_ids.get(self.q2b.get(char, char), self.oov))
                widths.append(1)
        return ids, widths

    def token_index(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """LAC's token ids of ``text`` and, per character, the index of the token that covers it."""
        ids, widths = self.token_ids(text)
        return np.array(ids, dtype=np.int64), np.repeat(np.arange(len(widths)), widths).astype(np.int64)

    def features(self, texts: list[str]) -> list[np.ndarray]:
        """Per text, (len(text), 305): each character gets the state and tag scores of its token."""
        tokenised, per_token = self._encode(texts)
        return [np.repeat(per_token[row, : len(widths)], widths, axis=0) if widths else
                np.zeros((0, WIDTH), dtype=np.float32) for row, (_, widths) in enumerate(tokenised)]

    @torch.no_grad()
    def _encode(self, texts: list[str]) -> tuple[list[tuple[list[int], list[int]]], np.ndarray]:
        tokenised = [self.token_ids(text) for text in texts]
        length = max((len(ids) for ids, _ in tokenised), default=0)
        ids = torch.full((len(texts), length), self.oov, dtype=torch.long)
        mask = torch.zeros(len(texts), length, dtype=torch.bool)
        for row, (token_ids, _) in enumerate(tokenised):
            ids[row, : len(token_ids)] = torch.tensor(token_ids, dtype=torch.long)
            mask[row, : len(token_ids)] = True
        if length == 0:
            return tokenised, np.zeros((len(texts), 0, WIDTH), dtype=np.float32)
        return tokenised, self.network(ids, mask).numpy()

    def tags(self, text: str) -> list[tuple[str, str]]:
        """LAC's own analysis of ``text``: (word, tag) pairs by CRF decoding with its transitions — what LAC
        itself prints, so the port can be checked against it."""
        tokenised, per_token = self._encode([text])
        (_, widths), = tokenised
        if not widths:
            return []
        scores = torch.from_numpy(per_token[0, : len(widths), 256:])
        crf = self.network.crf
        start, end, transitions = crf[0], crf[1], crf[2:]
        best, back = start + scores[0], []
        for step in scores[1:]:
            best, pointer = (best[:, None] + transitions + step[None, :]).max(0)
            back.append(pointer)
        path = [int((best + end).argmax())]
        for pointer in reversed(back):
            path.append(int(pointer[path[-1]]))
        words: list[tuple[str, str]] = []
        at = 0
        for tag_id, width in zip(reversed(path), widths, strict=True):
            name = self.tag_names[tag_id]
            if not words or name.endswith("-B"):
                words.append((text[at : at + width], name[:-2]))
            else:
                words[-1] = (words[-1][0] + text[at : at + width], name[:-2])
            at += width
        return words
