"""The manifest in the repository asks for what the bot uses."""

from __future__ import annotations

from pathlib import Path

import yaml

import assistant.slack

MANIFEST = Path(assistant.slack.__file__).with_name("manifest.yaml")


def test_manifest_subscribes_to_what_the_bot_handles() -> None:
    manifest = yaml.safe_load(MANIFEST.read_text())
    settings = manifest["settings"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {
        "app_mention",
        "message.im",
        "reaction_added",  # 👍/👎 on an answer is feedback
    }
    assert settings["interactivity"]["is_enabled"] is True
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == ["/ask"]
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {
        "app_mentions:read",
        "chat:write",
        "commands",
        "im:history",
        "channels:history",
        "reactions:read",
    } <= scopes
    assert settings["event_subscriptions"]["request_url"].endswith("/slack/events")
