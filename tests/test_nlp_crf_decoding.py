"""The shipped entity CRF's decoder (kg.nlp.crf.CRFModel._viterbi) against a plain Viterbi: the batched loop, which
reads an I- label's best only from its B- and I- (decisions.md 60), gives the labels of the textbook recursion over
all 17 labels, piece by piece; and a document's labels depend on that document only, however it is batched
(decisions.md 70)."""

from __future__ import annotations

import numpy as np

from kg.annotations import load_split, record_files
from kg.ingest import ingest
from kg.model import Document
from kg.nlp import load_pipeline, recognize
from kg.nlp.components import SPAN_KEY
from kg.nlp.crf import RuleSpan, pieces
from tests.corpus_store import CORPUS, needs_corpus


def reference(model, scores: np.ndarray) -> list[int]:
    """The best path of one piece, every transition considered (ties to the lower label, as argmax), ending on
    the best last label, as crfsuite decodes a sequence."""
    best, back = scores[0] + model.start_allowed, []
    for row in scores[1:]:
        total = best[None, :] + model.transitions.T  # [to, from]
        back.append(total.argmax(axis=1))
        best = total[np.arange(len(best)), back[-1]] + row
    path = [int(best.argmax())]
    for came in reversed(back):
        path.append(int(came[path[-1]]))
    return path[::-1]


def rule_spans(nlp, text: str) -> list[RuleSpan]:
    doc = nlp.get_pipe("govkg_rules")(nlp.make_doc(text))
    return [RuleSpan(s.start_char, s.end_char, s.label_, s.id_) for s in doc.spans[SPAN_KEY]]


def test_the_batched_decoder_finds_the_textbook_best_paths() -> None:
    nlp = load_pipeline()
    model = nlp.get_pipe("govkg_learned_entities").model
    records = dict(sorted(load_split("train").items())[:3])
    with record_files(records) as files:
        texts = [ingest(files[doc_id]).norm[:6000] for doc_id in sorted(files)]
    documents = [(text, rule_spans(nlp, text)) for text in texts]
    together = model.tag_many(documents)
    compared = 0
    for (text, spans), tagged in zip(documents, together, strict=True):
        assert tagged == model.tag(text, spans)
        scores = model.text_emissions(text, spans)
        labels = model._viterbi(scores, pieces(text), len(text))
        for start, end in pieces(text):
            assert labels[start:end].tolist() == reference(model, scores[start:end])
            compared += end - start
    assert compared > 10000


@needs_corpus
def test_a_documents_labels_do_not_depend_on_its_batch_mates() -> None:
    """Two real reports, and each of their lines as a report of its own (a signature, a document number, a
    heading: texts that end without a full stop): recognised in one batch, or one at a time, every document gets
    the same mentions. The decoder before decisions.md 70 ended a piece shorter than the longest of its batch on
    the best label to be followed by O, so a one-line report's last label changed with its neighbours."""
    nlp = load_pipeline()
    texts = []
    for name in ("01_shenzhen_longhua_fazhi_2019.txt", "03_guowuyuan_xingzheng_zhifa_sanxiang_2018.txt"):
        text = ingest(CORPUS / name).norm
        texts += [text, *(line.strip() for line in text.splitlines() if line.strip())]
    documents = [Document(f"t{i}", f"t{i}.txt", text, text, "", "text/plain", "utf-8")
                 for i, text in enumerate(texts)]
    together = [mentions for _, mentions in recognize(documents, nlp)]
    assert together == [next(recognize([document], nlp))[1] for document in documents]
    model = nlp.get_pipe("govkg_learned_entities").model
    tagged = [(text, rule_spans(nlp, text)) for text in texts]
    assert model.tag_many(tagged) == [model.tag(text, spans) for text, spans in tagged]
    assert sum(map(len, together)) > 200
