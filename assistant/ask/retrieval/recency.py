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

from llama_index.core.schema import NodeWithScore

from assistant.ask.retrieval.base import DayWindow

RECENCY_LIFT = "recency_lift"  # node metadata: the lift its chunk got (never stored)

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
    ) -> tuple[list[tuple[str, float]], dict[str, float]]:
        """`ranked` rescored and re-sorted, and each dated chunk's lift; `days_of` gives chunk
        ids' published days; `window` None: the newest day among the best candidates."""
        lifts = self.lifts(ranked, days_of, window)
        if not lifts:
            return list(ranked), lifts
        rescored = [(cid, score * (1.0 + lifts.get(cid, 0.0))) for cid, score in ranked]
        return sorted(rescored, key=lambda pair: pair[1], reverse=True), lifts

    def lifts(
        self,
        ranked: Sequence[tuple[str, float]],
        days_of: Callable[[list[str]], dict[str, str]],
        window: DayWindow | None,
    ) -> dict[str, float]:
        if self.weight <= 0 or not ranked:
            return {}
        days = days_of([cid for cid, _ in ranked])
        if window is None:
            best = [d for cid, _ in ranked[:_ANCHOR_CANDIDATES] if (d := days.get(cid))]
            if not best:
                return {}
            window = DayWindow(max(best)[:10], max(best)[:10])
        first, last = date.fromisoformat(window.first), date.fromisoformat(window.last)
        lifts = {}
        for cid, _ in ranked:
            day = _day(days.get(cid))
            if day is not None:
                distance = (first - day).days if day < first else max(0, (day - last).days)
                lifts[cid] = self.weight * 0.5 ** (distance / self.half_life_days)
        return lifts


def mark_lifts(nodes: list[NodeWithScore], lifts: dict[str, float]) -> list[NodeWithScore]:
    """Each node carries its recency lift, so the answerer can weigh its sentences alike."""
    for node in nodes:
        node.node.metadata[RECENCY_LIFT] = lifts.get(node.node.node_id, 0.0)
    return nodes


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None
