"""Which sentences summarise a text: the central ones, none repeating another, spread over it.

Centrality is a sentence's cosine to the mean of all the sentences' vectors: what most of the
text is about. Choosing greedily by centrality alone would take the same point three times (an
article's highlights restate its body), so each pick is discounted by its similarity to those
already taken (maximal marginal relevance), and by how many were already taken from the same
part of the text, so the summary covers the beginning, the middle and the end.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np

RELEVANCE_WEIGHT = 0.7  # MMR's λ: worth against redundancy
NEAR_DUPLICATE = 0.85  # a sentence this close to a chosen one says the same thing
PART_PENALTY = 0.1  # per sentence already chosen from the same part of the text
PARTS = 3


@dataclass(frozen=True)
class Pick:
    index: int  # into the candidates given
    score: float  # its worth before discounts (centrality, or centrality and relevance)


def centrality(vectors: np.ndarray) -> np.ndarray:
    """Each (unit) row's cosine to the normalised mean of all rows."""
    mean = vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    if norm == 0:
        return np.zeros(len(vectors), dtype=np.float32)
    scores: np.ndarray = vectors @ (mean / norm)
    return scores


def choose(
    vectors: np.ndarray, worth: np.ndarray, parts: Sequence[Hashable], count: int
) -> list[Pick]:
    """Up to `count` picks, best first: worth, discounted by redundancy and by crowding a part.

    `vectors` are unit rows, `worth` one score per row, `parts` the part of the text each row
    stands in (any label: which document, and which third of it).
    """
    picks: list[Pick] = []
    taken: list[int] = []
    per_part: dict[Hashable, int] = {}
    for _ in range(min(count, len(worth))):
        best, best_value = -1, -np.inf
        for i in range(len(worth)):
            if i in taken:
                continue
            redundancy = float(max(vectors[taken] @ vectors[i])) if taken else 0.0
            if redundancy >= NEAR_DUPLICATE:
                continue
            value = (
                RELEVANCE_WEIGHT * float(worth[i])
                - (1 - RELEVANCE_WEIGHT) * max(redundancy, 0.0)
                - PART_PENALTY * per_part.get(parts[i], 0)
            )
            if value > best_value:
                best, best_value = i, value
        if best < 0:
            break
        taken.append(best)
        per_part[parts[best]] = per_part.get(parts[best], 0) + 1
        picks.append(Pick(index=best, score=float(worth[best])))
    return picks


def part_of(start: int, length: int, parts: int = PARTS) -> int:
    """Which of `parts` equal stretches of a text of `length` characters `start` falls in."""
    if length <= 0:
        return 0
    return min(parts - 1, max(0, start * parts // length))
