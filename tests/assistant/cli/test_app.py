"""The root command: every command listed, global options win, errors as one line (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.assistant.cli.process import run_cli

pytestmark = pytest.mark.slow  # subprocesses, servers or big inputs: `make test`, not `make unit`

COMMANDS = ("ingest", "ask", "chat", "serve", "slack", "status", "eval")


def imported_modules(data_dir: Path, *args: str) -> set[str]:
    """The modules a run imports, from `python -X importtime` (written to stderr)."""
    result = run_cli(data_dir, *args, python=("-X", "importtime"))
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("import time:")]
    return {line.rsplit("|", 1)[1].strip() for line in lines}


def test_help_lists_every_command(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "--help")
    assert result.returncode == 0, result.stderr
    listed = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("│ ")]
    assert [name for name in listed if name in COMMANDS] == list(COMMANDS)


@pytest.mark.parametrize("args", [("--help",), ("ask", "--help"), ("status", "--help")])
def test_help_starts_without_the_eval_harness_or_the_models(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    modules = imported_modules(tmp_path, *args)
    assert "assistant.cli.app" in modules
    assert not {m for m in modules if m == "evals" or m.startswith("evals.")}
    assert "assistant.container" not in modules
    assert "llama_index.core" not in modules


def test_the_data_dir_option_wins_over_the_environment(data_dir: Path, tmp_path: Path) -> None:
    result = run_cli(tmp_path / "elsewhere", "--data-dir", str(data_dir), "status")
    assert result.returncode == 0, result.stderr
    assert "documents   1" in result.stdout.replace("\u2502", " ")
    assert not (tmp_path / "elsewhere").exists()


@pytest.mark.parametrize(
    ("question", "message"),
    [("   ", "error: the question is empty"), ("x" * 102_400, "102,400 characters long")],
)
def test_bad_questions_give_a_one_line_error(data_dir: Path, question: str, message: str) -> None:
    result = run_cli(data_dir, "ask", question)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
