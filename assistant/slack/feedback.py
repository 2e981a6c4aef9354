"""Users teach the evaluator from Slack: a 👍/👎-like reaction on an answer, or the "Not helpful"
button and its modal, is stored as feedback on the logged answer (surface "slack"; the user id
is kept only as an HMAC, see FeedbackStore)."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from assistant.container import Container
from assistant.errors import AssistantError, NotFound
from assistant.feedback.records import FeedbackRequest
from assistant.slack.feedback_view import (
    FEEDBACK_VIEW,
    NOT_HELPFUL_ACTION,
    REASON_BLOCK,
    feedback_view,
    reaction_rating,
    read_feedback,
    thanks_view,
)

log = logging.getLogger(__name__)


class SlackFeedback:
    def __init__(self, container: Container, client: WebClient) -> None:
        self._container = container
        self._client = client

    def register(self, app: App) -> None:
        app.event("reaction_added")(self._on_reaction)
        app.action(NOT_HELPFUL_ACTION)(self._on_not_helpful)
        app.view(FEEDBACK_VIEW)(self._on_submit)

    def link(self, answer_id: str, channel: str, ts: str) -> None:
        """Remember that message `ts` shows the answer, so reactions on it find the answer."""
        try:
            self._container.answer_log.link_slack(answer_id, channel, ts)
        except AssistantError as exc:  # the answer is still shown; reactions on it are lost
            log.warning("slack message not linked to answer_id=%s: %s", answer_id, exc)

    def _on_reaction(self, event: dict[str, Any], context: Any) -> None:
        rating = reaction_rating(str(event.get("reaction", "")))
        item = event.get("item") or {}
        user = event.get("user")
        bot = context.bot_user_id
        if rating is None or item.get("type") != "message" or (bot and user == bot):
            return
        if bot and event.get("item_user") not in (None, bot):
            return  # someone else's message: no store call for it
        try:
            record = self._container.answer_log.find_slack(str(item["channel"]), str(item["ts"]))
            if record is None:
                return
            request = FeedbackRequest(answer_id=record.answer_id, rating=rating)
            self._container.feedback.add(request, surface="slack", user_id=user)
        except AssistantError as exc:
            log.error("slack reaction not stored error_id=%s", _error_id(), exc_info=exc)

    def _on_not_helpful(self, ack: Any, body: dict[str, Any]) -> None:
        ack()
        answer_id = str(body["actions"][0].get("value") or "")
        self._client.views_open(trigger_id=body["trigger_id"], view=feedback_view(answer_id))

    def _on_submit(self, ack: Any, body: dict[str, Any], view: dict[str, Any]) -> None:
        request = read_feedback(view)
        if isinstance(request, dict):
            ack(response_action="errors", errors=request)
            return
        user = (body.get("user") or {}).get("id")
        try:
            self._container.feedback.add(request, surface="slack", user_id=user)
        except NotFound:
            gone = "This answer is no longer in the answer log, so the feedback cannot be kept."
            ack(response_action="errors", errors={REASON_BLOCK: gone})
            return
        except AssistantError as exc:
            error_id = _error_id()
            log.error("slack feedback not stored error_id=%s", error_id, exc_info=exc)
            failed = f"Sorry, the feedback could not be saved. (error id: {error_id})"
            ack(response_action="errors", errors={REASON_BLOCK: failed})
            return
        ack(response_action="update", view=thanks_view())


def _error_id() -> str:
    return uuid.uuid4().hex[:12]
