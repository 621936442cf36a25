"""The pretrained contextual encoder of the statistical NER: Baidu's LAC network run from its published weights
(kg/nlp/lac.py). Its analyses are checked against the output LAC's own README prints for the same sentences."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.nlp.lac import WIDTH, LacEncoder, read_paddle_tensor
from kg.nlp.pipeline import tagger_weights

ROOT = Path(__file__).resolve().parents[1]
CLUENER_TRAIN = ROOT.parent / "shared" / "benchmarks" / "cluener2020" / "train.json"
SHIPPED = tagger_weights() / "lac.npz"


@pytest.fixture(scope="module")
def lac() -> LacEncoder:
    return LacEncoder(SHIPPED)


def test_lac_port_gives_the_analyses_lacs_readme_prints(lac: LacEncoder) -> None:
    """LAC 2.1.2's README: 百度是一家高科技公司 -> [百度, 是, 一家, 高科技, 公司] / [ORG, v, m, n, n] and
    LAC是个优秀的分词工具 -> [LAC, 是, 个, 优秀, 的, 分词, 工具] / [nz, v, q, a, u, n, n]. A wrong gate order,
    weight layout or transition orientation in the port gives other words and tags."""
    assert lac.tags("百度是一家高科技公司") == [("百度", "ORG"), ("是", "v"), ("一家", "m"), ("高科技", "n"),
                                              ("公司", "n")]
    assert lac.tags("LAC是个优秀的分词工具") == [("LAC", "nz"), ("是", "v"), ("个", "q"), ("优秀", "a"),
                                                ("的", "u"), ("分词", "n"), ("工具", "n")]


def test_lac_finds_government_bodies_in_real_report_text(lac: LacEncoder) -> None:
    """A sentence of seed 000: the bodies LAC tags ORG are whole agencies, not fragments."""
    text = "益阳市行政审批服务局深入推进“一件事一次办”改革"
    words = dict(lac.tags(text))
    assert words.get("益阳市行政审批服务局") == "ORG"


def test_lac_features_cover_every_character_in_batches(lac: LacEncoder) -> None:
    """One row per character (a dictionary word's characters share its token's state), the same whether a text
    is encoded alone or in a batch with longer ones (padding must not leak into the reverse pass)."""
    texts = ["国务院办公厅印发通知", "深圳市2023年GDP增长", "益陽市行政審批服務局", "院"]
    batch = lac.features(texts)
    for text, features in zip(texts, batch, strict=True):
        assert features.shape == (len(text), WIDTH)
        assert np.allclose(features, lac.features([text])[0], atol=1e-5)
    ids, widths = lac.token_ids(texts[0])
    assert sum(widths) == len(texts[0]) and len(ids) < len(texts[0])  # some words are single tokens
    first = widths[0]
    assert first > 1 and np.array_equal(batch[0][0], batch[0][first - 1])


def test_paddle_tensor_format_is_read_by_its_header() -> None:
    """paddle's LoDTensor file: version, LoD levels, tensor version, a TensorDesc protobuf (dtype, dims), data."""
    values = np.arange(6, dtype="<f4").reshape(2, 3)
    desc = bytes([0x08, 0x05, 0x10, 0x02, 0x10, 0x03])  # data_type FP32 (5); dims 2, 3 (unpacked)
    raw = struct.pack("<IQIi", 0, 0, 0, len(desc)) + desc + values.tobytes()
    assert np.array_equal(read_paddle_tensor(raw), values)
    packed = bytes([0x08, 0x05, 0x12, 0x02, 0x02, 0x03])  # dims packed
    raw = struct.pack("<IQIi", 0, 0, 0, len(packed)) + packed + values.tobytes()
    assert read_paddle_tensor(raw).shape == (2, 3)
    with pytest.raises(ValueError, match="LoD"):
        read_paddle_tensor(struct.pack("<IQ", 0, 1) + b"\0" * 16)


@pytest.mark.skipif(not CLUENER_TRAIN.is_file(), reason="../shared/benchmarks is not beside this checkout")
def test_kg_train_with_lac_ships_the_encoder_with_the_weights(tmp_path: Path) -> None:
    small = tmp_path / "train.json"
    with open(CLUENER_TRAIN, encoding="utf-8") as source:
        small.write_text("".join(line for _, line in zip(range(200), source, strict=False)), encoding="utf-8")
    out = tmp_path / "weights"
    args = ["train", "--tagger", "--cluener-train", str(small), "--no-silver", "--epochs", "1", "--out", str(out)]
    for tuned in (False, True):
        result = CliRunner().invoke(app, [*args, "--lac", str(SHIPPED), *(["--tune-lac"] if tuned else [])])
        assert result.exit_code == 0, result.output
        import torch

        from kg.nlp.bilstm_crf import load

        model = load(out)
        assert model.hp.context_width == WIDTH and model.hp.context_tuned == tuned and (out / "lac.npz").is_file()
        assert model.vocab.context.tags("百度是一家高科技公司")[0] == ("百度", "ORG")
        saved = torch.load(out / "member-0.pt", weights_only=True)
        # LAC's layers travel with a member only when they were tuned; else they are lac.npz's, unchanged
        assert any(name.startswith("context.") for name in saved) == tuned
        original = LacEncoder(SHIPPED).network.layers["gru_0_w_0"]
        assert torch.equal(model.context.layers["gru_0_w_0"], original) != tuned


def test_saved_weights_are_int8_matrices_within_a_step_of_their_values() -> None:
    import torch

    from kg.nlp.bilstm_crf import QUANTISED, compact, expand

    state = {"embed.weight": torch.randn(300, 50), "lstm.bias": torch.randn(800), "small": torch.randn(4, 4)}
    saved = compact(state)
    assert saved["embed.weight" + QUANTISED].dtype == torch.int8 and saved["lstm.bias"].dtype == torch.float16
    restored = expand(saved)
    assert set(restored) == set(state)
    step = state["embed.weight"].abs().amax(dim=1, keepdim=True) / 127
    assert ((restored["embed.weight"] - state["embed.weight"]).abs() <= step * 0.51 + 1e-3).all()
    assert torch.allclose(restored["lstm.bias"], state["lstm.bias"], atol=1e-2)
