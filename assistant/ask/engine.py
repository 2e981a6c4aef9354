"""The ask path every surface shares: question + history → retrieve → answer → verify → Answer."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable, Generator, Sequence

from assistant.ask.answer.abstention import abstention_text
from assistant.ask.answer.dating import with_date
from assistant.ask.answer.draft import Draft
from assistant.ask.answer.extractive import ExtractiveAnswerer
from assistant.ask.answer.generated_summary import summarize_with_model
from assistant.ask.answer.llm import LLMAnswerer, Outcome
from assistant.ask.answer.summary import Summarizer
from assistant.ask.answer.support import Asked
from assistant.ask.answer.verify import verify
from assistant.ask.answer_events import TOKEN_PIECES, answer_events, final_answer
from assistant.ask.followup import is_follow_up, retrieval_query
from assistant.ask.llm.condense import Condenser
from assistant.ask.overview import overview
from assistant.ask.retrieval.base import Retriever, SearchScope
from assistant.ask.scoping import search_scope
from assistant.errors import InputError
from assistant.schema import (
    Answer,
    AnswerEvent,
    CitationsEvent,
    FinalEvent,
    Scope,
    Timings,
    TokenEvent,
    Turn,
)
from index.store import ChromaStore

AnswerHook = Callable[[Answer, Sequence[Turn], Scope | None], Answer]


class AnswerEngine:
    def __init__(
        self,
        retriever: Retriever,
        answerer: ExtractiveAnswerer,
        store: ChromaStore,
        *,
        summarizer: Summarizer,
        top_k: int,
        max_question_chars: int,
        history_turns: int,
        llm: LLMAnswerer | None = None,
        condenser: Condenser | None = None,
        known_sources: Callable[[], list[str]] = list,
        on_answer: AnswerHook | None = None,
    ) -> None:
        """`known_sources` lists the corpus's source names (a filter naming none is refused);
        `on_answer` sees every answer before it leaves (the answer log stamps its id)."""
        self._retriever = retriever
        self._answerer = answerer
        self._summarizer = summarizer  # overview requests ("Summarize the article")
        self._store = store
        self._llm = llm
        self._condenser = condenser
        self._known_sources = known_sources
        self._on_answer = on_answer
        self.top_k = top_k
        self.max_question_chars = max_question_chars
        self.history_turns = history_turns

    def ask(
        self,
        question: str,
        history: Sequence[Turn] = (),
        *,
        top_k: int | None = None,
        scope: Scope | None = None,
        record: bool = True,
    ) -> Answer:
        """`record=False` keeps the answer out of the answer log (evaluation runs)."""
        if self._llm is not None:
            answer = final_answer(self._llm_events(self._llm, question, history, top_k, scope))
            return self._recorded(answer, history, scope, record)
        question = self.check_question(question)
        searched = self.search_scope(question, scope)
        before = self._store.generation()
        answer = self._extractive(question, history, top_k, searched)
        if answer.abstained and self._store.generation() != before:
            # A re-ingest committed a new version while we answered: the candidates may all have
            # belonged to the version it replaced. Answer again against the corpus as it is now.
            answer = self._extractive(question, history, top_k, searched)
        return self._recorded(answer, history, scope, record)

    def _recorded(
        self, answer: Answer, history: Sequence[Turn], scope: Scope | None, record: bool
    ) -> Answer:
        return self._on_answer(answer, history, scope) if record and self._on_answer else answer

    def search_scope(self, question: str, scope: Scope | None) -> SearchScope:
        """The retriever's scope for this request; refuses filters that cannot match."""
        return search_scope(question, scope, self._known_sources)

    def _extractive(
        self, question: str, history: Sequence[Turn], top_k: int | None, searched: SearchScope
    ) -> Answer:
        began = time.perf_counter()
        asked = overview(question)  # an overview retrieves with its topic, if it names one
        topic = asked.topic if asked is not None else None
        query = topic or retrieval_query(question, history, self.history_turns)
        nodes = self._retriever.search(query, top_k or self.top_k, searched)
        retrieved = time.perf_counter()
        draft = (
            self._summarizer.summarize(asked, nodes)
            if asked is not None  # no confidence gate: central sentences, each quoting itself
            else self._answerer.answer(question, query, nodes)
        )
        verified = verify(draft, self._store, Asked.of(question))
        done = time.perf_counter()
        timings = Timings(
            retrieve=_ms(retrieved - began), answer=_ms(done - retrieved), total=_ms(done - began)
        )
        if not verified.claims:
            return Answer(
                question=question,
                answer=abstention_text(draft),
                abstained=True,
                citations=[],
                timings_ms=timings,
            )
        return Answer(
            question=question,
            answer=with_date(question, verified.text, verified.citations),
            abstained=False,
            citations=verified.citations,
            timings_ms=timings,
        )

    async def stream(
        self,
        question: str,
        history: Sequence[Turn] = (),
        *,
        top_k: int | None = None,
        scope: Scope | None = None,
        record: bool = True,
    ) -> AsyncIterator[AnswerEvent]:
        """Answer events for HTTP and UI: tokens, then the verified citations, then the answer.

        Extractive answers are complete (and verified) before the first token, so tokens are
        simply the answer text in word-sized pieces. LLM answers stream one verified sentence
        at a time, as the model writes them.
        """
        if self._llm is not None:
            events = self._llm_events(self._llm, question, history, top_k, scope)
            try:
                while (event := await asyncio.to_thread(next, events, None)) is not None:
                    if isinstance(event, FinalEvent):
                        answer = event.answer
                        answer = await asyncio.to_thread(
                            self._recorded, answer, history, scope, record
                        )
                        event = FinalEvent(answer=answer)
                    yield event
            finally:
                await asyncio.to_thread(events.close)
            return
        answer = await asyncio.to_thread(
            self.ask, question, history, top_k=top_k, scope=scope, record=record
        )
        for event in answer_events(answer):
            yield event

    def _llm_events(
        self,
        llm: LLMAnswerer,
        question: str,
        history: Sequence[Turn],
        top_k: int | None,
        scope: Scope | None,
    ) -> Generator[AnswerEvent, None, None]:
        """The LLM path; `ask` and `stream` both run it, so they cannot disagree."""
        began = time.perf_counter()
        question = self.check_question(question)
        searched = self.search_scope(question, scope)
        asked = overview(question)
        standalone = None if asked is not None else self._standalone(question, history)
        topic = asked.topic if asked is not None else None
        query = topic or standalone or retrieval_query(question, history, self.history_turns)
        nodes = self._retriever.search(query, top_k or self.top_k, searched)
        retrieved = time.perf_counter()
        pieces = (
            llm.stream(standalone or question, query, nodes)
            if asked is None  # an overview: the model summarises the central sentences
            else summarize_with_model(llm, self._summarizer, self._store, asked, question, nodes)
        )
        outcome: Outcome | None = None
        for piece in pieces:
            if isinstance(piece, Outcome):
                outcome = piece
            else:
                yield TokenEvent(text=piece)
        assert outcome is not None  # LLMAnswerer.stream always ends with one
        outcome.report.rewritten_question = standalone
        done = time.perf_counter()
        timings = Timings(
            retrieve=_ms(retrieved - began), answer=_ms(done - retrieved), total=_ms(done - began)
        )
        verified = outcome.verified
        text = (
            with_date(question, verified.text, verified.citations)
            if verified.claims
            else abstention_text(Draft(closest=outcome.closest))
        )
        if not verified.claims:
            for piece in TOKEN_PIECES.findall(text):
                yield TokenEvent(text=piece)
        answer = Answer(
            question=question,
            answer=text,
            abstained=not verified.claims,
            citations=verified.citations,
            timings_ms=timings,
            generation=outcome.report,
        )
        yield CitationsEvent(citations=answer.citations)
        yield FinalEvent(answer=answer)

    def _standalone(self, question: str, history: Sequence[Turn]) -> str | None:
        """A follow-up rewritten by the LLM from the conversation, when there is one to use."""
        if self._condenser is None or not history or not is_follow_up(question):
            return None
        return self._condenser.rewrite(question, history)

    def check_question(self, question: str) -> str:
        cleaned = question.replace("\x00", "").strip()
        if not cleaned:
            raise InputError("the question is empty")
        if len(cleaned) > self.max_question_chars:
            raise InputError(
                f"the question is {len(cleaned):,} characters long; the limit is "
                f"{self.max_question_chars:,}"
            )
        return cleaned


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)
