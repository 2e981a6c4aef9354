"""Choosing summary sentences: central, not repeated, spread over the text; prose only."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.ask.answer.central import centrality, choose, part_of
from assistant.ask.answer.summary import summary_worthy


def unit(*rows: list[float]) -> np.ndarray:
    vectors = np.array(rows, dtype=np.float32)
    normed: np.ndarray = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    return normed


def test_the_sentence_nearest_the_mean_is_the_most_central() -> None:
    vectors = unit([1, 0.1, 0], [1, 0, 0.1], [0.2, 1, 0], [0.9, 0.3, 0.2])
    assert int(np.argmax(centrality(vectors))) in {0, 1, 3}
    assert int(np.argmin(centrality(vectors))) == 2


def test_a_near_duplicate_of_a_chosen_sentence_is_never_chosen() -> None:
    vectors = unit([1, 0, 0], [1, 0.01, 0], [0, 1, 0])
    picks = choose(vectors, np.array([0.9, 0.89, 0.5]), [0, 0, 0], 2)
    assert [p.index for p in picks] == [0, 2]


def test_picks_spread_over_the_parts_of_the_text() -> None:
    vectors = unit([1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1])
    worth = np.array([0.80, 0.79, 0.75, 0.70])
    picks = choose(vectors, worth, [0, 0, 1, 2], 3)
    assert sorted(p.index for p in picks) == [0, 2, 3]  # not the second of part 0


def test_parts_are_equal_thirds_of_the_text() -> None:
    assert [part_of(start, 300) for start in (0, 99, 100, 199, 200, 299, 400)] == [
        0, 0, 1, 1, 2, 2, 2,
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Highlights",
        "The CCP’s Growing Role in Corporate Operations",
        "17 key tasks",
        "The initiative aims to micromanage corporate decisions through:",
        "Good corporate goals to benefit shareholders, right?",
        "Leave a Reply",
        "Sign up for our newsletter to get the latest news every morning.",
    ],
)
def test_headings_fragments_questions_and_page_furniture_are_left_out(text: str) -> None:
    assert not summary_worthy(text)


def test_a_full_sentence_is_summary_worthy() -> None:
    assert summary_worthy("Baogang Group launches a new corporate reform campaign.")
