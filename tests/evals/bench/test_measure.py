"""Peak memory as the benchmarks and the hostile-document test read it."""

from __future__ import annotations

import subprocess
import sys

from evals.bench.measure import peak_rss_mb
from tests.conftest import ROOT


def test_a_process_started_by_a_large_parent_reports_its_own_peak_not_the_parent_s() -> None:
    held = bytearray(400 * 1024 * 1024)
    held[::4096] = b"\1" * len(held[::4096])  # touch every page: 400 MB resident here
    assert peak_rss_mb() > 400
    child = subprocess.run(
        [sys.executable, "-c", "from evals.bench.measure import peak_rss_mb; print(peak_rss_mb())"],
        capture_output=True, text=True, cwd=ROOT, timeout=60, check=True,
    )  # fmt: skip
    assert float(child.stdout) < 200, child.stdout
    del held
