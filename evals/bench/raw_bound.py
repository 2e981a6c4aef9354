"""The raw embedder bound: pre-tokenized, length-sorted chunks through the bare runtime.

Nothing else is timed: no chunking, no tokenizing, no pooling, no storage. This is the most any
ingestion pipeline on this backend could reach, so ours is reported as a share of it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from index.embedding import load_tokenizer
from index.embedding.encoder_runner import EncoderRunner

SWEEP_BATCHES = (16, 32, 64)
SWEEP_CHUNKS = 256  # a sample long enough to rank batch sizes, short enough to be cheap


@dataclass(frozen=True)
class RawRun:
    batch_size: int
    seconds: float
    tokens: int

    @property
    def tokens_per_second(self) -> float:
        return self.tokens / self.seconds if self.seconds else 0.0


def tokenize(texts: list[str]) -> list[list[int]]:
    """Token ids as the model gets them (truncated to 256), sorted by length."""
    tokenizer = load_tokenizer(for_model=True)
    tokenizer.no_padding()
    ids = [e.ids for e in tokenizer.encode_batch(texts, add_special_tokens=True)]
    return sorted(ids, key=len)


def run(runner: EncoderRunner, token_ids: list[list[int]], batch_size: int) -> RawRun:
    began = time.perf_counter()
    for begin in range(0, len(token_ids), batch_size):
        batch = token_ids[begin : begin + batch_size]
        width = len(batch[-1])  # sorted: the last is the longest
        ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, row_ids in enumerate(batch):
            ids[row, : len(row_ids)] = row_ids
            mask[row, : len(row_ids)] = 1
        runner(ids, mask)
    return RawRun(batch_size, time.perf_counter() - began, sum(len(t) for t in token_ids))


def best_batch_size(runner: EncoderRunner, token_ids: list[list[int]]) -> int:
    """Rank batch sizes on an evenly spread sample (after one warm-up pass)."""
    step = max(1, len(token_ids) // SWEEP_CHUNKS)
    sample = token_ids[::step][:SWEEP_CHUNKS]
    run(runner, sample[:64], 32)
    speeds = {size: run(runner, sample, size).tokens_per_second for size in SWEEP_BATCHES}
    return max(speeds, key=speeds.__getitem__)
