"""Judge figures: unknown replies are left out and counted; runs are spread by mean, range, sd."""

from __future__ import annotations

import pytest

from evals.judge.metrics import (
    CaseJudgement,
    JudgeReport,
    RunJudgement,
    SentenceVerdict,
    spread,
    summarize_judge,
)


def case(*supported: bool | None, rating: int | None = 5, key: str = "d/c1") -> CaseJudgement:
    return CaseJudgement(
        key=key,
        sentences=[
            SentenceVerdict(sentence=f"s{i}", markers=[i], supported=s, reply=str(s))
            for i, s in enumerate(supported, 1)
        ],
        rating=rating,
        rating_reply=str(rating),
    )


def report(*runs: list[CaseJudgement], cases: int = 2) -> JudgeReport:
    return summarize_judge(
        [RunJudgement(run=i, cases=c) for i, c in enumerate(runs, 1)],
        model="m",
        endpoint="e",
        runs_requested=len(runs),
        judged_cases=cases,
    )


def test_a_cases_faithfulness_is_its_supported_share_of_known_verdicts() -> None:
    assert case(True, True, False, None).faithfulness == pytest.approx(2 / 3)
    assert case(True).faithfulness == 1.0
    assert case(None, None).faithfulness is None  # every reply unknown: no figure, not 0
    assert case().faithfulness is None  # no cited sentence


def test_a_cases_relevance_is_its_rating_scaled_or_unknown() -> None:
    assert case(rating=4).relevance == 0.75
    assert case(rating=None).relevance is None


def test_a_runs_figure_is_the_mean_over_cases_with_a_known_value() -> None:
    run = RunJudgement(
        run=1, cases=[case(True, False, rating=5), case(True, rating=None), case(None, rating=1)]
    )
    assert run.faithfulness == pytest.approx((0.5 + 1.0) / 2)
    assert run.relevance == pytest.approx((1.0 + 0.0) / 2)


def test_the_spread_is_mean_range_and_population_sd_of_the_known_runs() -> None:
    figures = spread([1.0, 0.5, 0.75])
    assert figures.mean == pytest.approx(0.75)
    assert (figures.min, figures.max) == (0.5, 1.0)
    assert figures.stdev == pytest.approx((0.125 / 3) ** 0.5)
    assert str(figures) == "0.750 mean · 0.500–1.000 · sd 0.204 · 3 runs"
    partly = spread([1.0, 0.0, None])
    assert (partly.mean, partly.min, partly.max, partly.stdev) == (0.5, 0.0, 1.0, 0.5)
    assert partly.per_run == [1.0, 0.0, None]
    assert str(partly).endswith("· 2 runs")


def test_one_run_has_no_spread_and_no_runs_read_n_a() -> None:
    one = spread([0.8])
    assert (one.mean, one.min, one.max, one.stdev) == (0.8, 0.8, 0.8, 0.0)
    assert str(one) == "0.800 mean · 0.800–0.800 · sd 0.000 · 1 run"
    for empty in (spread([]), spread([None, None])):
        assert empty.mean is None
        assert empty.stdev is None
        assert str(empty) == "n/a"


def test_unknown_replies_are_counted_over_every_run() -> None:
    judged = report([case(True, None), case(rating=None)], [case(None, None), case(False)])
    assert str(judged.unknown) == "3/5 support, 1/4 rating"
    assert judged.faithfulness.per_run == [1.0, 0.0]
    assert judged.answer_relevance.per_run == [1.0, 1.0]


def test_zero_answered_cases_or_zero_runs_give_n_a_not_zero() -> None:
    nothing = report([], [], cases=0)
    assert nothing.faithfulness.per_run == [None, None]
    assert str(nothing.faithfulness) == "n/a"
    assert str(nothing.unknown) == "0/0 support, 0/0 rating"
    stopped = summarize_judge(
        [], model="m", endpoint="e", runs_requested=3, judged_cases=2, error="down"
    )
    assert stopped.runs == []
    assert str(stopped.answer_relevance) == "n/a"
    assert stopped.error == "down"
    assert stopped.note.startswith("advisory")
