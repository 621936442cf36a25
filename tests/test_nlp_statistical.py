"""The statistical NER layer: CLUENER2020 reading and scoring, BIO decoding, and the shipped tagger adding spans
only where the rules found nothing, on real text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.ingest import ingest
from kg.nlp import load_pipeline, recognize
from kg.nlp.cluener import read_cluener, score_spans
from kg.nlp.statistical import bio_spans, rule_tags
from kg.nlp.train import bio_tags

ROOT = Path(__file__).resolve().parents[1]
CLUENER_DEV = ROOT.parent / "shared" / "benchmarks" / "cluener2020" / "dev.json"


def test_cluener_offsets_are_inclusive_and_labels_mapped(tmp_path: Path) -> None:
    # the first line of CLUENER2020 dev, as published
    line = {
        "text": "彭小军认为，国内银行现在走的是台湾的发卡模式，先通过跑马圈地再在圈的地里面选择客户，",
        "label": {"address": {"台湾": [[15, 16]]}, "name": {"彭小军": [[0, 2]]}, "game": {"x": [[0, 0]]}},
    }
    path = tmp_path / "dev.json"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    (example,) = read_cluener(path)
    assert sorted(example.spans) == [(0, 3, "Person"), (15, 17, "Place")]
    assert example.text[15:17] == "台湾"


def test_cluener_bad_line_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "dev.json"
    path.write_text('{"text": "国务院"}\n{not json\n', encoding="utf-8")
    with pytest.raises(Exception, match=r"dev\.json.*line 2"):
        list(read_cluener(path))


def test_score_spans_needs_exact_span_and_label() -> None:
    gold = [((0, 3, "Agency"), (5, 7, "Place"))]
    predicted = [[(0, 3, "Agency"), (5, 8, "Place"), (9, 10, "Person")]]
    counts = score_spans(gold, predicted)
    assert (counts["Agency"].tp, counts["Place"].fp, counts["Place"].fn, counts["Person"].fp) == (1, 1, 1, 1)


def test_bio_round_trip_and_stray_inside_tags() -> None:
    tags = bio_tags(10, [(0, 3, "Agency"), (4, 6, "Person"), (1, 2, "Place")])  # the nested Place is dropped
    assert tags[:7] == ["B-Agency", "I-Agency", "I-Agency", "O", "B-Person", "I-Person", "O"]
    assert [s[:3] for s in bio_spans(tags)] == [(0, 3, "Agency"), (4, 6, "Person")]
    assert [s[:3] for s in bio_spans(["I-Place", "I-Place", "B-Agency", "I-Person"])] == [
        (0, 2, "Place"),
        (2, 3, "Agency"),
        (3, 4, "Person"),
    ]


def test_tagger_only_fills_gaps_and_keeps_offsets() -> None:
    paths = [ROOT / "seeds" / "002_51acc513f15262cb.txt", ROOT / "seeds" / "003_800e7386b3b145c4.txt"]
    documents = [ingest(p) for p in paths]
    rules = {d.doc_id: ms for d, ms in recognize(documents, load_pipeline())}
    both = {d.doc_id: (d, ms) for d, ms in recognize(documents, load_pipeline(statistical=True))}
    contribution = set()
    for doc_id, (document, mentions) in both.items():
        ruled = {(m.start, m.end, m.label) for m in rules[doc_id]}
        added = [m for m in mentions if m.source == "model.tagger"]
        contribution |= {(doc_id[:3], m.start, m.text, m.label) for m in added}
        assert {(m.start, m.end, m.label) for m in mentions if m.source != "model.tagger"} == ruled
        for m in added:
            assert document.text[m.start : m.end] == m.text
            assert 0.0 <= m.confidence <= 1.0
            assert not any(s < m.end and m.start < e for s, e, _ in ruled)
    # what the tagger adds today, read in the text: 充分发挥党委领导、人大监督、政府实施的法治… (监利), where the
    # rules know no 人大 without its place; nothing in 防城港's report
    text = both["002_51acc513f15262cb"][0].text
    assert contribution == {("002", text.index("人大监督"), "人大", "Agency")}


@pytest.mark.skipif(not CLUENER_DEV.is_file(), reason="../shared/benchmarks is not beside this checkout")
def test_kg_eval_cluener_prints_government_scores_for_four_systems() -> None:
    result = CliRunner().invoke(app, ["eval", "--cluener", "--cluener-file", str(CLUENER_DEV)])
    assert result.exit_code == 0, result.output
    for system in ("rules", "model", "rules+model", "model+rules"):
        assert f"dev.json: {system}" in result.output
    assert result.output.count("Agency (government)") == 4


@pytest.mark.skipif(not CLUENER_DEV.is_file(), reason="../shared/benchmarks is not beside this checkout")
def test_kg_train_writes_weights_the_pipeline_loads(tmp_path: Path) -> None:
    """One short epoch on 300 CLUENER sentences and one seed: the command runs end to end and its weights load."""
    small = tmp_path / "train.json"
    with open(CLUENER_DEV.parent / "train.json", encoding="utf-8") as source:
        small.write_text("".join(line for _, line in zip(range(300), source, strict=False)), encoding="utf-8")
    out = tmp_path / "weights"
    seed = ROOT / "seeds" / "004_c1d22c4bd29ea185.txt"
    args = ["train", "--tagger", "--cluener-train", str(small), "--silver", str(seed), "--epochs", "1",
            "--out", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "best epoch 1/1" in result.output
    assert (out / "member-0.pt").is_file() and (out / "vocab.json").is_file()
    from kg.nlp.pipeline import TAGGER, untrained_pipeline

    nlp = untrained_pipeline()
    nlp.get_pipe(TAGGER).from_disk(out, exclude=["vocab"])
    doc = nlp("益阳市行政审批服务局推进“一件事一次办”改革")
    assert len(doc) == len("益阳市行政审批服务局推进“一件事一次办”改革") and all(t.tag_ for t in doc)


def test_lexicon_flags_mark_dictionary_words_by_group() -> None:
    """jieba's dictionary knows 最高人民法院 as an organisation (nt) and 深圳 as a place (ns)."""
    from kg.nlp.bilstm_crf import lexicon_features

    text = "深圳市最高人民法院"
    flags = lexicon_features(text)
    organisation_begin, organisation_end, place_begin = 0, 2, 4
    assert flags[3, organisation_begin] == 1 and flags[8, organisation_end] == 1
    assert flags[4:8, organisation_begin + 1].all()  # 高人民法 inside the word
    assert flags[0, place_begin] == 1 and flags[3, place_begin] == 0


def test_crf_marginals_match_brute_force_enumeration() -> None:
    """Forward-backward marginals of a small random CRF equal the sums over every tag path, padding included."""
    import itertools

    import torch
    from torchcrf import CRF

    from kg.nlp.bilstm_crf import crf_marginals

    torch.manual_seed(3)
    crf = CRF(3, batch_first=True)
    for p in crf.parameters():
        torch.nn.init.normal_(p)
    emissions = torch.randn(2, 4, 3)
    mask = torch.tensor([[1, 1, 1, 1], [1, 1, 0, 0]], dtype=torch.bool)
    marginals = crf_marginals(crf, emissions, mask)
    for row, length in enumerate((4, 2)):
        expected = torch.zeros(length, 3)
        paths = list(itertools.product(range(3), repeat=length))
        scores = []
        for path in paths:
            score = crf.start_transitions[path[0]] + crf.end_transitions[path[-1]]
            score = score + sum(emissions[row, i, t] for i, t in enumerate(path))
            score = score + sum(crf.transitions[a, b] for a, b in itertools.pairwise(path))
            scores.append(score)
        weights = torch.softmax(torch.stack(scores), 0)
        for weight, path in zip(weights, paths, strict=True):
            for i, t in enumerate(path):
                expected[i, t] += weight
        assert torch.allclose(marginals[row, :length], expected.detach(), atol=1e-5)


def test_prefer_model_replaces_overlapping_rule_spans_only_of_its_labels() -> None:
    """With prefer_model the tagger's Agency/Person/Place/Organization spans win over the rules' where they
    overlap; the rules' laws and reforms stay."""
    text = "益阳市行政审批服务局深入学习《中华人民共和国民法典》，推进“一件事一次办”改革。"
    gap = load_pipeline(statistical=True)(text)
    first = load_pipeline(statistical=True, prefer_model=True)(text)
    for doc in (gap, first):
        assert {(e.text, e.label_) for e in doc.ents} >= {("中华人民共和国民法典", "Law"), ("一件事一次办", "Reform")}
    model_spans = {(e.start, e.end, e.label_) for e in first.ents if e.id_ == "model.tagger"}
    assert all(label in {"Agency", "Person", "Place", "Organization"} for _, _, label in model_spans)
    for ent in first.ents:
        if ent.id_ != "model.tagger" and ent.label_ in {"Agency", "Person", "Place", "Organization"}:
            assert not any(s < ent.end and ent.start < e for s, e, _ in model_spans)
    assert rule_tags(gap)[:2] in (["B-Agency", "I-Agency"], ["B-Place", "I-Place"])


def _word2vec_binary(path: Path, vectors: dict[str, list[float]]) -> Path:
    """A file in word2vec's binary format, as synonyms' words.vector is written."""
    import numpy as np

    width = len(next(iter(vectors.values())))
    with open(path, "wb") as handle:
        handle.write(f"{len(vectors)} {width}\n".encode())
        for word, vector in vectors.items():
            handle.write(word.encode("utf-8") + b" " + np.asarray(vector, dtype="<f4").tobytes() + b"\n")
    return path


def test_word_vectors_keep_chinese_words_quantised(tmp_path: Path) -> None:
    """Extraction keeps Chinese words (not markup tokens such as 'org'), each within int8 rounding of its value."""
    import numpy as np

    from kg.nlp.word_vectors import extract, load

    source = {"</s>": [0.5, 0.5, 0.5], "org": [1, 2, 3], "国务院": [0.25, -1.0, 0.125], "院": [0.0, 0.3, -0.03]}
    vectors = load(extract(_word2vec_binary(tmp_path / "words.vector", source), tmp_path / "wv.npz"))
    assert set(vectors.words) == {"国务院", "院"}
    for word in vectors.words:
        assert np.allclose(vectors.vector(word), source[word], atol=max(map(abs, source[word])) / 127)


def test_softlexicon_features_average_the_words_by_position(tmp_path: Path) -> None:
    """Each character gets the mean vector of the dictionary words it begins, runs through and ends."""
    import numpy as np

    from kg.nlp.word_vectors import extract, load

    source = {"国务院": [1.0, 0.0], "办公厅": [0.0, 1.0], "国务院办公厅": [1.0, 1.0], "务院": [-1.0, -1.0]}
    vectors = load(extract(_word2vec_binary(tmp_path / "words.vector", source), tmp_path / "wv.npz"))
    features = vectors.features("国务院办公厅印发")  # 8 characters x (B, M, E) x 2
    begin, middle, end = features[:, 0:2], features[:, 2:4], features[:, 4:6]
    assert np.allclose(begin[0], [1.0, 0.5])  # 国务院, 国务院办公厅
    assert np.allclose(begin[1], [-1.0, -1.0]) and np.allclose(end[2], [0.0, -0.5])  # 务院; 国务院 and 务院
    assert np.allclose(middle[1], [1.0, 0.5]) and np.allclose(middle[3], [1.0, 1.0])
    assert np.allclose(end[5], [0.5, 1.0])  # 办公厅, 国务院办公厅
    assert not features[6:].any()  # 印发 is not in this dictionary


def test_shipped_tagger_carries_its_pretrained_vectors() -> None:
    """The word vectors ship beside the weights (nothing is fetched at run time) and know common body names."""
    from kg.nlp.bilstm_crf import load
    from kg.nlp.pipeline import tagger_weights

    model = load(tagger_weights())
    assert model.vocab.vectors is not None
    assert all(model.vocab.vectors.vector(word) is not None for word in ("国务院", "公安局", "人民法院", "深圳"))
    # and its contextual encoder, LAC, kept as Baidu trained it
    hp = model.members[0].hp
    assert model.vocab.context is not None and hp.context_width > 0 and not hp.context_tuned
    # everything it loads ships with the package, within the 30 MB budget
    assert sum(f.stat().st_size for f in tagger_weights().iterdir()) < 30_000_000


@pytest.mark.skipif(not CLUENER_DEV.is_file(), reason="../shared/benchmarks is not beside this checkout")
def test_kg_train_with_word_vectors_ships_them_with_the_weights(tmp_path: Path) -> None:
    small = tmp_path / "train.json"
    with open(CLUENER_DEV.parent / "train.json", encoding="utf-8") as source:
        small.write_text("".join(line for _, line in zip(range(200), source, strict=False)), encoding="utf-8")
    source = _word2vec_binary(tmp_path / "words.vector", {"国务院": [0.1] * 100, "服务局": [0.2] * 100})
    out = tmp_path / "weights"
    args = ["train", "--tagger", "--cluener-train", str(small), "--no-silver", "--epochs", "1", "--out", str(out)]
    result = CliRunner().invoke(app, [*args, "--word-vectors", str(source)])
    assert result.exit_code == 0, result.output
    assert "characters start pretrained" in result.output
    from kg.nlp.bilstm_crf import load

    model = load(out)
    assert model.hp.word_width == 100 and model.vocab.vectors.words == ["国务院", "服务局"]


def test_each_feature_family_can_be_ablated() -> None:
    """bench/ner_ablation.py leaves a family out through the hyperparameters: the LSTM then reads exactly that
    family's width less, and the model still tags."""
    from kg.nlp.bilstm_crf import LEXICON_WIDTH, BiLstmCrf, Hyperparameters, Vocabulary, collate

    text = "益阳市行政审批服务局"
    vocab = Vocabulary.build([text], ["O"], ["O", "B-Agency", "I-Agency"])
    batch = collate([vocab.encode(text, ["O"] * len(text))])
    full = Hyperparameters()
    widths = {
        Hyperparameters(bigram_width=0): 2 * full.bigram_width,
        Hyperparameters(rule_width=0): full.rule_width,
        Hyperparameters(lexicon=False): LEXICON_WIDTH,
    }
    for ablated, width in widths.items():
        model = BiLstmCrf(vocab, ablated)
        assert model.lstm.input_size == BiLstmCrf(vocab, full).lstm.input_size - width
        assert model.emissions(batch).shape == (1, len(text), len(vocab.tags))
