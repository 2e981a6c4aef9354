"""Small measuring helpers shared by the benchmarks: memory, medians, percentiles."""

from __future__ import annotations

import resource
import statistics
from collections.abc import Sequence

from evals.retrieval.metrics import percentile


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB.

    Read from VmHWM, not `getrusage`: Linux carries a process's `ru_maxrss` over `exec`, so a
    worker spawned by a large parent (a test run holding an embedder: 900 MB) reported the
    parent's peak instead of its own.
    """
    peak = _status_mb("VmHWM")
    return (
        peak
        if peak is not None
        else round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    )


def rss_mb() -> float:
    """This process's resident memory now, in MB (0 where /proc is missing)."""
    return _status_mb("VmRSS") or 0.0


def _status_mb(field: str) -> float | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(f"{field}:"):
                    return round(int(line.split()[1]) / 1024, 1)  # kB
    except OSError:
        pass
    return None


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values)) if values else 0.0


def p50_p95(values: Sequence[float]) -> tuple[float, float]:
    return percentile(values, 50), percentile(values, 95)
