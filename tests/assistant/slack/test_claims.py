"""A Slack event is answered by one worker, however many workers its retries reach: the claim
is made in the shared store, not in one process's memory."""

from __future__ import annotations

import itertools
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

from assistant.container import build_container
from assistant.slack.claims import EventClaims, claims_collection_name
from evals.bench.servers import api_server
from index.store import open_client
from tests.assistant.server.live_server import LiveServer
from tests.assistant.slack.conftest import SECRET, event_callback, post_event
from tests.assistant.slack.slack_standin import SlackStandIn
from tests.conftest import SEEDS, server_settings

QUESTION = "How many key tasks and action points does the campaign include?"


def wait_for_answer(slack: SlackStandIn, channel: str) -> None:
    for count in itertools.count(1):
        updates = slack.wait_for("chat.update", count=count, timeout=120)
        if any(u.get("channel") == channel for u in updates):
            return


def test_an_event_claimed_by_one_worker_is_refused_to_every_other(tmp_path: Path) -> None:
    client = open_client(tmp_path / "chroma")
    first, second = EventClaims(client, "news"), EventClaims(client, "news")
    assert first.first_time("Ev1")
    assert not first.first_time("Ev1")  # a repeat within the worker
    assert not second.first_time("Ev1")  # a retry that reached another worker
    assert second.first_time("Ev2")
    assert not first.first_time("Ev2")


def test_threads_racing_for_one_event_in_two_workers_let_one_through(tmp_path: Path) -> None:
    client = open_client(tmp_path / "chroma")
    workers = [EventClaims(client, "news") for _ in range(2)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        won = list(pool.map(lambda n: workers[n % 2].first_time("Ev-race"), range(8)))
    assert won.count(True) == 1


def test_claims_older_than_their_lifetime_are_deleted(tmp_path: Path) -> None:
    client = open_client(tmp_path / "chroma")
    EventClaims(client, "news", ttl_s=0.2).first_time("Ev-old")
    time.sleep(0.4)
    EventClaims(client, "news", ttl_s=0.2).first_time("Ev-new")  # a first claim prunes
    stored = client.get_collection(claims_collection_name("news")).get()["ids"]
    assert stored == ["Ev-new"]


def test_a_retry_delivered_to_a_second_worker_process_is_answered_once(
    chroma_server: str, slack_api: tuple[SlackStandIn, LiveServer], tmp_path: Path
) -> None:
    slack, api = slack_api
    slack.reset()
    settings = server_settings(chroma_server, tmp_path / "ingester")
    with build_container(settings) as ingester:
        assert ingester.ingestor.ingest([SEEDS]).added
    env = {
        "ASSISTANT_CHROMA_URL": chroma_server,
        "ASSISTANT_COLLECTION": settings.collection,
        "ASSISTANT_RATE_LIMIT_PER_MINUTE": "0",
        "ASSISTANT_SLACK_API_URL": f"{api.url}/api/",
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_SIGNING_SECRET": SECRET,
    }
    with ExitStack() as stack:
        one, two = (
            stack.enter_context(
                api_server(
                    {**env, "ASSISTANT_DATA_DIR": str(tmp_path / name)}, tmp_path / f"{name}.log"
                )
            )
            for name in ("worker-1", "worker-2")
        )
        event = {"type": "app_mention", "user": "U1", "text": f"<@UBOT> {QUESTION}", "ts": "700.1", "channel": "CW"}  # fmt: skip
        payload = event_callback("Ev-two-workers", event)
        assert post_event(one, payload).status_code == 200
        retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
        assert post_event(two, payload, extra=retry).status_code == 200

        wait_for_answer(slack, "CW")
        # Worker 2 answers what it has not seen: by the time its answer to a later DM is in,
        # an answer to the retry would have been posted too.
        dm = {"type": "message", "channel_type": "im", "user": "U9", "text": QUESTION, "ts": "700.9", "channel": "DMARK2"}  # fmt: skip
        post_event(two, event_callback("Ev-two-workers-marker", dm))
        wait_for_answer(slack, "DMARK2")
    in_channel = [c for c in slack.calls_to("chat.postMessage") if c.get("channel") == "CW"]
    assert len(in_channel) == 1
    answers = [u for u in slack.calls_to("chat.update") if u.get("channel") == "CW"]
    assert len(answers) == 1
    assert "58" in answers[0]["text"]
