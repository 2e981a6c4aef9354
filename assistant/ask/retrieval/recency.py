"""Recency as a boost, not a filter: a candidate's score grows the nearer its article's published
day is to the days the question points at, halving every `half_life_days` away from them. A
question without a time phrase points at the newest day among its most relevant candidates: of
two versions of a story, the later one is favoured, however old both are.

The boost multiplies the fused score (`score · (1 + weight · ½^(distance / half_life))`), so it
works on any scale (weighted fusion's [0, 1], reciprocal rank's 1/60, raw BM25) and can lift a
close-scoring recent article above an older one, never an unrelated article above a relevant one.
Undated articles are neither lifted nor lowered.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from assistant.ask.retrieval.base import DayWindow

_ANCHOR_CANDIDATES = 10  # an undated question's newest day is read from this many best candidates


@dataclass(frozen=True)
class Recency:
    weight: float
    half_life_days: float

    def boost(
        self,
        ranked: Sequence[tuple[str, float]],
        days_of: Callable[[list[str]], dict[str, str]],
        window: DayWindow | None,
    ) -> list[tuple[str, float]]:
        """`ranked` rescored and re-sorted; `days_of` gives chunk ids' published days;
        `window` None: the newest day among the best candidates."""
        if self.weight <= 0 or not ranked:
            return list(ranked)
        days = days_of([cid for cid, _ in ranked])
        if window is None:
            best = [d for cid, _ in ranked[:_ANCHOR_CANDIDATES] if (d := days.get(cid))]
            if not best:
                return list(ranked)
            window = DayWindow(max(best)[:10], max(best)[:10])
        first, last = date.fromisoformat(window.first), date.fromisoformat(window.last)
        rescored = []
        for cid, score in ranked:
            day = _day(days.get(cid))
            if day is None:
                rescored.append((cid, score))
                continue
            distance = (first - day).days if day < first else max(0, (day - last).days)
            lift = self.weight * 0.5 ** (distance / self.half_life_days)
            rescored.append((cid, score * (1.0 + lift)))
        return sorted(rescored, key=lambda pair: pair[1], reverse=True)


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None
