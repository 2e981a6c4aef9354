"""The array-built BM25 matrix is bm25s's own, to the last bit."""

from __future__ import annotations

import bm25s
import numpy as np
import pytest

from index.lexical.bm25 import ArrayBM25


def _corpus(seed: int) -> tuple[list[np.ndarray], dict[str, int]]:
    rng = np.random.default_rng(seed)
    vocabulary = 3_000
    docs = [rng.zipf(1.4, size) % vocabulary for size in rng.integers(1, 300, 2_000)]
    docs[7] = np.zeros(0, dtype=np.int64)  # a chunk with no terms at all
    return docs, {f"term{i}": i for i in range(vocabulary)}


@pytest.mark.parametrize("seed", [1, 2])
def test_the_matrix_equals_the_one_bm25s_builds(seed: int) -> None:
    docs, vocab = _corpus(seed)
    ours, theirs = ArrayBM25(k1=1.2, b=0.7), bm25s.BM25(k1=1.2, b=0.7)
    ours.index((docs, dict(vocab)), show_progress=False)
    theirs.index(([d.tolist() for d in docs], dict(vocab)), show_progress=False)
    for key in ("indptr", "indices", "data"):
        assert np.array_equal(ours.scores[key], theirs.scores[key]), key
        assert ours.scores[key].dtype == theirs.scores[key].dtype, key
    assert ours.scores["num_docs"] == theirs.scores["num_docs"]
    query = ["term1", "term5", "term40"]
    assert np.array_equal(ours.get_scores(query), theirs.get_scores(query))


def test_another_scoring_method_is_left_to_bm25s() -> None:
    docs, vocab = _corpus(3)
    ours, theirs = ArrayBM25(method="bm25+"), bm25s.BM25(method="bm25+")
    ours.index((docs, dict(vocab)), show_progress=False)
    theirs.index(([d.tolist() for d in docs], dict(vocab)), show_progress=False)
    assert np.array_equal(ours.scores["data"], theirs.scores["data"])
