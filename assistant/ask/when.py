"""The published days a question points at, read against its as-of day.

"this week" is the seven days up to the as-of day, "last month" the calendar month before its
month, "in March" the latest March not after it, "in 2024" that year. A question with no such phrase
gets None: recency then favours the newest of its most relevant articles ("latest", "now" and
"currently" need nothing more).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from assistant.ask.retrieval.base import DayWindow

_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): n for n, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_RELATIVE = re.compile(
    r"\b(?P<which>this|last|past|previous)\s+(?P<unit>week|month|year)\b"
    r"|\b(?P<day>today|yesterday)\b"
    r"|\b(?P<prep>in|during|since)\s+(?P<month>" + _MONTH + r")\.?"
    r"(?:\s+(?P<month_year>(?:19|20)\d\d))?\b"
    r"|\bin\s+(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def question_window(question: str, as_of: date) -> DayWindow | None:
    """The first time phrase's days, if the question has one."""
    found = _RELATIVE.search(question)
    if found is None:
        return None
    if found["day"]:
        day = as_of if found["day"].lower() == "today" else as_of - timedelta(days=1)
        return _window(day, day)
    if found["unit"]:
        return _unit_window(found["which"].lower(), found["unit"].lower(), as_of)
    if found["month"]:
        month = _MONTHS[found["month"].lower()]
        year = int(found["month_year"]) if found["month_year"] else _latest_year(month, as_of)
        window = _month(year, month)
        if found["prep"].lower() == "since":
            return DayWindow(window.first, as_of.isoformat())
        return window
    year = int(found["year"])
    return _window(date(year, 1, 1), date(year, 12, 31))


def _unit_window(which: str, unit: str, as_of: date) -> DayWindow:
    current = which == "this"
    if unit == "week":
        if current or which == "past":
            return _window(as_of - timedelta(days=6), as_of)
        return _window(as_of - timedelta(days=13), as_of - timedelta(days=7))
    if unit == "month":
        if current:
            return _window(as_of.replace(day=1), as_of)
        if which == "past":
            return _window(as_of - timedelta(days=30), as_of)
        previous = as_of.replace(day=1) - timedelta(days=1)
        return _month(previous.year, previous.month)
    if current:
        return _window(date(as_of.year, 1, 1), as_of)
    if which == "past":
        return _window(as_of - timedelta(days=365), as_of)
    return _window(date(as_of.year - 1, 1, 1), date(as_of.year - 1, 12, 31))


def _latest_year(month: int, as_of: date) -> int:
    return as_of.year if month <= as_of.month else as_of.year - 1


def _month(year: int, month: int) -> DayWindow:
    last = calendar.monthrange(year, month)[1]
    return _window(date(year, month, 1), date(year, month, last))


def _window(first: date, last: date) -> DayWindow:
    return DayWindow(first=first.isoformat(), last=last.isoformat())
