"""Time phrases read against the as-of day; a question without one points nowhere in particular."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.ask.retrieval.base import DayWindow
from assistant.ask.when import question_window

AS_OF = date(2025, 3, 5)  # a Wednesday


@pytest.mark.parametrize(
    ("question", "first", "last"),
    [
        ("What happened this week in Kentucky?", "2025-02-27", "2025-03-05"),
        ("Who won last week?", "2025-02-20", "2025-02-26"),
        ("What did the council decide yesterday?", "2025-03-04", "2025-03-04"),
        ("What is on the agenda today?", "2025-03-05", "2025-03-05"),
        ("How many jobs were added last month?", "2025-02-01", "2025-02-28"),
        ("What changed this month?", "2025-03-01", "2025-03-05"),
        ("What happened in March?", "2025-03-01", "2025-03-31"),
        ("What happened in May?", "2024-05-01", "2024-05-31"),  # the latest May before it
        ("What happened in March 2024?", "2024-03-01", "2024-03-31"),
        ("How much has it risen since Feb. 2024?", "2024-02-01", "2025-03-05"),
        ("Who won the title in 2023?", "2023-01-01", "2023-12-31"),
        ("What did they say last year?", "2024-01-01", "2024-12-31"),
    ],
)
def test_time_phrases_become_the_days_they_name(question: str, first: str, last: str) -> None:
    assert question_window(question, AS_OF) == DayWindow(first, last)


@pytest.mark.parametrize(
    "question",
    [
        "How many action points does the campaign have?",
        "What is the latest figure?",
        "Who currently leads the polls?",
    ],
)
def test_a_question_without_a_time_phrase_names_no_days(question: str) -> None:
    assert question_window(question, AS_OF) is None
