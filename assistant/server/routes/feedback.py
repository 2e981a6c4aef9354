"""POST /api/feedback: 👍/👎 on an answer named by its answer_id, stored with the logged answer."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import Field
from starlette.concurrency import run_in_threadpool

from assistant.feedback.records import FeedbackReceipt, FeedbackRequest
from assistant.server.deps import ContainerDep

router = APIRouter(prefix="/api", tags=["feedback"])


class FeedbackBody(FeedbackRequest):
    client: Literal["api", "ui"] = Field(default="api", description="Who sends it (reports).")


@router.post("/feedback", response_model=FeedbackReceipt, status_code=201)
async def give_feedback(body: FeedbackBody, container: ContainerDep) -> FeedbackReceipt:
    """Rate an answer. The question, answer and citations are taken from the answer log, never
    from the request; an unknown or expired `answer_id` is a 404 and nothing is stored."""
    request = FeedbackRequest.model_validate(body.model_dump(exclude={"client"}))
    record = await run_in_threadpool(container.feedback.add, request, surface=body.client)
    return FeedbackReceipt(feedback_id=record.feedback_id, answer_id=record.answer.answer_id)
