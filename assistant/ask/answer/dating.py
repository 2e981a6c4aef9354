"""Saying when: an answer about a figure that changes ("how many", "how much", "the latest …")
names the date of the report it quotes first, so a reader knows which version it states."""

from __future__ import annotations

import re
from datetime import date

from assistant.schema import Citation

_CHANGING = re.compile(
    r"\bhow\s+(many|much|high|low|far|long)\b"
    r"|\b(latest|current|currently|now|so far|to date|still)\b"
    r"|\bwhat\s+(is|was|are|were)\s+the\s+(\w+\s+)?"
    r"(number|total|cost|price|rate|toll|count|figure|amount|estimate|tally|score|share|level)\b",
    re.IGNORECASE,
)


def dated_lead(question: str, citations: list[Citation]) -> str | None:
    """ "As of the Feb. 20, 2025 report (River Times):" when the question asks for a changing
    figure and the first cited article is dated; None otherwise."""
    if not citations or not _CHANGING.search(question) or not citations[0].published:
        return None
    first = citations[0]
    try:
        day = date.fromisoformat(str(first.published)[:10])
    except ValueError:
        return None
    return f"As of the {_spoken(day)} report ({first.source}):"


def _spoken(day: date) -> str:
    month = day.strftime("%B")
    short = month if len(month) <= 4 else month[:3] + "."  # AP style: March, May, June, July
    return f"{short} {day.day}, {day.year}"


def with_date(question: str, text: str, citations: list[Citation]) -> str:
    """The answer text, led by the date of its report when the question asks for one."""
    lead = dated_lead(question, citations)
    return f"{lead} {text}" if lead else text
