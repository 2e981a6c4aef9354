"""The Bolt app: answers @mentions (in a thread), DMs and /ask, with the shared answer engine.
Scope tokens in the text (`source:cnn since:2025-01-01`, see scope_tokens) scope the question.
Each answer carries a "Not helpful" button and names its answer_id in the message metadata;
reactions and the button's modal are stored as feedback (feedback.py).

Slack wants an acknowledgement within 3 seconds: Bolt acknowledges at once and runs these
listeners in its thread pool; each posts "Looking…" first, then updates it with the answer.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from assistant.container import Container
from assistant.errors import InputError
from assistant.schema import Answer
from assistant.slack.blocks import MAX_BLOCKS, Block, answer_blocks, escape, fallback_text
from assistant.slack.claims import EventClaims
from assistant.slack.feedback import SlackFeedback
from assistant.slack.feedback_view import answer_metadata, not_helpful_button
from assistant.slack.scope_tokens import scope_tokens, split_scope
from assistant.slack.thread import LOOKING, clean_question, thread_history, thread_scope

log = logging.getLogger(__name__)
EXAMPLE = "How many action points does the campaign have?"
SCOPE_HELP = (
    'Narrow it with `source:NAME` (repeatable; `source:"Two Words"`), `since:YYYY-MM-DD`, '
    "`until:YYYY-MM-DD` or `as_of:YYYY-MM-DD` anywhere in the question, "
    "e.g. `/ask source:reuters since:2025-01-01 What did the council decide?`"
)
SHARE_ACTION = "share_answer"


@dataclass(frozen=True)
class Reply:
    blocks: list[Block]
    text: str
    answer_id: str | None = None  # None for a refusal or an apology (or the answer log off)

    def metadata(self) -> dict[str, Any] | None:
        return answer_metadata(self.answer_id) if self.answer_id else None


class SlackBot:
    """Turns Slack events into questions for the engine and answers into Slack messages."""

    def __init__(self, container: Container, client: WebClient) -> None:
        self._container = container
        self._client = client
        self._claims = EventClaims(container.store.client, container.settings.collection)
        self._feedback = SlackFeedback(container, client)

    def build(self) -> App:
        secret = self._container.settings.slack_signing_secret
        app = App(
            client=self._client,
            # Socket Mode has no signing secret: its requests come over Slack's own socket.
            signing_secret=secret.get_secret_value() if secret else None,
            request_verification_enabled=secret is not None,
            token_verification_enabled=False,  # no call to Slack at start-up; auth.test runs lazily
            process_before_response=False,
        )
        app.middleware(self._claims.middleware)
        app.event("app_mention")(self._on_mention)
        app.event("message")(self._on_message)
        app.command("/ask")(self._on_command)
        app.action(SHARE_ACTION)(self._on_share)
        self._feedback.register(app)
        return app

    # -- listeners -------------------------------------------------------------------------

    def _on_mention(self, event: dict[str, Any], context: Any) -> None:
        in_thread = bool(event.get("thread_ts"))
        self.reply(
            channel=event["channel"],
            thread_ts=event.get("thread_ts") or event["ts"],
            current_ts=event["ts"],
            text=event.get("text", ""),
            in_thread=in_thread,
            bot_user_id=context.bot_user_id,
        )

    def _on_message(self, event: dict[str, Any], context: Any) -> None:
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return
        thread_ts = event.get("thread_ts")
        self.reply(
            channel=event["channel"],
            thread_ts=thread_ts,
            current_ts=event["ts"],
            text=event.get("text", ""),
            in_thread=bool(thread_ts),
            bot_user_id=context.bot_user_id,
        )

    def _on_command(self, ack: Any, command: dict[str, Any], respond: Any) -> None:
        question = command.get("text", "").strip()
        try:
            bare, _ = split_scope(question)
        except InputError as exc:
            ack(response_type="ephemeral", text=_refusal(exc))
            return
        if not bare:
            usage = f"Usage: `/ask <question>`, e.g. `/ask {EXAMPLE}`\n{SCOPE_HELP}"
            ack(response_type="ephemeral", text=usage)
            return
        ack(response_type="ephemeral", text=LOOKING)
        share = {
            "type": "button",
            "action_id": SHARE_ACTION,
            "text": {"type": "plain_text", "text": "Share in channel"},
            "value": question[:1900],
        }
        reply = self._answer_or_apology(question, [], share=share)
        respond(
            response_type="ephemeral", replace_original=True, text=reply.text, blocks=reply.blocks
        )

    def _on_share(self, ack: Any, body: dict[str, Any], respond: Any) -> None:
        ack()
        question = body["actions"][0]["value"]
        user = body.get("user", {}).get("id", "someone")
        reply = self._answer_or_apology(question, [])
        asked = {
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": f"<@{user}> asked: {escape(question)}"}],
        }
        blocks = [asked, *reply.blocks]
        del blocks[MAX_BLOCKS - 1 : -1]  # over the limit: the last sources go, the buttons stay
        channel = body["channel"]["id"]
        posted = self._client.chat_postMessage(
            channel=channel, text=reply.text, blocks=blocks, metadata=reply.metadata()
        )
        if reply.answer_id:
            self._feedback.link(reply.answer_id, channel, str(posted["ts"]))
        respond(delete_original=True)

    # -- answering -------------------------------------------------------------------------

    def reply(
        self,
        *,
        channel: str,
        thread_ts: str | None,
        current_ts: str,
        text: str,
        in_thread: bool,
        bot_user_id: str | None,
    ) -> None:
        """Post "Looking…", then replace it with the cited answer (or a short apology)."""
        placeholder = self._client.chat_postMessage(
            channel=channel, thread_ts=thread_ts, text=LOOKING
        )
        history = []
        question = clean_question(text)
        if in_thread and thread_ts:
            replies = self._client.conversations_replies(channel=channel, ts=thread_ts, limit=50)
            earlier: list[dict[str, Any]] = replies.get("messages", [])
            history = thread_history(earlier, bot_user_id=bot_user_id, current_ts=current_ts)
            if not scope_tokens(question):  # a follow-up keeps the thread's scope
                question = f"{thread_scope(earlier, current_ts=current_ts)} {question}".strip()
        reply = self._answer_or_apology(question, history)
        ts = str(placeholder["ts"])
        if reply.answer_id:  # before the answer shows, so a reaction on it finds the answer
            self._feedback.link(reply.answer_id, channel, ts)
        self._client.chat_update(
            channel=channel, ts=ts, text=reply.text, blocks=reply.blocks, metadata=reply.metadata()
        )

    def _answer_or_apology(
        self, text: str, history: list[Any], *, share: Block | None = None
    ) -> Reply:
        """`text` is the question with any scope tokens (`source:…`, `since:…`) still in it.
        An answer gets a "Not helpful" button, after `share` (a button) when given."""
        buttons = [share] if share else []
        try:
            question, scope = split_scope(text)
            answer = self._container.engine.ask(question, history, scope=scope)
        except InputError as exc:
            message = _refusal(exc)
            return Reply(_with_buttons([_section(message)], buttons), message)
        except Exception as exc:  # never a stack trace in Slack; the log has it, under the id
            return self._apology(exc, buttons)
        if answer.answer_id:
            buttons.append(not_helpful_button(answer.answer_id))
        blocks = answer_blocks(answer, self._urls(answer), actions=buttons)
        return Reply(blocks, fallback_text(answer), answer.answer_id)

    def _apology(self, exc: Exception, buttons: list[Block]) -> Reply:
        error_id = uuid.uuid4().hex[:12]
        log.error("slack answer failed error_id=%s", error_id, exc_info=exc)
        message = f"Sorry, something went wrong while answering. (error id: {error_id})"
        return Reply(_with_buttons([_section(message)], buttons), message)

    def _urls(self, answer: Answer) -> dict[str, str]:
        docs = self._container.store.get_documents(
            {c.doc_id for c in answer.citations}, with_text=False
        )
        return {
            doc_id: str(doc.metadata["url"])
            for doc_id, doc in docs.items()
            if doc.metadata.get("url")
        }


def _refusal(exc: InputError) -> str:
    """One line; escaped, since the reason may repeat what the user typed (`source:<!here>`)."""
    return f"I could not take that question ({escape(str(exc))}). Try, for example: _{EXAMPLE}_"


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _with_buttons(blocks: list[Block], buttons: list[Block]) -> list[Block]:
    return [*blocks, {"type": "actions", "elements": buttons}] if buttons else blocks


def build_slack_app(container: Container) -> App:
    settings = container.settings
    assert settings.slack_bot_token is not None
    client = WebClient(
        token=settings.slack_bot_token.get_secret_value(), base_url=settings.slack_api_url
    )
    return SlackBot(container, client).build()
