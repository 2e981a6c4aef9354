"""Whether a server's memory stayed flat over a soak, shown with figures.

From RSS samples `(seconds since start, MB)` taken every few seconds:

- `at_minutes`: the sample nearest each whole minute, the series a reader can scan.
- `second_half_growth_pct`: the median RSS of the run's last `window` seconds against the median of
  the `window` seconds ending at its midpoint. Medians over a window, not single samples, so one
  garbage collection or one large response does not decide it.
- `slope_mb_per_min`: least-squares slope of every sample after warm-up, and
  `projected_growth_pct_per_hour`: that slope over an hour, against the RSS at the end of warm-up.

Warm-up is the first fifth of the run, at most two minutes: models load, the allocator's arenas
and Chroma's caches fill, the first uploads build the lexical index. Growth there is expected and
not counted.

Pass line, both must hold:

- second-half growth below `MAX_SECOND_HALF_GROWTH_PCT` (2%): no step up late in the run;
- projected growth below `MAX_GROWTH_PCT_PER_HOUR` (10%/h): no steady leak. Sampling noise is
  not what limits this: with a sample every 2 s the fitted slope is good to a few hundredths of
  a MB/min. What limits it is that caches and allocator arenas can keep filling for several
  minutes and then level off, which ten minutes cannot tell from a leak. 10%/h of a ~450 MB
  server is ~0.75 MB/min: at the soak's ~1,300 requests a minute that is ~600 bytes kept per
  request, so larger per-request leaks fail it within ten minutes; smaller ones, and fills that
  level off, need a longer run (`--seconds 1800`), where a leak keeps its slope and a fill
  does not.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass

MAX_SECOND_HALF_GROWTH_PCT = 2.0
MAX_GROWTH_PCT_PER_HOUR = 10.0
MAX_WARMUP_SECONDS = 120.0
MAX_WINDOW_SECONDS = 60.0

Sample = tuple[float, float]  # (seconds since the start, RSS in MB)


@dataclass(frozen=True)
class MemoryTrend:
    samples: int
    warmup_seconds: float
    at_minutes: dict[str, float]  # "0", "1", … → MB
    rss_mb_end_of_warmup: float
    rss_mb_max: float
    second_half_window_seconds: float
    rss_mb_median_at_half: float
    rss_mb_median_at_end: float
    second_half_growth_pct: float
    slope_mb_per_min: float
    projected_growth_pct_per_hour: float
    pass_line: str
    flat: bool

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def analyse(samples: Sequence[Sample], *, seconds: float) -> MemoryTrend:
    if len(samples) < 4:
        raise ValueError(f"too few memory samples to judge a trend: {len(samples)}")
    ordered = sorted(samples)
    warmup = min(MAX_WARMUP_SECONDS, seconds / 5)
    window = min(MAX_WINDOW_SECONDS, seconds / 10)
    warm = [s for s in ordered if s[0] >= warmup] or ordered[-2:]
    half = _median_in(ordered, seconds / 2 - window, seconds / 2)
    end = _median_in(ordered, ordered[-1][0] - window, ordered[-1][0])
    slope = slope_per_minute(warm)
    base = warm[0][1]
    growth = (end - half) / half * 100
    per_hour = slope * 60 / base * 100
    return MemoryTrend(
        samples=len(ordered),
        warmup_seconds=warmup,
        at_minutes=at_minutes(ordered),
        rss_mb_end_of_warmup=round(base, 1),
        rss_mb_max=round(max(mb for _, mb in ordered), 1),
        second_half_window_seconds=window,
        rss_mb_median_at_half=round(half, 1),
        rss_mb_median_at_end=round(end, 1),
        second_half_growth_pct=round(growth, 2),
        slope_mb_per_min=round(slope, 3),
        projected_growth_pct_per_hour=round(per_hour, 2),
        pass_line=(
            f"second-half growth < {MAX_SECOND_HALF_GROWTH_PCT}% and post-warm-up slope "
            f"< {MAX_GROWTH_PCT_PER_HOUR}% of RSS per hour"
        ),
        flat=growth < MAX_SECOND_HALF_GROWTH_PCT and per_hour < MAX_GROWTH_PCT_PER_HOUR,
    )


def at_minutes(samples: Sequence[Sample]) -> dict[str, float]:
    """The sample nearest each whole minute from 0 to the last sample."""
    marks: dict[str, float] = {}
    minute = 0
    while minute * 60 <= samples[-1][0] + 30:
        nearest = min(samples, key=lambda s: abs(s[0] - minute * 60))
        marks[str(minute)] = round(nearest[1], 1)
        minute += 1
    return marks


def slope_per_minute(samples: Sequence[Sample]) -> float:
    """Least-squares slope of MB against time, in MB per minute."""
    ts = [t / 60 for t, _ in samples]
    mbs = [mb for _, mb in samples]
    t_mean, mb_mean = statistics.fmean(ts), statistics.fmean(mbs)
    spread = sum((t - t_mean) ** 2 for t in ts)
    if spread == 0:
        return 0.0
    return sum((t - t_mean) * (mb - mb_mean) for t, mb in zip(ts, mbs, strict=True)) / spread


def _median_in(samples: Sequence[Sample], start: float, end: float) -> float:
    inside = [mb for t, mb in samples if start <= t <= end]
    if not inside:  # a window narrower than the sampling interval: the nearest sample
        inside = [min(samples, key=lambda s: abs(s[0] - end))[1]]
    return float(statistics.median(inside))
