"""The event stream the HTTP API and UI use: tokens, then verified citations, then the answer."""

from __future__ import annotations

import asyncio

from assistant.container import Container
from assistant.schema import AnswerEvent, CitationsEvent, FinalEvent, TokenEvent


def collect(container: Container, question: str) -> list[AnswerEvent]:
    async def run() -> list[AnswerEvent]:
        return [event async for event in container.engine.stream(question)]

    return asyncio.run(run())


def test_tokens_then_citations_then_final(seeded: Container) -> None:
    events = collect(seeded, "How many action points does the campaign have?")
    kinds = [type(e) for e in events]
    assert kinds[-2:] == [CitationsEvent, FinalEvent]
    assert set(kinds[:-2]) == {TokenEvent}
    final = events[-1]
    assert isinstance(final, FinalEvent)
    streamed = "".join(e.text for e in events if isinstance(e, TokenEvent))
    assert streamed == final.answer.answer
    assert "58" in streamed
    citations = events[-2]
    assert isinstance(citations, CitationsEvent)
    assert citations.citations == final.answer.citations
