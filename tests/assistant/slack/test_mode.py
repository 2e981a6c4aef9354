"""The bot is off unless configured; a partial configuration is a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.slack.mode import slack_mode
from tests.conftest import make_settings


def test_off_without_any_slack_setting(tmp_path: Path) -> None:
    assert slack_mode(make_settings(tmp_path)) == "off"


def test_http_mode_needs_token_and_signing_secret(tmp_path: Path) -> None:
    full = make_settings(tmp_path, slack_bot_token="xoxb-1", slack_signing_secret="s")
    assert slack_mode(full) == "http"
    with pytest.raises(ConfigError, match="SLACK_SIGNING_SECRET is missing"):
        slack_mode(make_settings(tmp_path, slack_bot_token="xoxb-1"))
    with pytest.raises(ConfigError, match="SLACK_BOT_TOKEN is missing"):
        slack_mode(make_settings(tmp_path, slack_signing_secret="s"))


def test_socket_mode_needs_the_app_token(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="SLACK_APP_TOKEN"):
        slack_mode(make_settings(tmp_path, slack_bot_token="xoxb-1"), socket=True)
    both = make_settings(tmp_path, slack_bot_token="xoxb-1", slack_app_token="xapp-1")
    assert slack_mode(both, socket=True) == "socket"


def test_standard_slack_variable_names_are_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-env")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "env-secret")
    settings = make_settings(tmp_path)
    assert settings.slack_bot_token is not None
    assert settings.slack_bot_token.get_secret_value() == "xoxb-env"
    assert slack_mode(settings) == "http"


@pytest.mark.slow  # a subprocess
def test_serve_refuses_a_partial_configuration_in_one_line(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "ASSISTANT_DATA_DIR": str(tmp_path), "SLACK_BOT_TOKEN": "xoxb-1"}
    env.pop("SLACK_SIGNING_SECRET", None)
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "serve", "--port", "1"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "SLACK_SIGNING_SECRET is missing" in result.stderr
    assert "Traceback" not in result.stderr
