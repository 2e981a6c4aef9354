"""The recency boost: near days lifted, undated articles untouched, relevance still counts."""

from __future__ import annotations

from assistant.ask.retrieval.base import DayWindow
from assistant.ask.retrieval.recency import Recency

DAYS = {"old": "2024-01-10", "new": "2025-02-20", "undated": ""}


def days_of(ids: list[str]) -> dict[str, str]:
    return {cid: DAYS[cid] for cid in ids if DAYS.get(cid)}


def test_the_article_nearest_the_window_overtakes_a_close_older_one() -> None:
    recency = Recency(weight=0.3, half_life_days=14)
    ranked = [("old", 1.0), ("new", 0.9)]
    window = DayWindow("2025-02-15", "2025-02-21")
    assert [cid for cid, _ in recency.boost(ranked, days_of, window)[0]] == ["new", "old"]


def test_without_a_window_the_newest_of_the_best_candidates_is_favoured() -> None:
    recency = Recency(weight=0.3, half_life_days=14)
    boosted = dict(recency.boost([("old", 1.0), ("new", 0.9)], days_of, None)[0])
    assert boosted["new"] == 0.9 * 1.3  # the anchor itself: full lift
    assert boosted["old"] < 1.0 * 1.01  # over a year older: next to none


def test_recency_does_not_lift_an_unrelated_article_over_a_relevant_one() -> None:
    recency = Recency(weight=0.3, half_life_days=14)
    ranked = [("old", 1.0), ("new", 0.5)]
    assert recency.boost(ranked, days_of, DayWindow("2025-02-20", "2025-02-20"))[0][0][0] == "old"


def test_undated_articles_keep_their_score_and_weight_zero_changes_nothing() -> None:
    window = DayWindow("2025-02-20", "2025-02-20")
    boosted = dict(Recency(0.3, 14).boost([("undated", 0.7), ("new", 0.6)], days_of, window)[0])
    assert boosted["undated"] == 0.7
    ranked = [("old", 1.0), ("new", 0.9)]
    assert Recency(0.0, 14).boost(ranked, days_of, window) == (ranked, {})
