"""A Slack thread as conversation history, so follow-up questions in a thread work."""

from __future__ import annotations

import re
from typing import Any

from assistant.schema import Turn
from assistant.slack.scope_tokens import scope_tokens, strip_tokens

_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
LOOKING = "Looking through the articles…"


def clean_question(text: str) -> str:
    """The message without @-mentions of the bot (or anyone)."""
    return " ".join(_MENTION.sub(" ", text).split())


def thread_history(
    messages: list[dict[str, Any]], *, bot_user_id: str | None, current_ts: str
) -> list[Turn]:
    """Earlier messages of the thread, oldest first; the bot's own replies are assistant turns.
    Scope tokens (`source:…`, `since:…`) are left out of the user's turns: they scoped that
    question, and are no words to search for."""
    turns: list[Turn] = []
    for message in messages:
        if message.get("ts") == current_ts:
            break
        text = message.get("text") or ""
        from_bot = bool(message.get("bot_id")) or (
            bot_user_id is not None and message.get("user") == bot_user_id
        )
        if from_bot:
            if text and text != LOOKING:
                turns.append(Turn(role="assistant", content=text))
        elif cleaned := strip_tokens(clean_question(text)):
            turns.append(Turn(role="user", content=cleaned))
    return turns


def thread_scope(messages: list[dict[str, Any]], *, current_ts: str) -> str:
    """The scope tokens a thread's follow-up inherits: those of the latest earlier message that
    gave any ("And who complained?" under a `source:valley` question stays in the Valley Post)."""
    inherited = ""
    for message in messages:
        if message.get("ts") == current_ts:
            break
        if not message.get("bot_id") and (tokens := scope_tokens(message.get("text") or "")):
            inherited = tokens
    return inherited
