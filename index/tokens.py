"""One tokenizer pass per document, shared by the chunker and the embedder.

Tokenizing costs about 1.4 µs a token here, and an ingest did it twice over: the chunker measured
every sentence, then the embedder tokenized every chunk again. Now the document is tokenized once.
A span of it that starts and ends at whitespace holds exactly the tokens the tokenizer gives that
span on its own: BERT's normalizer works character by character and its pre-tokenizer splits at
whitespace, so no token crosses such a boundary and none depends on what lies outside. Counting a
span's tokens is then two bisections, and a chunk's model input is a slice. A span cut inside a
word is tokenized on its own, as before.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

import numpy as np
from tokenizers import Encoding, Tokenizer

# Larger texts are measured piece by piece instead: one pass keeps three numbers per token, and a
# 50 MB upload would hold hundreds of MB of them.
SHARED_PASS_MAX_CHARS = 2_000_000
_TRIES = 4  # occurrences of a piece looked at before tokenizing it on its own


@dataclass(frozen=True)
class Encoded:
    """A text as the model reads it: token ids and each token's character span in the text."""

    ids: np.ndarray  # int64 (n,)
    offsets: np.ndarray  # int64 (n, 2); (0, 0) for [CLS] and [SEP]

    @classmethod
    def of(cls, encoding: Encoding) -> Encoded:
        """The ids and offsets of one of the tokenizer's encodings."""
        return cls(
            ids=np.array(encoding.ids, dtype=np.int64),
            offsets=np.array(encoding.offsets, dtype=np.int64).reshape(-1, 2),
        )

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class ModelLimits:
    """What the model's tokenizer adds around a text: its special tokens and its length cap."""

    max_tokens: int
    cls: int
    sep: int


class DocumentTokens:
    """A document's tokens with their character offsets (no special tokens, no truncation)."""

    def __init__(self, text: str, tokenizer: Tokenizer) -> None:
        # `encode_batch` lets go of the GIL while it works (`encode` does not): the embedding
        # stream's threads run on while a long document is tokenized.
        tokens = Encoded.of(tokenizer.encode_batch([text], add_special_tokens=False)[0])
        self.text = text
        self._ids, self._offsets = tokens.ids, tokens.offsets
        self._starts: list[int] = self._offsets[:, 0].tolist()  # bisect is fastest on a list
        self._hint = 0  # where the last piece was found: the splitter's pieces come in order

    def count(self, piece: str) -> int | None:
        """How many tokens `piece` has, if it is a whitespace-bounded piece of the text."""
        start = self.text.find(piece, self._hint)
        if start < 0:
            start = self.text.find(piece)
        for _ in range(_TRIES):  # a short piece may first turn up inside a longer word
            if start < 0:
                return None
            span = self._span(start, start + len(piece))
            if span is not None:
                self._hint = start
                return span[1] - span[0]
            start = self.text.find(piece, start + 1)
        return None

    def model_input(
        self, title: DocumentTokens, start: int, end: int, *, limits: ModelLimits
    ) -> Encoded | None:
        """The tokens of `title.text + "\\n" + text[start:end]` exactly as the model's tokenizer
        gives them ([CLS] first, [SEP] last, at most `limits.max_tokens`), or None if the span
        cuts a word."""
        span = self._span(start, end)
        if span is None:
            return None
        content = limits.max_tokens - 2  # truncation keeps the first tokens, then adds the marks
        room = max(0, content - len(title._ids))
        first, last = span[0], min(span[1], span[0] + room)
        marker = np.zeros((1, 2), dtype=np.int64)
        return Encoded(
            ids=np.concatenate(
                [[limits.cls], title._ids[:content], self._ids[first:last], [limits.sep]]
            ).astype(np.int64),
            offsets=np.concatenate(
                [
                    marker,
                    title._offsets[:content],
                    self._offsets[first:last] + (len(title.text) + 1 - start),
                    marker,
                ]
            ),
        )

    def _span(self, start: int, end: int) -> tuple[int, int] | None:
        """The tokens lying in [start, end), or None when either end cuts a word."""
        if not (self._at_boundary(start) and self._at_boundary(end)):
            return None
        return bisect_left(self._starts, start), bisect_left(self._starts, end)

    def _at_boundary(self, at: int) -> bool:
        text = self.text
        return at <= 0 or at >= len(text) or text[at - 1].isspace() or text[at].isspace()
