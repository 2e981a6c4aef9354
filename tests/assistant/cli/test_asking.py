"""`assistant ask` and `assistant chat`: answers with their sources, JSON of a fixed shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.assistant.cli.process import run_cli

pytestmark = pytest.mark.slow  # subprocesses, servers or big inputs: `make test`, not `make unit`

CITATION_KEYS = {"n", "doc_id", "title", "source", "quote", "start", "end", "score", "published"}


def test_ask_json_has_exactly_the_documented_shape(data_dir: Path) -> None:
    result = run_cli(
        data_dir, "ask", "--json", "How many key tasks and action points does the campaign include?"
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert set(answer) == {
        "question", "answer", "abstained", "citations", "timings_ms", "answer_id"
    }  # fmt: skip
    assert len(answer["answer_id"]) == 32
    assert set(answer["timings_ms"]) == {"retrieve", "answer", "total"}
    assert answer["abstained"] is False
    assert "17" in answer["answer"]
    assert "58" in answer["answer"]
    assert all(set(c) == CITATION_KEYS for c in answer["citations"])
    assert any("58" in c["quote"] for c in answer["citations"])


def test_ask_prints_the_answer_and_its_sources(data_dir: Path) -> None:
    result = run_cli(data_dir, "ask", "--top-k", "3", "Who chairs the leadership team?")
    assert result.returncode == 0
    assert "Party Secretary and Chairman" in result.stdout
    assert "[1] Baogang Group" in result.stdout


def test_unrelated_question_abstains(data_dir: Path) -> None:
    answer = json.loads(run_cli(data_dir, "ask", "--json", "What is the capital of France?").stdout)
    assert answer["abstained"] is True
    assert answer["citations"] == []


def test_chat_keeps_the_conversation_for_follow_ups(data_dir: Path) -> None:
    script = "What campaign did Baogang launch?\nHow many action points does it have?\n/quit\n"
    result = run_cli(data_dir, "chat", stdin=script)
    assert result.returncode == 0, result.stderr
    second = result.stdout.split("you> ")[2]
    assert "58" in second


def test_a_bad_question_in_chat_is_one_line_and_the_chat_goes_on(data_dir: Path) -> None:
    result = run_cli(data_dir, "chat", stdin="x" * 102_400 + "\n/quit\n")
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("error:")
    assert "102,400 characters long" in result.stderr
    assert result.stdout.count("you> ") == 2
