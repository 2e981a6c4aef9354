"""Shapes that leave the process: the cited answer (same JSON for CLI, API and evals)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


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
