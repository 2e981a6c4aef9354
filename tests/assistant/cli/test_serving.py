"""`assistant slack` without Socket Mode points to `assistant serve`, and says what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.assistant.cli.process import run_cli

pytestmark = pytest.mark.slow  # subprocesses, servers or big inputs: `make test`, not `make unit`

NO_SLACK: dict[str, str | None] = dict.fromkeys(
    ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN")
)


def test_slack_over_http_unconfigured_names_the_tokens_and_fails(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "slack", env=NO_SLACK)
    assert result.returncode == 1
    assert "assistant serve" in result.stderr
    assert "set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET" in result.stderr
