"""nDCG, MRR and recall against values worked out by hand (peer libraries shipped wrong nDCG)."""

from __future__ import annotations

import math

import pytest

from evals.retrieval.metrics import mrr_at_k, ndcg_at_k, percentile, recall_at_k

# d2 is highly relevant (2), d1 and d9 relevant (1), d3 judged not relevant (0); d9 is never found.
GRADES = {"d1": 1, "d2": 2, "d9": 1, "d3": 0}
RANKED = ["d3", "d1", "d7", "d2"]


def test_ndcg_matches_the_hand_computed_value() -> None:
    # DCG@3  = 0/log2(2) + 1/log2(3) + 0/log2(4)            = 0.63093
    # IDCG@3 = 2/log2(2) + 1/log2(3) + 1/log2(4) (d2,d1,d9) = 3.13093
    assert ndcg_at_k(RANKED, GRADES, 3) == pytest.approx(0.63093 / 3.13093, abs=1e-5)
    assert ndcg_at_k(RANKED, GRADES, 3) == pytest.approx(0.201515, abs=1e-6)
    # At 4, d2 (grade 2) at rank 4 adds 2/log2(5) = 0.86135 → 1.49228 / 3.13093.
    assert ndcg_at_k(RANKED, GRADES, 4) == pytest.approx(0.476626, abs=1e-6)


def test_ndcg_is_one_for_the_ideal_order_and_zero_without_hits() -> None:
    assert ndcg_at_k(["d2", "d1", "d9"], GRADES, 10) == pytest.approx(1.0)
    assert ndcg_at_k(["x", "y"], GRADES, 10) == 0.0
    assert ndcg_at_k(["d1"], {"d1": 0}, 10) == 0.0


def test_ideal_ranking_counts_judged_documents_that_were_not_retrieved() -> None:
    # Only d1 of two relevant documents is found, at rank 1: 1 / (1 + 1/log2(3)).
    assert ndcg_at_k(["d1"], {"d1": 1, "d5": 1}, 10) == pytest.approx(1 / (1 + 1 / math.log2(3)))


def test_mrr_and_recall() -> None:
    assert mrr_at_k(RANKED, GRADES, 10) == pytest.approx(1 / 2)
    assert mrr_at_k(RANKED, GRADES, 1) == 0.0
    assert recall_at_k(RANKED, GRADES, 2) == pytest.approx(1 / 3)
    assert recall_at_k(RANKED, GRADES, 10) == pytest.approx(2 / 3)


def test_percentile_interpolates_like_numpy() -> None:
    values = [10.0, 20.0, 30.0, 40.0]
    assert percentile(values, 50) == pytest.approx(25.0)
    assert percentile(values, 95) == pytest.approx(38.5)
    assert percentile([7.0], 95) == 7.0
