"""What the answer log and the feedback store hold, and what a client may send."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from assistant.schema import Citation, Filters, Turn

Rating = Literal["up", "down"]
Reason = Literal["wrong_answer", "wrong_source", "should_abstain", "other"]
Surface = Literal["api", "ui", "slack", "cli"]
MAX_FEEDBACK_CHARS = 2000
MAX_ID_CHARS = 64


class AnswerRecord(BaseModel):
    """One answer as it left the process: what feedback on it refers to."""

    answer_id: str
    at: str = Field(description="When it was answered (UTC, ISO 8601).")
    question: str
    history: list[Turn] = Field(default_factory=list)
    answer: str
    abstained: bool
    citations: list[Citation] = Field(default_factory=list)
    mode: str = Field(description="extractive or llm")
    as_of: str | None = None
    filters: Filters | None = None
    generation: str = Field(default="", description="The corpus version it was answered from.")


class FeedbackRequest(BaseModel):
    """What a client sends; the question, answer and citations come from the log, never from it."""

    feedback_id: str | None = Field(
        default=None,
        min_length=8,
        max_length=MAX_ID_CHARS,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="Chosen by the client to make a retry safe: sending the same id again "
        "stores nothing new and returns the first record.",
    )
    answer_id: str = Field(min_length=1, max_length=MAX_ID_CHARS)
    rating: Rating
    reason: Reason | None = Field(default=None, description="With 👎: what was wrong.")
    comment: str | None = Field(default=None, max_length=MAX_FEEDBACK_CHARS)
    correct_answer: str | None = Field(
        default=None, max_length=MAX_FEEDBACK_CHARS, description="With 👎: the right answer."
    )


class FeedbackRecord(BaseModel):
    """One stored piece of feedback, complete in itself (the answer log may expire first)."""

    feedback_id: str
    at: str
    rating: Rating
    reason: Reason | None = None
    comment: str | None = None
    correct_answer: str | None = None
    surface: Surface
    user: str | None = Field(default=None, description="HMAC of a Slack user id, if any.")
    answer: AnswerRecord


class FeedbackReceipt(BaseModel):
    feedback_id: str
    answer_id: str
