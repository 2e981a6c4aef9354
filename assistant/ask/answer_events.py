"""A finished answer as the stream of events `stream` yields, and an event stream's answer."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.schema import Answer, AnswerEvent, CitationsEvent, FinalEvent, TokenEvent

TOKEN_PIECES = re.compile(r"\S+\s*|\s+")


def answer_events(answer: Answer) -> Iterator[AnswerEvent]:
    """A finished answer as events: its text in word-sized tokens, its citations, itself."""
    for piece in TOKEN_PIECES.findall(answer.answer):
        yield TokenEvent(text=piece)
    yield CitationsEvent(citations=answer.citations)
    yield FinalEvent(answer=answer)


def final_answer(events: Iterator[AnswerEvent]) -> Answer:
    answer: Answer | None = None
    for event in events:
        if isinstance(event, FinalEvent):
            answer = event.answer
    assert answer is not None  # every event stream ends with the final answer
    return answer
