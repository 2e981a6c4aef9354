"""The lexical engine benchmark runs end to end at a tiny size: both engines, every figure."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from evals.bench import lexical
from evals.bench.corpus import SHARED_DATA

pytestmark = pytest.mark.slow  # four processes, each importing the store: 6-15 s on two cores

ENGINES = ["bm25s (old)", "tantivy (new)"]


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _number(cell: str) -> float:
    """`1,234.5 (67)` → 1234.5; `2.0×` → 2.0."""
    return float(re.sub(r"[^0-9.]", "", cell.split(" (")[0]))


def test_a_tiny_run_prints_both_engines_with_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not (SHARED_DATA / "realtimeqa" / "corpus.jsonl").is_file():
        pytest.skip("no realtimeqa corpus under ../shared/data")
    try:
        lexical.prepare_baseline(lexical.BASELINE_SRC)
    except lexical.BaselineUnavailable as exc:  # no git history or package index here
        pytest.skip(f"the old engine cannot be set up: {exc}")
    scratch, results = tmp_path / "scratch", tmp_path / "results"
    argv = ["--chunks", "2000", "--runs", "1", "--questions", "20"]
    assert lexical.main([*argv, "--dir", str(scratch), "--results", str(results)]) == 0

    out = capsys.readouterr().out
    assert "cores" in out.splitlines()[0]  # machine info first
    headers = _cells(next(line for line in out.splitlines() if line.startswith("| chunks |")))
    rows = {cells[1]: cells for cells in map(_cells, out.splitlines()) if cells[0] == "2,000"}
    assert set(rows) == {*ENGINES, "old ÷ new"}
    for engine in ENGINES:
        figures = dict(zip(headers, rows[engine], strict=True))
        del figures["chunks"], figures["engine"]
        assert all(_number(cell) > 0 for cell in figures.values()), figures
    ratios = dict(zip(headers, rows["old ÷ new"], strict=True))
    assert _number(ratios["upload update ms"]) > 0

    saved = json.loads((results / "lexical.json").read_text())["results"]["2000"]
    assert saved["old"]["chunks"] == saved["new"]["chunks"] == 2000
    assert all(saved[engine]["mean_hits"] > 0 for engine in ("old", "new"))
    assert not (scratch / "n2000").exists()  # the indexes are removed without --keep
