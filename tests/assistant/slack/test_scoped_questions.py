"""Scope tokens in Slack questions reach the engine: through the real Bolt app, on a corpus of two
sources and three dates, the same question cites different articles under different scopes."""

from __future__ import annotations

from typing import Any

import pytest

from tests.assistant.server.live_server import LiveServer
from tests.assistant.slack.conftest import event_callback, post_event, post_form
from tests.assistant.slack.slack_standin import SlackStandIn

QUESTION = "How much will the Harbor Bridge repair cost?"
ARTICLES = {  # doc id → (title, published, the figure it gives)
    "harbor-bridge-feb20.md": (
        "Harbor Bridge repair bill rises to $19 million",
        "2025-02-20",
        "$19 million",
    ),
    "harbor-bridge-feb03.md": (
        "Harbor Bridge repairs to cost $12 million, engineers say",
        "2025-02-03",
        "$12 million",
    ),
    "harbor-bridge-valley.md": (
        "Valley firms worry about Harbor Bridge closures",
        "2025-01-15",
        "$9 million",
    ),
}


def first_source(blocks: list[dict[str, Any]]) -> str:
    return str(next(b for b in blocks if b["type"] == "context")["elements"][0]["text"])


def assert_cites_first(message: dict[str, Any], doc_id: str) -> None:
    title, published, figure = ARTICLES[doc_id]
    assert first_source(message["blocks"]).startswith(f"[1] *{title}* ({published}) — “")
    assert figure in message["text"]


def ask_command(server: LiveServer, api: LiveServer, text: str, hook: str) -> dict[str, Any]:
    """`/ask text`; the immediate (ephemeral) acknowledgement."""
    fields = {
        "command": "/ask", "text": text, "user_id": "U1", "channel_id": "C1", "team_id": "T1",
        "response_url": f"{api.url}/respond/{hook}", "trigger_id": "t1",
    }  # fmt: skip
    response = post_form(server, fields)
    assert response.status_code == 200
    return dict(response.json())


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        (QUESTION, "harbor-bridge-feb20.md"),
        (f"source:valley {QUESTION}", "harbor-bridge-valley.md"),
        (f"{QUESTION} until:2025-01-31", "harbor-bridge-valley.md"),
        (f"as_of:2025-02-10 {QUESTION}", "harbor-bridge-feb03.md"),
    ],
    ids=["no-scope", "source", "until", "as-of"],
)
def test_slash_command_scope_tokens_decide_which_article_is_cited(
    dated_bot_server: LiveServer,
    slack: SlackStandIn,
    slack_api: tuple[SlackStandIn, LiveServer],
    text: str,
    cited: str,
) -> None:
    _, api = slack_api
    hook = f"scoped-{cited}-{len(text)}"
    assert ask_command(dated_bot_server, api, text, hook)["text"] == "Looking through the articles…"
    answer = slack.wait_for(f"respond:{hook}")[0]
    assert_cites_first(answer, cited)
    share = answer["blocks"][-1]["elements"][0]
    assert share["value"] == text  # sharing asks again in the same scope


def test_mention_takes_a_quoted_source_and_as_of_anywhere(
    dated_bot_server: LiveServer, slack: SlackStandIn
) -> None:
    text = f'<@UBOT> source:"River Times" {QUESTION} as-of:2025-02-10'
    event = {"type": "app_mention", "user": "U1", "text": text, "ts": "700.1", "channel": "C1"}
    post_event(dated_bot_server, event_callback("Ev-scoped-mention", event))
    assert slack.wait_for("chat.postMessage")[0]["thread_ts"] == "700.1"
    update = slack.wait_for("chat.update")[0]
    assert_cites_first(update, "harbor-bridge-feb03.md")
    valley_title = ARTICLES["harbor-bridge-valley.md"][0]
    assert valley_title not in str(update["blocks"])  # as of that day alone, it would be cited


def test_direct_message_takes_comma_separated_sources(
    dated_bot_server: LiveServer, slack: SlackStandIn
) -> None:
    event = {"type": "message", "channel_type": "im", "user": "U1", "text": f"source:cnn,valley {QUESTION}", "ts": "710.1", "channel": "D1"}  # fmt: skip
    post_event(dated_bot_server, event_callback("Ev-scoped-dm", event))
    assert_cites_first(slack.wait_for("chat.update")[0], "harbor-bridge-valley.md")


def test_a_bad_date_in_slash_command_is_a_one_line_private_refusal(
    dated_bot_server: LiveServer, slack_api: tuple[SlackStandIn, LiveServer]
) -> None:
    _, api = slack_api
    ack = ask_command(dated_bot_server, api, f"since:2025-02-30 {QUESTION}", "bad-date")
    assert ack["response_type"] == "ephemeral"
    assert ack["text"].startswith(
        "I could not take that question (since:2025-02-30 is not a date; write it as YYYY-MM-DD)"
    )
    assert "\n" not in ack["text"]


def test_a_bad_date_in_a_mention_is_refused_in_its_thread(
    dated_bot_server: LiveServer, slack: SlackStandIn
) -> None:
    text = f"<@UBOT> until:yesterday {QUESTION}"
    event = {"type": "app_mention", "user": "U1", "text": text, "ts": "720.1", "channel": "C1"}
    post_event(dated_bot_server, event_callback("Ev-scoped-bad-date", event))
    assert slack.wait_for("chat.postMessage")[0]["thread_ts"] == "720.1"
    update = slack.wait_for("chat.update")[0]
    assert "until:yesterday is not a date" in update["text"]
    assert [b["type"] for b in update["blocks"]] == ["section"]


def test_an_unknown_source_is_refused_naming_the_sources_there_are(
    dated_bot_server: LiveServer, slack: SlackStandIn, slack_api: tuple[SlackStandIn, LiveServer]
) -> None:
    _, api = slack_api
    ask_command(dated_bot_server, api, f"source:cnn {QUESTION}", "unknown-source")
    refusal = slack.wait_for("respond:unknown-source")[0]["text"]
    assert "no source matches cnn; sources: River Times, Valley Post" in refusal


def test_slash_command_with_only_tokens_gets_usage_naming_them(
    dated_bot_server: LiveServer, slack_api: tuple[SlackStandIn, LiveServer]
) -> None:
    _, api = slack_api
    usage = ask_command(dated_bot_server, api, "source:valley since:2025-01-01", "usage")["text"]
    assert usage.startswith("Usage: `/ask <question>`")
    assert all(key in usage for key in ("source:", "since:", "until:", "as_of:"))


def test_a_thread_follow_up_keeps_the_scope_of_the_question_it_follows(
    dated_bot_server: LiveServer, slack: SlackStandIn
) -> None:
    slack.threads[("C1", "720.1")] = [
        {"user": "U1", "text": f"<@UBOT> source:valley {QUESTION}", "ts": "720.1"},
        {"user": "UBOT", "bot_id": "BBOT", "text": "Engineers first estimated … $9 million. [1]", "ts": "720.2"},
        {"user": "U1", "text": f"<@UBOT> {QUESTION}", "ts": "720.5"},
    ]  # fmt: skip
    event = {
        "type": "app_mention", "user": "U1", "text": f"<@UBOT> {QUESTION}",
        "ts": "720.5", "thread_ts": "720.1", "channel": "C1",
    }  # fmt: skip
    post_event(dated_bot_server, event_callback("Ev-scoped-thread", event))
    assert_cites_first(slack.wait_for("chat.update")[0], "harbor-bridge-valley.md")
