"""Judge figures: per sentence, per case, per run, and their spread over repeated runs.

A case's faithfulness is the share of its cited sentences the judge called supported; its
relevance is the judge's 1–5 rating scaled to 0–1. A run's figure is the mean over the cases
that got a known judgement, and the report gives the mean, min–max and standard deviation of
the runs' figures. Unknown replies are left out of every share and counted instead.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from pydantic import BaseModel, computed_field

from evals.judge.verdicts import normalized

ADVISORY = "advisory: rated by a language model; never part of the pass/fail gate"


class SentenceVerdict(BaseModel):
    sentence: str
    markers: list[int]
    supported: bool | None  # None: the reply was not a yes or a no
    reply: str


class CaseJudgement(BaseModel):
    """One run's judgements of one answered case."""

    key: str
    sentences: list[SentenceVerdict]
    rating: int | None  # 1–5; None: the reply was not a rating
    rating_reply: str

    @computed_field  # type: ignore[prop-decorator]
    @property
    def faithfulness(self) -> float | None:
        known = [s.supported for s in self.sentences if s.supported is not None]
        return sum(known) / len(known) if known else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def relevance(self) -> float | None:
        return None if self.rating is None else normalized(self.rating)


class RunJudgement(BaseModel):
    run: int
    cases: list[CaseJudgement]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def faithfulness(self) -> float | None:
        return _mean([c.faithfulness for c in self.cases])

    @computed_field  # type: ignore[prop-decorator]
    @property
    def relevance(self) -> float | None:
        return _mean([c.relevance for c in self.cases])


class Spread(BaseModel):
    """One metric over the runs: `per_run` in run order (None where a run had no judgement)."""

    per_run: list[float | None]
    mean: float | None
    min: float | None
    max: float | None
    stdev: float | None  # population standard deviation of the runs' figures

    def __str__(self) -> str:
        if self.mean is None or self.min is None or self.max is None or self.stdev is None:
            return "n/a"
        runs = sum(v is not None for v in self.per_run)
        return (
            f"{self.mean:.3f} mean · {self.min:.3f}–{self.max:.3f} · sd {self.stdev:.3f} · "
            f"{runs} run{'s' if runs != 1 else ''}"
        )


class Unknown(BaseModel):
    """Replies that were not a verdict, of all the judgements asked for, over every run."""

    support: int
    support_asked: int
    rating: int
    rating_asked: int

    def __str__(self) -> str:
        return (
            f"{self.support}/{self.support_asked} support, {self.rating}/{self.rating_asked} rating"
        )


class JudgeReport(BaseModel):
    """The `judge` section of the JSON report."""

    note: str = ADVISORY
    model: str
    endpoint: str
    runs_requested: int
    judged_cases: int  # answered cases; abstentions and errors have nothing to judge
    faithfulness: Spread
    answer_relevance: Spread
    unknown: Unknown
    error: str | None = None  # the judge failed part-way: only the runs before it count
    runs: list[RunJudgement]


def spread(values: Sequence[float | None]) -> Spread:
    """Mean, range and population standard deviation of the known values."""
    known = [v for v in values if v is not None]
    if not known:
        return Spread(per_run=list(values), mean=None, min=None, max=None, stdev=None)
    return Spread(
        per_run=list(values),
        mean=statistics.fmean(known),
        min=min(known),
        max=max(known),
        stdev=statistics.pstdev(known),
    )


def summarize_judge(
    runs: Sequence[RunJudgement],
    *,
    model: str,
    endpoint: str,
    runs_requested: int,
    judged_cases: int,
    error: str | None = None,
) -> JudgeReport:
    cases = [c for r in runs for c in r.cases]
    sentences = [s for c in cases for s in c.sentences]
    return JudgeReport(
        model=model,
        endpoint=endpoint,
        runs_requested=runs_requested,
        judged_cases=judged_cases,
        faithfulness=spread([r.faithfulness for r in runs]),
        answer_relevance=spread([r.relevance for r in runs]),
        unknown=Unknown(
            support=sum(s.supported is None for s in sentences),
            support_asked=len(sentences),
            rating=sum(c.rating is None for c in cases),
            rating_asked=len(cases),
        ),
        error=error,
        runs=list(runs),
    )


def _mean(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.fmean(known) if known else None
