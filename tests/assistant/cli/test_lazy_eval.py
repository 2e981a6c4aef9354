"""`assistant eval` behaves as a subcommand group though it is imported only when it runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.cli.lazy_eval import EVAL_HELP, eval_command
from tests.assistant.cli.process import run_cli

pytestmark = pytest.mark.slow  # subprocesses, servers or big inputs: `make test`, not `make unit`


def test_eval_help_shows_its_group_and_its_commands(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "eval", "--help")
    assert result.returncode == 0, result.stderr
    assert "assistant eval [OPTIONS] COMMAND [ARGS]..." in result.stdout
    assert "retrieval" in result.stdout
    assert "--install-completion" not in result.stdout


def test_eval_subcommand_help_is_reached_through_the_lazy_group(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "eval", "retrieval", "--help")
    assert result.returncode == 0, result.stderr
    assert "assistant eval retrieval [OPTIONS]" in result.stdout
    assert "--dataset" in result.stdout


def test_the_root_listing_shows_the_eval_groups_own_help() -> None:
    assert eval_command().help == EVAL_HELP
