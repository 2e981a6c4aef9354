"""`assistant eval retrieval` as a user runs it: a real process on a tiny BEIR dataset."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.evals.beir_files import write_beir

pytestmark = pytest.mark.slow  # subprocesses, servers or big inputs: `make test`, not `make unit`


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env["ASSISTANT_PROGRESS_EVERY_S"] = "0"  # a plain progress line for every document
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip


def test_every_mode_side_by_side_then_a_cached_second_run(tmp_path: Path) -> None:
    dataset = write_beir(tmp_path / "tiny")
    data_dir = tmp_path / "var"
    report = tmp_path / "out.json"
    args = ["--data-dir", str(data_dir), "eval", "retrieval", "--dataset", str(dataset)]
    first = run(*args, "--json", str(report), "--top-k", "10")
    assert first.returncode == 0, first.stderr
    assert "added 4" in first.stdout
    assert "indexing tiny: 4/4" in first.stderr  # progress in a log too, not only on a terminal
    for header in ("nDCG@10", "MRR@10", "R@10", "R@100", "q/s", "p50 ms", "p95 ms"):
        assert header in first.stdout
    assert (data_dir / "bench" / "tiny" / "chroma").is_dir()

    payload = json.loads(report.read_text())
    assert payload["dataset"] == "tiny"
    assert payload["queries"] == 2  # q3 has no relevant document, so it cannot be scored
    # The configured hybrid (weighted fusion) and, for comparison, hybrid with the other fusion.
    modes = ["vector", "bm25", "hybrid", "hybrid-rrf"]
    assert [r["mode"] for r in payload["results"]] == modes
    for result in payload["results"]:
        assert 0.0 < result["ndcg_at_10"] <= 1.0
        assert result["p95_ms"] >= result["p50_ms"] > 0
    bm25 = payload["results"][1]
    assert bm25["mrr_at_10"] == 1.0  # both judged queries share words with their document

    second = run(*args, "--mode", "bm25", "--top-k", "10")
    assert second.returncode == 0, second.stderr
    assert "added 0" in second.stdout
    assert "unchanged 4" in second.stdout
    assert "0 chunks embedded" in second.stdout


def test_an_unknown_mode_or_missing_dataset_is_a_one_line_error(tmp_path: Path) -> None:
    dataset = write_beir(tmp_path / "tiny")
    bad_mode = run("--data-dir", str(tmp_path / "v"), "eval", "retrieval", "--dataset",
                   str(dataset), "--mode", "sparse")  # fmt: skip
    assert bad_mode.returncode == 2
    assert "unknown mode 'sparse'" in bad_mode.stderr
    missing = run("--data-dir", str(tmp_path / "v"), "eval", "retrieval", "--dataset",
                  str(tmp_path / "nowhere"))  # fmt: skip
    assert missing.returncode == 2
    assert "no BEIR dataset folder" in missing.stderr
