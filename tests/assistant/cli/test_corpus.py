"""`assistant ingest` and `assistant status`: re-ingest is cheap, problems are reported."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.assistant.cli.process import run_cli
from tests.conftest import SEEDS

pytestmark = pytest.mark.slow  # subprocesses, servers or big inputs: `make test`, not `make unit`


def test_reingest_of_unchanged_seeds_embeds_nothing_quickly(data_dir: Path) -> None:
    began = time.perf_counter()
    result = run_cli(data_dir, "ingest")
    assert result.returncode == 0
    assert "unchanged 1" in result.stdout
    assert "0 chunks embedded" in result.stdout
    reported = float(result.stdout.split("chunks embedded in ")[1].split(" s")[0])
    assert reported < 0.5, result.stdout
    assert time.perf_counter() - began < 30


def test_without_a_terminal_ingest_prints_plain_progress_lines(data_dir: Path) -> None:
    result = run_cli(data_dir, "ingest", env={"ASSISTANT_PROGRESS_EVERY_S": "0"})
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0].startswith("indexing: 1/1 · ")
    assert "━" not in result.stderr  # no bar drawn into a log


def test_missing_path_is_reported_and_nothing_is_lost(data_dir: Path, tmp_path: Path) -> None:
    result = run_cli(data_dir, "ingest", str(tmp_path / "nowhere"), str(SEEDS))
    assert result.returncode == 1
    assert "nowhere: path does not exist" in result.stdout
    assert "unchanged 1" in result.stdout
    assert "documents   1" in run_cli(data_dir, "status").stdout.replace("\u2502", " ")


def test_status_names_the_store_and_embedder(data_dir: Path) -> None:
    out = run_cli(data_dir, "status").stdout
    assert "chunks" in out
    assert "all-MiniLM-L6-v2" in out
    assert str(data_dir) in out
