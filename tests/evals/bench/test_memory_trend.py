"""The soak's "memory flat" verdict: warm-up growth is forgiven, a leak or a late step is not."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from evals.bench.memory_trend import Sample, analyse, slope_per_minute


def series(mb_at: Callable[[int], float], seconds: int = 600, every: int = 2) -> list[Sample]:
    return [(float(t), float(mb_at(t))) for t in range(0, seconds + 1, every)]


def test_growth_during_warm_up_then_a_plateau_is_flat() -> None:
    trend = analyse(series(lambda t: 450 + min(t, 100) * 0.8 + (t % 7) * 0.3), seconds=600)
    assert trend.flat
    assert trend.warmup_seconds == 120
    assert abs(trend.slope_mb_per_min) < 0.1
    assert trend.at_minutes["0"] == 450
    assert trend.at_minutes["10"] == pytest.approx(530, abs=2)
    assert list(trend.at_minutes) == [str(m) for m in range(11)]


def test_a_steady_leak_fails_on_its_slope_even_when_the_second_half_looks_small() -> None:
    trend = analyse(series(lambda t: 550 + t / 60), seconds=600)  # 1 MB/min ≈ 11%/h
    assert trend.second_half_growth_pct < 2
    assert trend.slope_mb_per_min == pytest.approx(1.0)
    assert trend.projected_growth_pct_per_hour > 10
    assert not trend.flat


def test_a_step_up_late_in_the_run_fails_on_second_half_growth() -> None:
    trend = analyse(series(lambda t: 500 if t < 540 else 560), seconds=600)
    assert trend.second_half_growth_pct == pytest.approx(12.0)
    assert not trend.flat


def test_the_slope_is_least_squares_in_mb_per_minute() -> None:
    assert slope_per_minute([(0, 10), (60, 12), (120, 14)]) == pytest.approx(2.0)
    assert slope_per_minute([(0, 10), (60, 14), (120, 10)]) == pytest.approx(0.0)


def test_too_few_samples_are_refused() -> None:
    with pytest.raises(ValueError, match="too few"):
        analyse([(0, 1), (5, 1)], seconds=10)
