"""Shapes that leave the process: the cited answer (same JSON for CLI, API and evals)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator


class Turn(BaseModel):
    """One message of a conversation, as chat front ends send it."""

    role: Literal["user", "assistant", "system"]
    content: str


class Citation(BaseModel):
    n: int = Field(description="The marker number used in the answer text, [n].")
    doc_id: str
    title: str
    source: str
    quote: str = Field(description="Exact document text at [start, end).")
    start: int
    end: int
    score: float
    published: str | None = Field(
        default=None, description="The cited article's published date (YYYY-MM-DD), if known."
    )


_DAY = re.compile(r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})\s*$")


def parse_day(text: str) -> date:
    """`2025-01-10` or `2025/01/01` (as RealTime QA writes them); ValueError otherwise."""
    found = _DAY.match(text)
    if found is None:
        raise ValueError(f"{text!r} is not a date (YYYY-MM-DD)")
    year, month, day = (int(part) for part in found.groups())
    return date(year, month, day)


def _day_or_none(value: Any) -> Any:
    if isinstance(value, str):
        return parse_day(value) if value.strip() else None
    return value


class Filters(BaseModel):
    """Which documents may answer: every surface sends the same shape."""

    sources: list[str] = Field(
        default_factory=list,
        description="Only documents from these sources (any case; `cnn` matches `cnn.com`). "
        "Empty: every source.",
    )
    published_from: date | None = Field(
        default=None, description="Only documents published on or after this day."
    )
    published_to: date | None = Field(
        default=None, description="Only documents published on or before this day."
    )

    _days = field_validator("published_from", "published_to", mode="before")(_day_or_none)


class Scope(BaseModel):
    """When a question is asked from, and which documents may answer it."""

    as_of: date | None = Field(
        default=None,
        description="The day the question is asked on (default: today). Documents published "
        "after it are left out, recent ones are favoured, and phrases such as 'this week' or "
        "'last month' are read against it. Undated documents always pass.",
    )
    filters: Filters = Field(default_factory=Filters)

    _day = field_validator("as_of", mode="before")(_day_or_none)

    def scope(self) -> Scope:
        """This scope alone: request bodies extend `Scope` with fields of their own."""
        return Scope(as_of=self.as_of, filters=self.filters)


class Timings(BaseModel):
    retrieve: float
    answer: float
    total: float


class GenerationReport(BaseModel):
    """What generating and checking an LLM answer did; logged, never part of the JSON shape."""

    sources: int = Field(default=0, description="Numbered sources the prompt offered.")
    prompt_tokens: int = 0
    completion_tokens: int = 0
    removed_sentences: int = Field(default=0, description="Generated sentences left out.")
    removed_citations: int = Field(
        default=0, description="Markers dropped: naming no source, or a source not supporting."
    )
    recited_sentences: int = Field(
        default=0, description="Sentences cited wrongly or not at all, given the source that does."
    )
    refused: bool = Field(default=False, description="The model said the sources lack the answer.")
    unanswered: bool = Field(
        default=False,
        description="Verified sentences, none giving the kind of answer asked for: dropped.",
    )
    fallback: bool = Field(default=False, description="Nothing survived: extractive answer used.")
    rewritten_question: str | None = Field(
        default=None, description="The follow-up question as rewritten from the conversation."
    )


class Answer(BaseModel):
    question: str
    answer: str
    abstained: bool
    citations: list[Citation]
    timings_ms: Timings
    answer_id: str | None = Field(
        default=None,
        description="Names the answer in the answer log: feedback refers to it. None when the "
        "log is off.",
    )
    generation: GenerationReport | None = Field(
        default=None, exclude=True, description="LLM mode only; excluded from the JSON shape."
    )


class TokenEvent(BaseModel):
    """A piece of answer text, streamed as it becomes available (already verified)."""

    type: Literal["token"] = "token"
    text: str


class CitationsEvent(BaseModel):
    """The verified citations of the answer streamed so far."""

    type: Literal["citations"] = "citations"
    citations: list[Citation]


class FinalEvent(BaseModel):
    """The complete answer; its text is authoritative if it differs from the streamed tokens."""

    type: Literal["final"] = "final"
    answer: Answer


AnswerEvent = TokenEvent | CitationsEvent | FinalEvent

ABSTAIN_TEXT = "I could not find this in the corpus."
