"""The statistical NER model: a character BiLSTM-CRF (Huang et al. 2015; Lample et al. 2016) in PyTorch, with the
features Chinese NER gains most from when no pretrained encoder can be had (Zhang & Yang 2018; Ma et al. 2020):

- the character and its two bigrams (a stand-in for the word segmentation we do not have);
- the rule layer's label of the character (the rules are our domain lexicon: the model learns where to trust them);
- lexicon matches from jieba's dictionary (349 k words with their part of speech, shipped in the ``jieba`` wheel):
  whether the character begins, continues or ends a dictionary word that is an organisation (nt), a place (ns),
  a person (nr) or anything else (SoftLexicon-style B/M/E/S flags);
- optionally, pretrained word vectors (kg/nlp/word_vectors.py): the mean vector of the words that begin at, run
  through and end at the character (SoftLexicon's B/M/E sets), frozen; characters start from their vectors too;
- optionally, a pretrained contextual encoder (kg/nlp/lac.py, Baidu's LAC BiGRU): its top layer's state and tag
  scores at the character (ELMo-style features), its GRU layers frozen or tuned with the tagger.

Imported lazily (torch is an optional dependency: ``pip install 'govkg[statistical]'``); the rules-only pipeline
never loads it.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torchcrf import CRF

from kg.nlp import dictionary
from kg.nlp.lac import LacEncoder, LacNetwork
from kg.nlp.word_vectors import WordVectors, dictionary_matches
from kg.nlp.word_vectors import load as load_vectors

PAD, UNK = 0, 1
EDGE_LEFT, EDGE_RIGHT = "\x02", "\x03"  # stand for the character before the first / after the last
LEXICON_GROUPS = {"nt": 0, "ns": 1, "nr": 2, "nrt": 2, "nrfg": 2}  # organisation, place, person; else 3
LEXICON_WIDTH = 4 * 4  # (B, M, E, S) x (organisation, place, person, other word)
WORD_VECTORS = "word_vectors.npz"
CONTEXT_ENCODER = "lac.npz"


@cache
def lexicon() -> dict[str, int]:
    """Words of two or more characters in jieba's dictionary -> bit set of their groups."""
    words: dict[str, int] = {}
    for word, tag in dictionary.entries():
        words[word] = words.get(word, 0) | 1 << LEXICON_GROUPS.get(tag, 3)
    return words


def lexicon_features(text: str) -> np.ndarray:
    """(len(text), 16) flags: the character begins / is inside / ends / is all of a dictionary word of a group."""
    flags = np.zeros((len(text), LEXICON_WIDTH), dtype=np.float32)
    for start, end, groups in dictionary_matches(text, lexicon()):
        for group in range(4):
            if groups >> group & 1:
                flags[start, group * 4] = 1.0
                flags[start + 1 : end - 1, group * 4 + 1] = 1.0
                flags[end - 1, group * 4 + 2] = 1.0
    return flags


@dataclass
class Vocabulary:
    """Ids of characters, bigrams, rule labels and output tags; saved beside the weights."""

    chars: list[str] = field(default_factory=lambda: ["<pad>", "<unk>"])
    bigrams: list[str] = field(default_factory=lambda: ["<pad>", "<unk>"])
    rules: list[str] = field(default_factory=lambda: ["O"])
    tags: list[str] = field(default_factory=lambda: ["O"])
    vectors: WordVectors | None = field(default=None, repr=False, compare=False)  # pretrained, frozen, optional
    context: LacEncoder | None = field(default=None, repr=False, compare=False)  # pretrained, frozen, optional

    def __post_init__(self) -> None:
        self.char_ids = {c: i for i, c in enumerate(self.chars)}
        self.bigram_ids = {b: i for i, b in enumerate(self.bigrams)}
        self.rule_ids = {r: i for i, r in enumerate(self.rules)}
        self.tag_ids = {t: i for i, t in enumerate(self.tags)}

    @classmethod
    def build(
        cls, texts: Iterable[str], rule_tags: Iterable[str], tags: Iterable[str], min_bigram: int = 2
    ) -> Vocabulary:
        chars: Counter[str] = Counter()
        bigrams: Counter[str] = Counter()
        for text in texts:
            chars.update(text)
            padded = EDGE_LEFT + text + EDGE_RIGHT
            bigrams.update(padded[i : i + 2] for i in range(len(padded) - 1))
        return cls(
            chars=["<pad>", "<unk>", *sorted(chars)],
            bigrams=["<pad>", "<unk>", *sorted(b for b, n in bigrams.items() if n >= min_bigram)],
            rules=["O", *sorted(set(rule_tags) - {"O"})],
            tags=["O", *sorted(set(tags) - {"O"})],
        )

    def encode(self, text: str, rule_tags: Sequence[str]) -> dict[str, np.ndarray]:
        padded = EDGE_LEFT + text + EDGE_RIGHT
        bigram = [self.bigram_ids.get(padded[i : i + 2], UNK) for i in range(len(padded) - 1)]
        encoded = {
            "chars": np.array([self.char_ids.get(c, UNK) for c in text], dtype=np.int64),
            "left": np.array(bigram[:-1], dtype=np.int64),
            "right": np.array(bigram[1:], dtype=np.int64),
            "rules": np.array([self.rule_ids.get(t, 0) for t in rule_tags], dtype=np.int64),
            "lexicon": lexicon_features(text),
        }
        if self.vectors is not None:
            encoded["words"] = self.vectors.features(text)
        if self.context is not None:
            encoded["lac_ids"], encoded["lac_index"] = self.context.token_index(text)
        return encoded

    def to_json(self) -> dict:
        return {"chars": self.chars, "bigrams": self.bigrams, "rules": self.rules, "tags": self.tags}


@dataclass(frozen=True)
class Hyperparameters:
    char_width: int = 100
    bigram_width: int = 50
    rule_width: int = 20
    word_width: int = 0  # width of the pretrained word vectors (SoftLexicon B/M/E means); 0: none
    context_width: int = 0  # width of the pretrained context encoder's features (LAC: 305); 0: none
    context_tuned: bool = False  # LAC's GRU and output layers trained with the tagger, or kept as they are
    lexicon: bool = True  # jieba's dictionary flags (a width of 0 above, or False here, ablates a feature family)
    hidden: int = 200
    depth: int = 1
    dropout: float = 0.5


class Tagger(nn.Module):
    """What the spaCy component needs of a model: a vocabulary, per-character tag scores and a CRF."""

    vocab: Vocabulary
    crf: CRF

    def emissions(self, batch: dict[str, torch.Tensor]) -> torch.Tensor:
        raise NotImplementedError

    @torch.no_grad()
    def predict(self, batch: dict[str, torch.Tensor]) -> list[tuple[list[int], np.ndarray]]:
        """Best tag path of each sequence and each tag's marginal probability (forward-backward)."""
        emissions = self.emissions(batch)
        mask = batch["mask"]
        paths = self.crf.decode(emissions, mask)
        marginals = crf_marginals(self.crf, emissions, mask).numpy()
        return [(path, marginals[i, np.arange(len(path)), path]) for i, path in enumerate(paths)]


class BiLstmCrf(Tagger):
    def __init__(self, vocab: Vocabulary, hp: Hyperparameters) -> None:
        super().__init__()
        self.vocab, self.hp = vocab, hp
        self.char_embed = nn.Embedding(len(vocab.chars), hp.char_width, padding_idx=PAD)
        self.bigram_embed = nn.Embedding(len(vocab.bigrams), hp.bigram_width, padding_idx=PAD)
        self.rule_embed = nn.Embedding(len(vocab.rules), hp.rule_width)
        lexicon = LEXICON_WIDTH if hp.lexicon else 0
        width = hp.char_width + 2 * hp.bigram_width + hp.rule_width + lexicon + 3 * hp.word_width + hp.context_width
        self.context = None
        if hp.context_width:  # the embeddings are the encoder's, shared by every member
            self.context = LacNetwork(vocab.context.arrays, hp.context_tuned, vocab.context.network.embedding)
        self.dropout = nn.Dropout(hp.dropout)
        self.lstm = nn.LSTM(width, hp.hidden, num_layers=hp.depth, bidirectional=True, batch_first=True)
        self.output = nn.Linear(2 * hp.hidden, len(vocab.tags))
        self.crf = CRF(len(vocab.tags), batch_first=True)

    def initialise_characters(self, vectors: WordVectors) -> int:
        """Start each character's embedding from its pretrained vector, as it is, where it has one (bigrams
        started from two-character words' vectors were measured too: no better, decision 8)."""
        if vectors.width != self.hp.char_width:
            return 0
        found = 0
        with torch.no_grad():
            for char, row in self.vocab.char_ids.items():
                vector = vectors.vector(char)
                if vector is not None:
                    self.char_embed.weight[row] = torch.from_numpy(vector)
                    found += 1
        return found

    def emissions(self, batch: dict[str, torch.Tensor]) -> torch.Tensor:
        parts = [
            self.char_embed(batch["chars"]),
            self.bigram_embed(batch["left"]),
            self.bigram_embed(batch["right"]),
            self.rule_embed(batch["rules"]),
        ]
        if self.hp.lexicon:
            parts.append(batch["lexicon"])
        if self.hp.word_width:
            parts.append(batch["words"])
        if self.context is not None:
            states = batch["lac_states"] if "lac_states" in batch else self.context_states(batch)
            index = batch["lac_index"].unsqueeze(-1).expand(-1, -1, states.shape[-1])
            parts.append(torch.gather(states, 1, index))  # each character: its LAC token's features
        features = torch.cat(parts, dim=-1)
        lengths = batch["mask"].sum(1).cpu()
        packed = nn.utils.rnn.pack_padded_sequence(self.dropout(features), lengths, True, enforce_sorted=False)
        hidden, _ = self.lstm(packed)
        hidden, _ = nn.utils.rnn.pad_packed_sequence(hidden, True, total_length=features.shape[1])
        return self.output(self.dropout(hidden))

    def context_states(self, batch: dict[str, torch.Tensor]) -> torch.Tensor:
        """LAC's per-token features for the batch (tracked for gradients only while its layers are tuned)."""
        with torch.set_grad_enabled(self.hp.context_tuned and self.training):
            return self.context(batch["lac_ids"], batch["lac_mask"])

    def loss(self, batch: dict[str, torch.Tensor], tags: torch.Tensor) -> torch.Tensor:
        return -self.crf(self.emissions(batch), tags, batch["mask"], reduction="mean")


class Ensemble(Tagger):
    """Members trained alike from different seeds: their tag scores and CRF parameters averaged (the single
    models' held-out F1 swings by points from seed to seed; their average does not)."""

    def __init__(self, members: Sequence[BiLstmCrf]) -> None:
        super().__init__()
        self.members = nn.ModuleList(members)
        self.vocab = members[0].vocab
        self.crf = CRF(len(self.vocab.tags), batch_first=True)
        with torch.no_grad():
            for name, parameter in self.crf.named_parameters():
                parameter.copy_(torch.stack([getattr(m.crf, name) for m in members]).mean(0))

    def emissions(self, batch: dict[str, torch.Tensor]) -> torch.Tensor:
        first = self.members[0]
        if first.context is not None and not any(m.hp.context_tuned for m in self.members):
            # members that keep LAC as it is share its states: one LAC pass per batch, not one per member
            batch = {**batch, "lac_states": first.context_states(batch)}
        return torch.stack([member.emissions(batch) for member in self.members]).mean(0)


QUANTISED = ".int8"  # suffix of a matrix stored as int8 codes; its per-row scales under SCALES
SCALES = ".scale"


def compact(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """Weights as saved: matrices as int8 with one half-precision scale per row (a quarter of float32, same
    tags on CLUENER dev and the gold), vectors in half precision."""
    out = {}
    for name, value in state.items():
        if value.dim() == 2 and value.numel() >= 4096:
            scale = value.abs().amax(dim=1, keepdim=True).clamp_min(1e-12) / 127
            out[name + QUANTISED] = torch.round(value / scale).to(torch.int8)
            out[name + SCALES] = scale.half()
        else:
            out[name] = value.half()
    return out


def expand(saved: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """``compact``'s inverse (weights saved in half precision, before int8, load as they are)."""
    state = {}
    for name, value in saved.items():
        if name.endswith(QUANTISED):
            base = name[: -len(QUANTISED)]
            state[base] = value.float() * saved[base + SCALES].float()
        elif not name.endswith(SCALES):
            state[name] = value.float()
    return state


def save(path: Path, members: Sequence[BiLstmCrf]) -> None:
    """Vocabulary, hyperparameters and each member's weights (``compact``)."""
    path.mkdir(parents=True, exist_ok=True)
    for old in path.glob("member-*.pt"):
        old.unlink()
    (path / "vocab.json").write_text(json.dumps(members[0].vocab.to_json(), ensure_ascii=False), encoding="utf-8")
    (path / "hyperparameters.json").write_text(json.dumps(asdict(members[0].hp), indent=1), encoding="utf-8")
    if members[0].vocab.vectors is not None:
        members[0].vocab.vectors.save(path / WORD_VECTORS)
    context = members[0].vocab.context
    if context is not None and context.path.resolve() != (path / CONTEXT_ENCODER).resolve():
        shutil.copyfile(context.path, path / CONTEXT_ENCODER)
    for i, member in enumerate(members):
        # LAC's layers are saved only when tuned: kept as Baidu trained them, they are lac.npz's
        kept = {k: v for k, v in member.state_dict().items() if member.hp.context_tuned or not k.startswith("context.")}
        torch.save(compact(kept), path / f"member-{i}.pt")


def load(path: Path) -> Tagger:
    vectors = load_vectors(path / WORD_VECTORS) if (path / WORD_VECTORS).is_file() else None
    hp = Hyperparameters(**json.loads((path / "hyperparameters.json").read_text(encoding="utf-8")))
    context = LacEncoder(path / CONTEXT_ENCODER) if hp.context_width else None
    vocab = Vocabulary(**json.loads((path / "vocab.json").read_text(encoding="utf-8")), vectors=vectors,
                       context=context)
    members = []
    for weights in sorted(path.glob("member-*.pt")):
        member = BiLstmCrf(vocab, hp)
        state = expand(torch.load(weights, weights_only=True))
        missing, unexpected = member.load_state_dict(state, strict=False)
        if unexpected or any(hp.context_tuned or not k.startswith("context.") for k in missing):
            raise ValueError(f"{weights}: weights do not fit the model (missing {missing}, unexpected {unexpected})")
        members.append(member)
    model = members[0] if len(members) == 1 else Ensemble(members)
    model.eval()
    return model


def is_saved(path: Path) -> bool:
    """Vocabulary, weights and, when the model reads it, the context encoder are all there."""
    if not ((path / "vocab.json").is_file() and any(path.glob("member-*.pt"))):
        return False
    hp = path / "hyperparameters.json"
    needs_context = hp.is_file() and json.loads(hp.read_text(encoding="utf-8")).get("context_width", 0) > 0
    return not needs_context or (path / CONTEXT_ENCODER).is_file()


def crf_marginals(crf: CRF, emissions: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """P(tag at position | sequence) under the CRF, (batch, length, tags); padding positions are meaningless."""
    batch, length, _ = emissions.shape
    alpha = [crf.start_transitions + emissions[:, 0]]
    for i in range(1, length):
        step = torch.logsumexp(alpha[-1].unsqueeze(2) + crf.transitions.unsqueeze(0), dim=1) + emissions[:, i]
        alpha.append(torch.where(mask[:, i : i + 1], step, alpha[-1]))
    last = mask.sum(1) - 1
    beta = [None] * length
    beta_next = crf.end_transitions.expand(batch, -1)
    for i in range(length - 1, -1, -1):
        if i == length - 1:
            beta[i] = beta_next
            continue
        step = torch.logsumexp(crf.transitions.unsqueeze(0) + (emissions[:, i + 1] + beta[i + 1]).unsqueeze(1), dim=2)
        beta[i] = torch.where((i < last).unsqueeze(1), step, crf.end_transitions.expand(batch, -1))
    alphas, betas = torch.stack(alpha, 1), torch.stack(beta, 1)
    log_z = torch.logsumexp(alphas[torch.arange(batch), last] + crf.end_transitions, dim=1)
    return torch.exp(alphas + betas - log_z[:, None, None])


def collate(items: Sequence[dict[str, np.ndarray]]) -> dict[str, torch.Tensor]:
    """Pad encoded sequences into one batch (length >= 1 each: empty texts are never encoded)."""
    size, length = len(items), max(len(item["chars"]) for item in items)
    batch = {key: torch.zeros(size, length, dtype=torch.long) for key in ("chars", "left", "right", "rules")}
    batch["lexicon"] = torch.zeros(size, length, LEXICON_WIDTH)
    batch["mask"] = torch.zeros(size, length, dtype=torch.bool)
    dense = ["lexicon"]
    if "words" in items[0]:
        batch["words"] = torch.zeros(size, length, items[0]["words"].shape[1])
        dense.append("words")
    if "lac_ids" in items[0]:
        tokens = max(len(item["lac_ids"]) for item in items)
        batch["lac_ids"] = torch.zeros(size, tokens, dtype=torch.long)
        batch["lac_mask"] = torch.zeros(size, tokens, dtype=torch.bool)
        batch["lac_index"] = torch.zeros(size, length, dtype=torch.long)
        for row, item in enumerate(items):
            batch["lac_ids"][row, : len(item["lac_ids"])] = torch.from_numpy(item["lac_ids"])
            batch["lac_mask"][row, : len(item["lac_ids"])] = True
            batch["lac_index"][row, : len(item["lac_index"])] = torch.from_numpy(item["lac_index"])
    for row, item in enumerate(items):
        n = len(item["chars"])
        for key in ("chars", "left", "right", "rules"):
            batch[key][row, :n] = torch.from_numpy(item[key])
        for key in dense:
            batch[key][row, :n] = torch.from_numpy(item[key])
        batch["mask"][row, :n] = True
    return batch
