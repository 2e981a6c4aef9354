"""Signed requests to the real app over HTTP lead to the right Slack Web API calls."""

from __future__ import annotations

import itertools
import json
import time

from tests.assistant.server.live_server import LiveServer
from tests.assistant.slack.conftest import event_callback, post_event, post_form
from tests.assistant.slack.slack_standin import SlackStandIn

QUESTION = "How many key tasks and action points does the campaign include?"


def blocks_text(blocks: list[dict[str, object]]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def settle(bot_server: LiveServer, slack: SlackStandIn, marker: str) -> None:
    """Wait for the answer to a DM sent after the events under test, instead of sleeping: an
    answer takes a retrieval, so whatever the bot would have posted for the earlier events
    (ignored, forged or retried ones) has been posted by the time the marker's answer is."""
    dm = {"type": "message", "channel_type": "im", "user": "U9", "text": QUESTION, "ts": f"{marker}.9", "channel": "DMARK"}  # fmt: skip
    post_event(bot_server, event_callback(f"Ev-marker-{marker}", dm))
    for count in itertools.count(1):
        if any(u.get("channel") == "DMARK" for u in slack.wait_for("chat.update", count=count)):
            return


def posts_outside_the_marker(slack: SlackStandIn, method: str) -> list[dict[str, object]]:
    return [c for c in slack.calls_to(method) if c.get("channel") != "DMARK"]


def test_url_verification_echoes_the_challenge(bot_server: LiveServer, slack: SlackStandIn) -> None:
    response = post_event(
        bot_server, {"type": "url_verification", "challenge": "c-123", "token": "t"}
    )
    assert response.status_code == 200
    assert response.json() == {"challenge": "c-123"}


def test_mention_is_answered_in_its_thread_with_cited_sources(
    bot_server: LiveServer, slack: SlackStandIn
) -> None:
    event = {
        "type": "app_mention",
        "user": "U1",
        "text": f"<@UBOT> {QUESTION}",
        "ts": "100.1",
        "channel": "C1",
    }
    response = post_event(bot_server, event_callback("Ev-mention", event))
    assert response.status_code == 200
    posted = slack.wait_for("chat.postMessage")[0]
    assert posted["channel"] == "C1"
    assert posted["thread_ts"] == "100.1"
    assert posted["text"] == "Looking through the articles…"
    update = slack.wait_for("chat.update")[0]
    assert update["ts"].startswith("900.")
    assert "17 key tasks and 58 specific action points" in update["text"]
    assert "[1]" in update["text"]
    blocks = update["blocks"]
    assert blocks[0]["type"] == "section"
    sources = [b for b in blocks if b["type"] == "context"]
    assert sources
    assert "[1] *Baogang Group" in sources[0]["elements"][0]["text"]
    assert any("58 specific action points" in s["elements"][0]["text"] for s in sources)


def test_thread_follow_up_uses_the_thread_history(
    bot_server: LiveServer, slack: SlackStandIn
) -> None:
    slack.threads[("C1", "200.1")] = [
        {"user": "U1", "text": "<@UBOT> What campaign did Baogang launch?", "ts": "200.1"},
        {"user": "UBOT", "bot_id": "BBOT", "text": "Baogang Group launches a new corporate reform campaign. [1]", "ts": "200.2"},
        {"user": "U1", "text": "<@UBOT> And how many action points?", "ts": "200.5"},
    ]  # fmt: skip
    event = {
        "type": "app_mention", "user": "U1", "text": "<@UBOT> And how many action points?",
        "ts": "200.5", "thread_ts": "200.1", "channel": "C1",
    }  # fmt: skip
    post_event(bot_server, event_callback("Ev-thread", event))
    replies = slack.wait_for("conversations.replies")[0]
    assert (replies["channel"], replies["ts"]) == ("C1", "200.1")
    assert slack.wait_for("chat.postMessage")[0]["thread_ts"] == "200.1"
    assert "58" in slack.wait_for("chat.update")[0]["text"]


def test_direct_message_is_answered_in_the_dm(bot_server: LiveServer, slack: SlackStandIn) -> None:
    event = {"type": "message", "channel_type": "im", "user": "U1", "text": "Who chairs the leadership team?", "ts": "300.1", "channel": "D1"}  # fmt: skip
    post_event(bot_server, event_callback("Ev-dm", event))
    posted = slack.wait_for("chat.postMessage")[0]
    assert posted["channel"] == "D1"
    assert "thread_ts" not in posted or not posted["thread_ts"]
    assert "Party Secretary and Chairman" in slack.wait_for("chat.update")[0]["text"]


def test_bot_messages_and_channel_messages_are_ignored(
    bot_server: LiveServer, slack: SlackStandIn
) -> None:
    own = {"type": "message", "channel_type": "im", "bot_id": "BBOT", "text": "58 action points", "ts": "310.1", "channel": "D1"}  # fmt: skip
    channel = {"type": "message", "channel_type": "channel", "user": "U1", "text": "hello", "ts": "310.2", "channel": "C1"}  # fmt: skip
    post_event(bot_server, event_callback("Ev-own", own))
    post_event(bot_server, event_callback("Ev-chan", channel))
    settle(bot_server, slack, "310")
    assert posts_outside_the_marker(slack, "chat.postMessage") == []


def test_slash_command_answers_privately_with_a_share_button(
    bot_server: LiveServer, slack: SlackStandIn, slack_api: tuple[SlackStandIn, LiveServer]
) -> None:
    _, api = slack_api
    response = post_form(
        bot_server,
        {
            "command": "/ask", "text": QUESTION, "user_id": "U1", "channel_id": "C1",
            "team_id": "T1", "response_url": f"{api.url}/respond/cmd1", "trigger_id": "t1",
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert response.json()["response_type"] == "ephemeral"
    answer = slack.wait_for("respond:cmd1")[0]
    assert answer["response_type"] == "ephemeral"
    assert "58" in answer["text"]
    button = answer["blocks"][-1]["elements"][0]
    assert (button["action_id"], button["value"]) == ("share_answer", QUESTION)

    action = {
        "type": "block_actions", "team": {"id": "T1"}, "user": {"id": "U1"},
        "channel": {"id": "C1"}, "response_url": f"{api.url}/respond/act1", "trigger_id": "t2",
        "actions": [{"action_id": "share_answer", "value": QUESTION, "type": "button"}],
        "api_app_id": "A1", "token": "legacy",
    }  # fmt: skip
    assert post_form(bot_server, {"payload": json.dumps(action)}).status_code == 200
    shared = slack.wait_for("chat.postMessage")[0]
    assert shared["channel"] == "C1"
    assert "<@U1> asked:" in blocks_text(shared["blocks"])
    assert "58" in shared["text"]
    answer_id = shared["metadata"]["event_payload"]["answer_id"]  # the shared answer's own
    assert shared["blocks"][-1]["elements"][0] == {**button, "action_id": "not_helpful", "value": answer_id, "text": {"type": "plain_text", "text": "Not helpful"}}  # fmt: skip
    assert slack.wait_for("respond:act1")[0]["delete_original"] in (True, "true")


def test_empty_slash_command_gets_usage(bot_server: LiveServer, slack: SlackStandIn) -> None:
    response = post_form(bot_server, {"command": "/ask", "text": " ", "user_id": "U1", "channel_id": "C1", "team_id": "T1", "response_url": "http://127.0.0.1:9/x"})  # fmt: skip
    assert "Usage: `/ask <question>`" in response.json()["text"]


def test_bad_signature_or_stale_timestamp_gets_401_and_no_answer(
    bot_server: LiveServer, slack: SlackStandIn
) -> None:
    event = {"type": "app_mention", "user": "U1", "text": f"<@UBOT> {QUESTION}", "ts": "400.1", "channel": "C1"}  # fmt: skip
    forged = post_event(bot_server, event_callback("Ev-forged", event), secret="not-the-secret")
    stale = post_event(
        bot_server, event_callback("Ev-stale", event), timestamp=int(time.time()) - 6 * 60
    )
    assert forged.status_code == 401
    assert stale.status_code == 401
    settle(bot_server, slack, "400")
    assert posts_outside_the_marker(slack, "chat.postMessage") == []
    assert posts_outside_the_marker(slack, "chat.update") == []


def test_a_retried_event_is_answered_once(bot_server: LiveServer, slack: SlackStandIn) -> None:
    event = {"type": "app_mention", "user": "U1", "text": f"<@UBOT> {QUESTION}", "ts": "500.1", "channel": "C1"}  # fmt: skip
    payload = event_callback("Ev-retried", event)
    assert post_event(bot_server, payload).status_code == 200
    retry = post_event(bot_server, payload, extra={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})  # fmt: skip
    assert retry.status_code == 200
    slack.wait_for("chat.update")
    settle(bot_server, slack, "500")
    assert len(posts_outside_the_marker(slack, "chat.postMessage")) == 1
    assert len(posts_outside_the_marker(slack, "chat.update")) == 1
