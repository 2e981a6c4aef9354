"""Small measuring helpers shared by the benchmarks: peak memory, medians, percentiles."""

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
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)  # kB
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values)) if values else 0.0


def p50_p95(values: Sequence[float]) -> tuple[float, float]:
    return percentile(values, 50), percentile(values, 95)
