"""A character tokenizer for Chinese that keeps every character, whitespace included, as one token.

spaCy's own ``char`` segmenter aligns words and spaces with ``get_words_and_spaces`` in pure Python; this one
builds the Doc directly (5.0 M against 1.5 M chars/s, bench/segmentation-results.md).
With one token per character, ``doc.text == text`` and every character span is a token span, so rule spans
never fail to align. The tokenizer keeps the text it was given in ``doc.user_data`` (``TEXT_KEY``): the
components read it there (``kg.nlp.components.doc_text``) instead of joining the characters back, three times a
document.
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

TEXT_KEY = "govkg.text"


class CharTokenizer:
    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        doc = Doc(self.vocab, words=list(text), spaces=[False] * len(text))
        doc.user_data[TEXT_KEY] = text
        return doc

    # spaCy serialises tokenizers with the pipeline; there is nothing to save.
    def to_bytes(self, **_kwargs: object) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_kwargs: object) -> CharTokenizer:
        return self

    def to_disk(self, _path: object, **_kwargs: object) -> None:
        return None

    def from_disk(self, _path: object, **_kwargs: object) -> CharTokenizer:
        return self


@registry.tokenizers("govkg.CharTokenizer.v1")
def create_char_tokenizer():
    def make(nlp) -> CharTokenizer:
        return CharTokenizer(nlp.vocab)

    return make
