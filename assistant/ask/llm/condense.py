"""Follow-up questions with an LLM: rewrite the question from the conversation before retrieval.

"How many action points does it have?" after a turn about Baogang's campaign becomes "How many
action points does Baogang's campaign have?", which retrieves and reads on its own. A reply that
is empty, several lines of prose or too long is not trusted; the caller then falls back to the
keyword heuristic of `assistant.ask.followup`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from assistant.ask.answer.citations import strip_markers
from assistant.ask.llm.client import ChatClient, Message
from assistant.prompts import Prompts
from assistant.schema import Turn

log = logging.getLogger(__name__)

_TURN_CHARS = 300  # each earlier turn is cut to this, so the prompt stays small
_MAX_TOKENS = 64
_LABEL = re.compile(r"^\s*(?:rewritten|standalone)?\s*question\s*:\s*", re.IGNORECASE)


class Condenser:
    def __init__(self, chat: ChatClient, prompts: Prompts, *, turns: int, max_chars: int) -> None:
        self._chat = chat
        self._prompts = prompts
        self.turns = turns
        self.max_chars = max_chars

    def rewrite(self, question: str, history: Sequence[Turn]) -> str | None:
        """The question made standalone, or None when the model's reply is not usable."""
        earlier = [t for t in history if t.role in ("user", "assistant") and t.content.strip()]
        earlier = earlier[-2 * self.turns :] if self.turns else []
        if not earlier:
            return None
        lines = [f"{t.role.title()}: {_brief(t.content)}" for t in earlier]
        prompt = self._prompts.render("condense", history="\n".join(lines), question=question)
        reply = self._chat.complete([Message("user", prompt)], max_tokens=_MAX_TOKENS)
        rewritten = _clean(reply)
        if not rewritten or len(rewritten) > self.max_chars:
            log.info("follow-up rewrite not usable: %r", reply[:200])
            return None
        log.info("follow-up rewritten: %r -> %r", question, rewritten)
        return rewritten


def _brief(text: str) -> str:
    # An assistant turn may carry citation blocks and "Closest passages" lists: its first
    # paragraph, without markers, is what later questions refer to.
    first = strip_markers(text.strip().split("\n\n", 1)[0])
    return first if len(first) <= _TURN_CHARS else first[:_TURN_CHARS] + "…"


def _clean(reply: str) -> str:
    lines = [line.strip() for line in reply.strip().splitlines() if line.strip()]
    if not lines or (len(lines) > 1 and not lines[0].endswith("?")):
        return ""  # prose, not a question
    return _LABEL.sub("", lines[0]).strip().strip("\"'“”").strip()
