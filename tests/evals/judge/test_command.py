"""`assistant eval --judge` as evaluators run it: a real process judged over loopback.

The stand-in plays a judge whose replies depend on the run (it counts how often it has seen each
prompt), so every figure is known exactly: faithfulness 1, 0, then unreadable; relevance 5, 3, 4.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from assistant.ask.llm.endpoint import no_model_reason
from tests.assistant.ask.llm.standin import StandIn
from tests.conftest import SEEDS

pytestmark = pytest.mark.slow  # subprocesses, servers or big inputs: `make test`, not `make unit`

CASES = [
    '{"id": "t01", "question": "How many key tasks does the campaign have?", '
    '"expect": [["17", "seventeen"]], "source": "baogang"}',
    '{"id": "t09", "question": "Who chairs the leadership team?", "expect": [["Party Secretary"]]}',
    '{"id": "a01", "question": "What was Baogang\'s revenue in 2023?", "abstain": true}',
]


class ByRun:
    """Replies by prompt kind and by how often this exact prompt came before: its run."""

    def __init__(self, support: list[str], rating: list[str]) -> None:
        self.support, self.rating = support, rating
        self.seen: Counter[str] = Counter()

    def __call__(self, body: dict[str, Any]) -> str:
        prompt = str(body["messages"][-1]["content"])
        self.seen[prompt] += 1
        replies = self.support if "Sentence:" in prompt else self.rating
        return replies[self.seen[prompt] - 1]


def run(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ASSISTANT_", "OPENAI_"))}
    clean |= {"ASSISTANT_DATA_DIR": str(data_dir), "ASSISTANT_SEEDS_DIR": str(SEEDS), **env}
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        capture_output=True, text=True, env=clean, timeout=300, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("eval-judge") / "var"
    assert run(folder, "ingest").returncode == 0
    return folder


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(CASES) + "\n", encoding="utf-8")
    return path


def test_judge_figures_land_in_every_report_and_never_move_the_gate(
    data_dir: Path, cases: Path, tmp_path: Path, standin: StandIn
) -> None:
    standin.script(*[ByRun(["Yes", "No, it does not.", "Possibly"], ["5", "3", "4/5"])] * 100)
    llm = {"ASSISTANT_LLM_BASE_URL": standin.base_url, "ASSISTANT_LLM_MODEL": "judge-m"}
    report, page = tmp_path / "judged.json", tmp_path / "judged.html"
    judged = run(
        data_dir, "eval", str(cases), "--answer-mode", "extractive", "--judge", "--judge-runs",
        "3", "--json", str(report), "--html", str(page), "--min-pass", "1", **llm,
    )  # fmt: skip
    assert judged.returncode == 0, judged.stderr  # faithfulness 0 in run 2 gates nothing
    data = json.loads(report.read_text())
    judge = data["judge"]
    assert judge["note"].startswith("advisory")
    assert (judge["model"], judge["endpoint"], judge["judged_cases"]) == (
        "judge-m", standin.base_url, 2,
    )  # fmt: skip
    assert judge["faithfulness"] == {
        "per_run": [1.0, 0.0, None], "mean": 0.5, "min": 0.0, "max": 1.0, "stdev": 0.5,
    }  # fmt: skip
    relevance = judge["answer_relevance"]
    assert relevance["per_run"] == [1.0, 0.5, 0.75]
    assert (relevance["mean"], relevance["min"], relevance["max"]) == (0.75, 0.5, 1.0)
    assert relevance["stdev"] == pytest.approx((0.125 / 3) ** 0.5)
    sentences = len(judge["runs"][2]["cases"][0]["sentences"]) + len(
        judge["runs"][2]["cases"][1]["sentences"]
    )
    assert sentences >= 2
    assert judge["unknown"] == {
        "support": sentences, "support_asked": 3 * sentences, "rating": 0, "rating_asked": 6,
    }  # fmt: skip
    assert [c["key"] for c in judge["runs"][0]["cases"]] == ["cases/t01", "cases/t09"]
    assert judge["runs"][2]["cases"][0]["sentences"][0]["reply"] == "Possibly"
    assert len(standin.requests) == 3 * (sentences + 2)
    assert "faithfulness (judge)" in judged.stdout
    assert "0.500 mean · 0.000–1.000 · sd 0.500 · 2 runs" in judged.stdout
    assert "0.750 mean · 0.500–1.000 · sd 0.204 · 3 runs" in judged.stdout
    assert "judge (advisory, not gated)" in judged.stdout
    html = page.read_text()
    assert "Judge metrics (advisory, not part of the pass/fail gate)" in html
    assert "1.00 · 0.00 · n/a" in html

    asked = len(standin.requests)
    plain_report = tmp_path / "plain.json"
    plain = run(
        data_dir, "eval", str(cases), "--answer-mode", "extractive", "--json",
        str(plain_report), "--min-pass", "1", **llm,
    )  # fmt: skip
    assert plain.returncode == judged.returncode
    assert len(standin.requests) == asked  # without --judge the model is never asked
    plain_data = json.loads(plain_report.read_text())
    assert "judge" not in plain_data
    assert "judge" not in plain.stdout
    timing = {"latency_p50_ms", "latency_p95_ms"}
    assert {k: v for k, v in plain_data["summary"].items() if k not in timing} == {
        k: v for k, v in data["summary"].items() if k not in timing
    }


def test_judge_without_an_llm_is_one_line_before_anything_is_asked(
    data_dir: Path, cases: Path, tmp_path: Path
) -> None:
    no_models = tmp_path / "no-models"
    result = run(data_dir, "eval", str(cases), "--judge", ASSISTANT_MODELS_DIR=str(no_models))
    assert result.returncode == 2
    assert result.stderr.strip().startswith(f"error: {no_model_reason('--judge')}")
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_judge_runs_without_judge_is_refused(data_dir: Path, cases: Path) -> None:
    result = run(data_dir, "eval", str(cases), "--judge-runs", "2")
    assert result.returncode == 2
    assert result.stderr.strip() == "error: --judge-runs needs --judge"
