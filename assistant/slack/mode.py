"""Which Slack mode the configuration asks for; a partial configuration is a clear error."""

from __future__ import annotations

from typing import Literal

from assistant.errors import ConfigError
from assistant.settings import Settings


def slack_mode(settings: Settings, *, socket: bool = False) -> Literal["off", "http", "socket"]:
    bot = settings.slack_bot_token is not None
    secret = settings.slack_signing_secret is not None
    app_token = settings.slack_app_token is not None
    if socket:
        missing = [
            name
            for name, ok in (("SLACK_BOT_TOKEN", bot), ("SLACK_APP_TOKEN", app_token))
            if not ok
        ]
        if missing:
            raise ConfigError(f"Socket Mode needs {' and '.join(missing)}")
        return "socket"
    if not (bot or secret or app_token):
        return "off"
    if not bot:
        raise ConfigError("Slack is partly configured: SLACK_BOT_TOKEN is missing")
    if not secret:
        raise ConfigError(
            "Slack is partly configured: SLACK_SIGNING_SECRET is missing (it verifies requests)"
        )
    return "http"
