"""One call's texts on their way through the model: tokenized, in length-sorted batches (little
padding), padded for the runtime, and pooled back into input order."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from tokenizers import Tokenizer

from index.embedding.pooling import mean_pool, span_vectors, unit
from index.tokens import Encoded

DIMENSIONS = 384
# Texts (or their tokens, `index.tokens`) and each one's spans.
Texts = tuple[Sequence[str | Encoded], Sequence[Sequence[tuple[int, int]]]]


class Group:
    """One call's texts, their batches, and the vectors pooled so far."""

    def __init__(
        self,
        tokenizer: Tokenizer,
        texts: Sequence[str | Encoded],
        spans: Sequence[Sequence[tuple[int, int]]],
        batch_size: int,
    ) -> None:
        self.spans = spans
        self.out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        self.pooled = [np.zeros((len(s), DIMENSIONS), dtype=np.float32) for s in spans]
        self.encodings = _encodings(tokenizer, texts)
        self.lengths = [len(e) for e in self.encodings]
        order = sorted(range(len(texts)), key=self.lengths.__getitem__)
        size = max(1, batch_size)
        self.batches = [order[begin : begin + size] for begin in range(0, len(order), size)]
        self.left = len(self.batches)

    @property
    def result(self) -> tuple[np.ndarray, list[np.ndarray]]:
        return self.out, self.pooled

    def inputs(self, batch: list[int], multiple: int) -> tuple[np.ndarray, np.ndarray]:
        ids = [self.encodings[i].ids for i in batch]
        return padded_inputs(ids, [self.lengths[i] for i in batch], multiple)

    def finish(self, batch: list[int], hidden: np.ndarray, mask: np.ndarray) -> None:
        self.out[batch] = unit(mean_pool(hidden, mask))
        for row, i in enumerate(batch):
            if self.spans[i]:
                self.pooled[i] = span_vectors(
                    hidden[row], self.encodings[i].offsets, self.lengths[i], self.spans[i]
                )
        self.left -= 1


def _encodings(tokenizer: Tokenizer, texts: Sequence[str | Encoded]) -> list[Encoded]:
    """Every text as the model reads it; texts that come tokenized are taken as they are."""
    plain = [text for text in texts if isinstance(text, str)]
    done = iter(tokenizer.encode_batch(plain, add_special_tokens=True) if plain else [])
    return [text if isinstance(text, Encoded) else Encoded.of(next(done)) for text in texts]


def padded_inputs(
    token_ids: Sequence[Sequence[int] | np.ndarray], lengths: list[int], multiple: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """Ids and attention mask, padded to the batch's longest text, rounded up to `multiple`."""
    width = -(-max(lengths) // multiple) * multiple
    ids = np.zeros((len(token_ids), width), dtype=np.int64)
    mask = np.zeros((len(token_ids), width), dtype=np.int64)
    for row, (row_ids, n) in enumerate(zip(token_ids, lengths, strict=True)):
        ids[row, :n] = row_ids[:n]
        mask[row, :n] = 1
    return ids, mask
