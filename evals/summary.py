"""Aggregates over scored cases: the numbers a run is judged by.

Each rate keeps its numerator and denominator, so "100%" of nothing reads as "n/a", not success.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Sequence

from pydantic import BaseModel, computed_field

from evals.scoring import Score


class Rate(BaseModel):
    hits: int
    total: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def __str__(self) -> str:
        if self.value is None:
            return "n/a"
        return f"{self.value:.1%} ({self.hits}/{self.total})"


class Outcome(BaseModel):
    """What the summary needs of one case: its tags, its score and how long it took."""

    tags: list[str]
    abstain_expected: bool
    score: Score
    latency_ms: float | None
    answer_words: int | None = None  # words of the answer text, markers aside; None: no answer
    answer_retrieved: bool | None = None  # the sources' retrieved chunks hold every fact


_MARKER = re.compile(r"\[\d+\]")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def answer_words(text: str) -> int:
    """Words of an answer as a reader counts them: citation markers are not words."""
    return len(_WORD.findall(_MARKER.sub(" ", text)))


class Summary(BaseModel):
    cases: int
    errors: int
    pass_rate: Rate
    fact_recall: Rate
    citation_support: Rate
    citation_validity: Rate
    abstention_precision: Rate
    abstention_recall: Rate
    source_cited: Rate
    retrieval_hit: Rate
    pass_when_retrieved: Rate = Rate(hits=0, total=0)
    # A reader's ceiling: cases whose sources' retrieved chunks hold every expected fact, and the
    # pass rate among them (what reading, not retrieval, loses).
    answer_retrieved: Rate = Rate(hits=0, total=0)
    pass_when_answer_retrieved: Rate = Rate(hits=0, total=0)
    wrong_answers: Rate = Rate(hits=0, total=0)
    answer_words_p50: float | None = None
    top_k: int | None
    latency_p50_ms: float | None
    latency_p95_ms: float | None
    by_tag: dict[str, Rate]


def summarize(outcomes: Sequence[Outcome], *, errors: int = 0, top_k: int | None = None) -> Summary:
    scores = [o.score for o in outcomes]
    abstained = [o for o in outcomes if o.score.abstained]
    should_abstain = [o for o in outcomes if o.abstain_expected]
    with_source = [s for s in scores if s.source_retrieved is not None]
    cited_source = [s for s in scores if s.source_cited is not None]
    latencies = [o.latency_ms for o in outcomes if o.latency_ms is not None]
    retrieved = [s for s in scores if s.source_retrieved]
    expecting = [o.score for o in outcomes if not o.abstain_expected]
    reachable = [o for o in outcomes if o.answer_retrieved is not None]
    reached = [o.score for o in reachable if o.answer_retrieved]
    words = [o.answer_words for o in outcomes if o.answer_words is not None]
    tags = sorted({t for o in outcomes for t in o.tags})
    return Summary(
        cases=len(outcomes),
        errors=errors,
        pass_rate=Rate(hits=sum(s.passed for s in scores), total=len(scores)),
        fact_recall=Rate(
            hits=sum(s.facts_found for s in scores), total=sum(s.facts_expected for s in scores)
        ),
        citation_support=Rate(
            hits=sum(s.facts_supported for s in scores), total=sum(s.facts_found for s in scores)
        ),
        citation_validity=Rate(
            hits=sum(s.citations - len(s.invalid_citations) for s in scores),
            total=sum(s.citations for s in scores),
        ),
        abstention_precision=Rate(
            hits=sum(o.abstain_expected for o in abstained), total=len(abstained)
        ),
        abstention_recall=Rate(
            hits=sum(o.score.abstained for o in should_abstain), total=len(should_abstain)
        ),
        source_cited=Rate(
            hits=sum(bool(s.source_cited) for s in cited_source), total=len(cited_source)
        ),
        retrieval_hit=Rate(
            hits=sum(bool(s.source_retrieved) for s in with_source), total=len(with_source)
        ),
        pass_when_retrieved=Rate(hits=sum(s.passed for s in retrieved), total=len(retrieved)),
        answer_retrieved=Rate(hits=len(reached), total=len(reachable)),
        pass_when_answer_retrieved=Rate(hits=sum(s.passed for s in reached), total=len(reached)),
        wrong_answers=Rate(
            hits=sum(not s.passed and not s.abstained for s in expecting), total=len(expecting)
        ),
        answer_words_p50=statistics.median(words) if words else None,
        top_k=top_k,
        latency_p50_ms=percentile(latencies, 50),
        latency_p95_ms=percentile(latencies, 95),
        by_tag={
            tag: Rate(
                hits=sum(o.score.passed for o in outcomes if tag in o.tags),
                total=sum(tag in o.tags for o in outcomes),
            )
            for tag in tags
        },
    )


def percentile(values: Sequence[float], p: float) -> float | None:
    """Nearest-rank percentile: a value that was actually observed, never an interpolation."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]
