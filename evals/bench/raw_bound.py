"""The raw embedder bound: pre-tokenized, length-sorted chunks through the bare runtime.

Nothing else is timed: no chunking, no tokenizing, no pooling, no storage. This is the most any
ingestion pipeline on this backend could reach, so ours is reported as a share of it. Both of
the runtime's set-ups are tried (one stream for questions, `for_bulk` for ingestion, one caller
thread per stream), with several batch sizes, and the fastest counts.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from index.embedding import load_tokenizer
from index.embedding.encoder_runner import EncoderRunner
from index.embedding.minilm import padded_inputs

SWEEP_BATCHES = (16, 32, 64)
SWEEP_CHUNKS = 256  # a sample long enough to rank batch sizes, short enough to be cheap


@dataclass(frozen=True)
class RawRun:
    batch_size: int
    seconds: float
    tokens: int
    streams: int = 1

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
    """Every batch through `runner`, `runner.streams` at a time."""
    began = time.perf_counter()
    batches = [token_ids[b : b + batch_size] for b in range(0, len(token_ids), batch_size)]

    def one(batch: list[list[int]]) -> None:
        runner(*padded_inputs(batch, [len(row) for row in batch], runner.width_multiple))

    with ThreadPoolExecutor(max_workers=runner.streams) as pool:
        list(pool.map(one, batches))
    return RawRun(
        batch_size,
        time.perf_counter() - began,
        sum(len(t) for t in token_ids),
        runner.streams,
    )


def best_setup(runner: EncoderRunner, token_ids: list[list[int]]) -> tuple[EncoderRunner, int]:
    """The faster of the runtime's two set-ups and the best batch size for it, ranked on an
    evenly spread sample (after one warm-up pass each)."""
    step = max(1, len(token_ids) // SWEEP_CHUNKS)
    sample = token_ids[::step][:SWEEP_CHUNKS]
    speeds: dict[tuple[int, int], float] = {}
    setups = [runner] if runner.for_bulk() is runner else [runner, runner.for_bulk()]
    for index, setup in enumerate(setups):
        run(setup, sample[:64], 32)
        for size in SWEEP_BATCHES:
            speeds[(index, size)] = run(setup, sample, size).tokens_per_second
    index, size = max(speeds, key=speeds.__getitem__)
    return setups[index], size
