"""Users teach the evaluator from Slack: reactions on an answer and the "Not helpful" modal, sent
as signed requests to the real app, are stored against the answer the message shows."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from typing import Any

from assistant.container import Container
from assistant.feedback.records import FeedbackRecord
from assistant.slack.claims import claims_collection_name
from tests.assistant.server.live_server import LiveServer
from tests.assistant.slack.conftest import (
    FEEDBACK_SECRET,
    event_callback,
    post_event,
    post_form,
)
from tests.assistant.slack.slack_standin import SlackStandIn

QUESTION = "How many key tasks and action points does the campaign include?"


def pseudonym(user_id: str) -> str:
    return hmac.new(FEEDBACK_SECRET.encode(), user_id.encode(), hashlib.sha256).hexdigest()[:32]


def feedback_on(container: Container, answer_id: str) -> list[FeedbackRecord]:
    return [r for r in container.feedback.all() if r.answer.answer_id == answer_id]


def wait_for_feedback(container: Container, answer_id: str, count: int) -> list[FeedbackRecord]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = feedback_on(container, answer_id)
        if len(found) >= count:
            return found
        time.sleep(0.05)
    raise AssertionError(f"no {count} feedback records for {answer_id}: {found}")


def answered_mention(bot_server: LiveServer, slack: SlackStandIn, channel: str) -> dict[str, Any]:
    event = {"type": "app_mention", "user": "U1", "text": f"<@UBOT> {QUESTION}", "ts": "600.1", "channel": channel}  # fmt: skip
    post_event(bot_server, event_callback(f"Ev-fb-{channel}", event))
    for count in itertools.count(1):
        found = [u for u in slack.wait_for("chat.update", count=count) if u["channel"] == channel]
        if found:
            return found[0]
    raise AssertionError("unreachable")


def reaction(event_id: str, name: str, *, user: str, ts: str, item_user: str | None = "UBOT") -> dict[str, object]:  # fmt: skip
    event: dict[str, object] = {
        "type": "reaction_added", "user": user, "reaction": name,
        "item": {"type": "message", "channel": "CFB", "ts": ts}, "event_ts": f"{time.time():.6f}",
    }  # fmt: skip
    if item_user:
        event["item_user"] = item_user
    return event_callback(event_id, event)


def interaction(bot_server: LiveServer, payload: dict[str, object]) -> dict[str, Any]:
    base = {"team": {"id": "T1"}, "user": {"id": "U7"}, "api_app_id": "A1", "token": "legacy"}
    response = post_form(bot_server, {"payload": json.dumps({**base, **payload})})
    assert response.status_code == 200, response.text
    return response.json() if response.content else {}


def submission(answer_id: str, *, reason: str | None, comment: str | None, correct: str | None) -> dict[str, object]:  # fmt: skip
    chosen = {"type": "radio_buttons", "selected_option": {"value": reason} if reason else None}
    values = {
        "reason": {"value": chosen},
        "comment": {"value": {"type": "plain_text_input", "value": comment}},
        "correct_answer": {"value": {"type": "plain_text_input", "value": correct}},
    }
    view = {"id": "V1", "type": "modal", "callback_id": "answer_feedback", "private_metadata": answer_id, "state": {"values": values}}  # fmt: skip
    return {"type": "view_submission", "trigger_id": "trig-2", "view": view}


def test_an_answer_names_its_answer_id_in_metadata_and_its_message_finds_it(
    bot: tuple[Container, LiveServer], slack: SlackStandIn
) -> None:
    container, server = bot
    update = answered_mention(server, slack, "CMETA")
    metadata = update["metadata"]
    assert isinstance(metadata, dict)
    assert metadata["event_type"] == "answer"
    answer_id = metadata["event_payload"]["answer_id"]
    assert container.answer_log.get(answer_id).question == QUESTION
    linked = container.answer_log.find_slack("CMETA", str(update["ts"]))
    assert linked is not None
    assert linked.answer_id == answer_id
    buttons = update["blocks"][-1]["elements"]
    assert [(b["action_id"], b["value"]) for b in buttons] == [("not_helpful", answer_id)]


def test_thumbs_reactions_on_an_answer_are_stored_as_its_ratings_and_others_are_ignored(
    bot: tuple[Container, LiveServer], slack: SlackStandIn
) -> None:
    container, server = bot
    update = answered_mention(server, slack, "CFB")
    answer_ts = str(update["ts"])
    answer_id = update["metadata"]["event_payload"]["answer_id"]
    before = len(container.feedback.all())
    ignored = [
        reaction("Ev-r-tada", "tada", user="U1", ts=answer_ts),  # not a rating
        reaction("Ev-r-question", "+1", user="U1", ts="600.1", item_user="U1"),  # the question
        reaction("Ev-r-other", "-1", user="U1", ts="1.1", item_user=None),  # no answer there
    ]
    for payload in ignored:
        assert post_event(server, payload).status_code == 200
    up = reaction("Ev-r-up", "+1::skin-tone-3", user="U1", ts=answer_ts)
    down = reaction("Ev-r-down", "thumbsdown", user="U2", ts=answer_ts)
    assert post_event(server, up).status_code == 200
    assert post_event(server, down).status_code == 200
    assert post_event(server, up, extra={"X-Slack-Retry-Num": "1"}).status_code == 200

    records = wait_for_feedback(container, answer_id, 2)
    answered_mention(server, slack, "CSETTLE")  # time for anything ignored to have been stored
    assert len(container.feedback.all()) == before + 2
    ratings = {r.user: r.rating for r in feedback_on(container, answer_id)}
    assert ratings == {pseudonym("U1"): "up", pseudonym("U2"): "down"}
    assert all(r.surface == "slack" and r.reason is None for r in records)
    assert all(r.answer.question == QUESTION for r in records)
    claims = container.store.client.get_collection(
        claims_collection_name(container.settings.collection)
    )
    claimed = set(claims.get(ids=["Ev-r-tada", "Ev-r-up", "Ev-r-down"])["ids"])
    assert claimed == {"Ev-r-up", "Ev-r-down"}  # a reaction that rates nothing claims nothing


def test_not_helpful_opens_the_modal_and_its_submission_is_stored_against_the_answer(
    bot: tuple[Container, LiveServer], slack: SlackStandIn, slack_api: tuple[SlackStandIn, LiveServer]
) -> None:  # fmt: skip
    container, server = bot
    _, api = slack_api
    post_form(server, {"command": "/ask", "text": QUESTION, "user_id": "U7", "channel_id": "C1", "team_id": "T1", "response_url": f"{api.url}/respond/fb", "trigger_id": "t1"})  # fmt: skip
    buttons = slack.wait_for("respond:fb")[0]["blocks"][-1]["elements"]
    assert [b["action_id"] for b in buttons] == ["share_answer", "not_helpful"]
    answer_id = buttons[1]["value"]

    click: dict[str, object] = {"type": "block_actions", "trigger_id": "trig-1", "channel": {"id": "C1"}, "actions": [buttons[1]]}  # fmt: skip
    interaction(server, click)
    opened = slack.wait_for("views.open")[0]
    assert opened["trigger_id"] == "trig-1"
    view = opened["view"]
    assert (view["callback_id"], view["private_metadata"]) == ("answer_feedback", answer_id)
    reasons = [o["value"] for o in view["blocks"][0]["element"]["options"]]
    assert reasons == ["wrong_answer", "wrong_source", "should_abstain", "other"]

    too_long = interaction(server, submission(answer_id, reason="other", comment="x" * 2001, correct=None))  # fmt: skip
    assert too_long["response_action"] == "errors"
    assert set(too_long["errors"]) == {"comment"}
    no_reason = interaction(server, submission(answer_id, reason=None, comment=None, correct=None))
    assert set(no_reason["errors"]) == {"reason"}
    assert feedback_on(container, answer_id) == []

    done = interaction(server, submission(answer_id, reason="wrong_source", comment="  The quote is from another article. ", correct="58 action points"))  # fmt: skip
    assert done["response_action"] == "update"
    [record] = feedback_on(container, answer_id)
    assert (record.rating, record.reason, record.surface) == ("down", "wrong_source", "slack")
    assert record.comment == "The quote is from another article."
    assert record.correct_answer == "58 action points"
    assert record.user == pseudonym("U7")
    assert record.user != "U7"
    assert record.answer.question == QUESTION


def test_a_submission_for_an_answer_the_log_does_not_hold_is_refused_in_the_modal(
    bot: tuple[Container, LiveServer],
) -> None:
    container, server = bot
    before = len(container.feedback.all())
    refused = interaction(server, submission("0" * 32, reason="other", comment=None, correct=None))
    assert refused["response_action"] == "errors"
    assert "no longer in the answer log" in refused["errors"]["reason"]
    assert len(container.feedback.all()) == before
