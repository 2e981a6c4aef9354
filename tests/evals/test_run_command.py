"""`assistant eval` as evaluators run it: a real process, a real store, exit codes, reports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.evals.news_quiz_files import write_news_quiz

pytestmark = pytest.mark.slow  # subprocesses, servers or big inputs: `make test`, not `make unit`

PASSING = [
    '{"id": "t01", "question": "How many key tasks does the campaign have?", '
    '"expect": [["17", "seventeen"]], "source": "baogang", "tags": ["numbers"]}',
    '{"id": "a01", "question": "What was Baogang\'s revenue in 2023?", "abstain": true}',
]
FAILING = '{"id": "t02", "question": "How many key tasks?", "expect": [["99"]]}'


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir), "ASSISTANT_SEEDS_DIR": str(SEEDS)}
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip


def dataset(folder: Path, *lines: str) -> Path:
    path = folder / "cases.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("eval-cli") / "var"
    assert run(folder, "ingest").returncode == 0
    return folder


def test_passing_run_prints_table_and_writes_reports(data_dir: Path, tmp_path: Path) -> None:
    report, page = tmp_path / "out" / "run.json", tmp_path / "out" / "run.html"
    result = run(
        data_dir, "eval", str(dataset(tmp_path, *PASSING)), "--json", str(report),
        "--html", str(page), "--min-pass", "1", "--answer-mode", "extractive",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "cases/t01" in result.stdout
    assert "100.0% (2/2)" in result.stdout
    data = json.loads(report.read_text())
    assert data["summary"]["pass_rate"] == {"hits": 2, "total": 2, "value": 1.0}
    assert data["summary"]["citation_validity"]["value"] == 1.0
    assert data["results"][0]["answer"]["citations"][0]["quote"]
    assert data["settings"]["answer_mode"] == "extractive"
    assert page.read_text().count("<svg") == 2


def test_a_pass_rate_below_min_pass_exits_1(data_dir: Path, tmp_path: Path) -> None:
    result = run(data_dir, "eval", str(dataset(tmp_path, *PASSING, FAILING)), "--min-pass", "0.9")
    assert result.returncode == 1
    assert "cases/t02" in result.stdout
    assert "missing 99" in result.stdout
    assert "pass rate 66.7% is below --min-pass 90.0%" in result.stderr


def test_a_bad_dataset_is_one_line_naming_the_line(data_dir: Path, tmp_path: Path) -> None:
    bad = dataset(tmp_path, PASSING[0], '{"id": "x", "question": "q", "expects": [["1"]]}')
    result = run(data_dir, "eval", str(bad))
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: {bad}:2: unknown field 'expects'"


def test_a_news_quiz_folder_is_indexed_in_its_own_store_and_asked(
    data_dir: Path, tmp_path: Path
) -> None:
    folder = write_news_quiz(tmp_path / "quiz")
    result = run(data_dir, "eval", str(folder), "--json", str(tmp_path / "quiz.json"))
    data = json.loads((tmp_path / "quiz.json").read_text())
    verdicts = {r["case"]["id"]: r["score"] for r in data["results"]}
    assert verdicts["q1"]["passed"], verdicts["q1"]["reason"]
    assert verdicts["q1"]["source_retrieved"] is True
    assert not verdicts["q2"]["passed"]  # its answer is not in the corpus
    assert result.returncode == 0
    (info,) = data["datasets"]
    assert info["documents"] == 2
    assert str(data_dir / "bench" / "quiz") in info["store"]
