"""Fusion arithmetic, checked by hand."""

from __future__ import annotations

import pytest

from assistant.ask.retrieval.fusion import reciprocal_rank, weighted_scores

VECTOR = [("a", 0.9), ("b", 0.8), ("c", 0.1)]
BM25 = [("c", 12.0), ("a", 3.0)]


def test_reciprocal_rank_sums_weighted_inverse_ranks() -> None:
    fused = dict(reciprocal_rank([VECTOR, BM25], [0.5, 0.5], k=60))
    assert fused["a"] == pytest.approx(0.5 / 61 + 0.5 / 62)
    assert fused["b"] == pytest.approx(0.5 / 62)
    assert fused["c"] == pytest.approx(0.5 / 63 + 0.5 / 61)
    assert [item for item, _ in reciprocal_rank([VECTOR, BM25], [0.5, 0.5], k=60)] == [
        "a",
        "c",
        "b",
    ]


def test_reciprocal_rank_weights_tip_the_order() -> None:
    lexical_heavy = reciprocal_rank([VECTOR, BM25], [0.1, 0.9], k=60)
    assert lexical_heavy[0][0] == "c"


def test_weighted_scores_scale_each_list_to_unit_range() -> None:
    fused = dict(weighted_scores([VECTOR, BM25], [0.5, 0.5]))
    # vector: a 1.0, b 0.875, c 0.0; bm25: c 1.0, a 0.0 (the lowest hit of a list scales to 0).
    assert fused == pytest.approx({"a": 0.5, "b": 0.4375, "c": 0.5})


def test_a_list_of_equal_scores_counts_fully_and_an_empty_list_not_at_all() -> None:
    assert dict(weighted_scores([[("x", 2.0), ("y", 2.0)], []], [0.7, 0.3])) == pytest.approx(
        {"x": 0.7, "y": 0.7}
    )
