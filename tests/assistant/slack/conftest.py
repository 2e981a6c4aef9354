"""The assistant app with the Slack bot on, and a stand-in of Slack's Web API, both on loopback."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest

from assistant.container import Container, build_container
from assistant.server.app import create_app
from tests.assistant.server.live_server import LiveServer
from tests.assistant.slack.slack_standin import SlackStandIn
from tests.conftest import ROOT, SEEDS, make_settings

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
FEEDBACK_SECRET = "feedback-hmac-key"
DATED_NEWS = ROOT / "tests" / "fixtures" / "dated_news"  # two sources, three dates


@pytest.fixture(scope="module")
def slack_api() -> Iterator[tuple[SlackStandIn, LiveServer]]:
    standin = SlackStandIn()
    with LiveServer(standin.app) as server:
        yield standin, server


@pytest.fixture
def slack(slack_api: tuple[SlackStandIn, LiveServer]) -> SlackStandIn:
    standin, _ = slack_api
    standin.reset()
    return standin


@contextmanager
def serve_bot(
    corpus: Path, api: LiveServer, data_dir: Path
) -> Iterator[tuple[Container, LiveServer]]:
    """The assistant app, Slack bot on and talking to the stand-in `api`, on `corpus` ingested;
    its container, whose answer log and feedback store the bot writes."""
    settings = make_settings(
        data_dir,
        slack_bot_token="xoxb-test-token",
        slack_signing_secret=SECRET,
        slack_api_url=f"{api.url}/api/",
        feedback_secret=FEEDBACK_SECRET,
    )
    container = build_container(settings)
    report = container.ingestor.ingest([corpus])
    assert report.added, report
    assert not report.skipped, report
    with container, LiveServer(create_app(container)) as server:
        yield container, server


@pytest.fixture(scope="module")
def bot(
    slack_api: tuple[SlackStandIn, LiveServer], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Container, LiveServer]]:
    _, api = slack_api
    with serve_bot(SEEDS, api, tmp_path_factory.mktemp("slack") / "var") as served:
        yield served


@pytest.fixture(scope="module")
def bot_server(bot: tuple[Container, LiveServer]) -> LiveServer:
    return bot[1]


@pytest.fixture(scope="module")
def dated_bot_server(
    slack_api: tuple[SlackStandIn, LiveServer], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """The bot on tests/fixtures/dated_news: the River Times and the Valley Post on the Harbor
    Bridge repair, published 2025-01-15, 2025-02-03 and 2025-02-20."""
    _, api = slack_api
    with serve_bot(DATED_NEWS, api, tmp_path_factory.mktemp("slack-dated") / "var") as served:
        yield served[1]


def sign(body: str, *, timestamp: int | None = None, secret: str = SECRET) -> dict[str, str]:
    stamp = str(timestamp if timestamp is not None else int(time.time()))
    digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}"}


def post_event(
    server: LiveServer | str,
    payload: dict[str, object],
    *,
    extra: dict[str, str] | None = None,
    **signing: object,
) -> httpx.Response:
    """A signed event to `server` (a LiveServer, or the URL of a server process)."""
    url = server if isinstance(server, str) else server.url
    body = json.dumps(payload)
    headers = {"Content-Type": "application/json", **sign(body, **signing), **(extra or {})}  # type: ignore[arg-type]
    return httpx.post(f"{url}/slack/events", content=body, headers=headers, timeout=30)


def post_form(server: LiveServer, fields: dict[str, str]) -> httpx.Response:
    body = urlencode(fields)
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
    return httpx.post(f"{server.url}/slack/events", content=body, headers=headers, timeout=30)


def event_callback(event_id: str, event: Mapping[str, object]) -> dict[str, object]:
    return {
        "type": "event_callback",
        "token": "legacy",
        "team_id": "T1",
        "api_app_id": "A1",
        "event_id": event_id,
        "event_time": int(time.time()),
        "event": event,
        "authorizations": [{"team_id": "T1", "user_id": "UBOT", "is_bot": True}],
    }
