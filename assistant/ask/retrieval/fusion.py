"""Fusing the vector and BM25 rankings into one: reciprocal rank or weighted normalised scores.

Both take one ranking per retriever (best first, with that retriever's own scores) and a weight
per retriever, and return every id with its fused score, best first.
"""

from __future__ import annotations

from collections.abc import Sequence

Ranking = Sequence[tuple[str, float]]  # (id, the retriever's own score), best first


def reciprocal_rank(
    rankings: Sequence[Ranking], weights: Sequence[float], *, k: float
) -> list[tuple[str, float]]:
    """Σ weight / (k + rank): needs no score calibration, only the order of each list."""
    fused: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, (item, _) in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + weight / (k + rank)
    return _best_first(fused)


def weighted_scores(
    rankings: Sequence[Ranking], weights: Sequence[float]
) -> list[tuple[str, float]]:
    """Σ weight · score scaled to [0, 1] within its list (min–max): keeps how far apart hits are.

    An id missing from a list scores 0 there, as if it ranked below that list's last hit.
    """
    fused: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        if not ranking:
            continue
        scores = [score for _, score in ranking]
        low, high = min(scores), max(scores)
        span = high - low
        for item, score in ranking:
            scaled = (score - low) / span if span > 0 else 1.0
            fused[item] = fused.get(item, 0.0) + weight * scaled
    return _best_first(fused)


def _best_first(fused: dict[str, float]) -> list[tuple[str, float]]:
    return sorted(fused.items(), key=lambda pair: pair[1], reverse=True)
