"""The raw bound runs the bare runtime on pre-tokenized, length-sorted chunks."""

from __future__ import annotations

from pathlib import Path

from evals.bench import raw_bound
from index.embedding.backends import open_runner


def test_tokenize_sorts_by_length_and_truncates_to_the_window() -> None:
    ids = raw_bound.tokenize(["a much longer text " * 200, "short", "a bit longer text"])
    assert [len(i) for i in ids] == sorted(len(i) for i in ids)
    assert len(ids[-1]) == 256


def test_a_run_counts_every_token_and_the_sweep_picks_a_tried_size(tmp_path: Path) -> None:
    runner, _ = open_runner("int8", tmp_path)
    ids = raw_bound.tokenize([f"Passage {i} about the harbour." for i in range(40)])
    measured = raw_bound.run(runner, ids, 16)
    assert measured.tokens == sum(len(i) for i in ids)
    assert measured.tokens_per_second > 0
    setup, size = raw_bound.best_setup(runner, ids)
    assert setup is runner  # onnxruntime has one set-up
    assert size in raw_bound.SWEEP_BATCHES
