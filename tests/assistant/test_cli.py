"""The `assistant` command as a user runs it: a real process, real store, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SEEDS

CITATION_KEYS = {"n", "doc_id", "title", "source", "quote", "start", "end", "score"}


def run(data_dir: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir), "ASSISTANT_SEEDS_DIR": str(SEEDS)}
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        capture_output=True, text=True, env=env, input=stdin, timeout=120, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "var"
    first = run(folder, "ingest")
    assert first.returncode == 0, first.stderr
    assert "added 1" in first.stdout
    return folder


def test_reingest_of_unchanged_seeds_embeds_nothing_quickly(data_dir: Path) -> None:
    began = time.perf_counter()
    result = run(data_dir, "ingest")
    assert result.returncode == 0
    assert "unchanged 1" in result.stdout
    assert "0 chunks embedded" in result.stdout
    reported = float(result.stdout.split("chunks embedded in ")[1].split(" s")[0])
    assert reported < 0.5, result.stdout
    assert time.perf_counter() - began < 30


def test_ask_json_has_exactly_the_documented_shape(data_dir: Path) -> None:
    result = run(
        data_dir, "ask", "--json", "How many key tasks and action points does the campaign include?"
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert set(answer) == {"question", "answer", "abstained", "citations", "timings_ms"}
    assert set(answer["timings_ms"]) == {"retrieve", "answer", "total"}
    assert answer["abstained"] is False
    assert "17" in answer["answer"]
    assert "58" in answer["answer"]
    assert all(set(c) == CITATION_KEYS for c in answer["citations"])
    assert any("58" in c["quote"] for c in answer["citations"])


def test_ask_prints_the_answer_and_its_sources(data_dir: Path) -> None:
    result = run(data_dir, "ask", "--top-k", "3", "Who chairs the leadership team?")
    assert result.returncode == 0
    assert "Party Secretary and Chairman" in result.stdout
    assert "[1] Baogang Group" in result.stdout


def test_unrelated_question_abstains(data_dir: Path) -> None:
    answer = json.loads(run(data_dir, "ask", "--json", "What is the capital of France?").stdout)
    assert answer["abstained"] is True
    assert answer["citations"] == []


@pytest.mark.parametrize(
    ("question", "message"),
    [("   ", "error: the question is empty"), ("x" * 102_400, "102,400 characters long")],
)
def test_bad_questions_give_a_one_line_error(data_dir: Path, question: str, message: str) -> None:
    result = run(data_dir, "ask", question)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_missing_path_is_reported_and_nothing_is_lost(data_dir: Path, tmp_path: Path) -> None:
    result = run(data_dir, "ingest", str(tmp_path / "nowhere"), str(SEEDS))
    assert result.returncode == 1
    assert "nowhere: path does not exist" in result.stdout
    assert "unchanged 1" in result.stdout
    assert "documents   1" in run(data_dir, "status").stdout.replace("\u2502", " ")


def test_status_names_the_store_and_embedder(data_dir: Path) -> None:
    out = run(data_dir, "status").stdout
    assert "chunks" in out
    assert "all-MiniLM-L6-v2" in out
    assert str(data_dir) in out


def test_chat_keeps_the_conversation_for_follow_ups(data_dir: Path) -> None:
    script = "What campaign did Baogang launch?\nHow many action points does it have?\n/quit\n"
    result = run(data_dir, "chat", stdin=script)
    assert result.returncode == 0, result.stderr
    second = result.stdout.split("you> ")[2]
    assert "58" in second


def test_help_lists_every_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "--help"], capture_output=True, text=True, check=True
    )
    for command in ("ingest", "ask", "chat", "status"):
        assert command in result.stdout
