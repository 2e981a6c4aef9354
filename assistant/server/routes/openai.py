"""OpenAI-compatible chat completions, so any OpenAI client or chat front end can use the assistant.

The last user message is the question and the earlier messages are the conversation. Citations
appear twice: as `[n]` markers plus a "Sources" list in the text (for front ends that only show
text) and as a structured `citations` field beside `choices`.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncGenerator
from typing import Any, Literal

from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from assistant.errors import InputError
from assistant.schema import Answer, Citation, FinalEvent, Scope, TokenEvent, Turn
from assistant.server.deps import ContainerDep, GateDep
from assistant.server.sse import guarded, sse

router = APIRouter(prefix="/v1", tags=["openai"])
MODEL_ID = "article-assistant"


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str
    text: str | None = None


class Message(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: Literal["system", "user", "assistant", "tool", "developer"]
    content: str | list[ContentPart] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return "\n".join(p.text for p in self.content if p.type == "text" and p.text)
        return self.content or ""


class ChatCompletionRequest(Scope):
    """OpenAI's request; `as_of` and `filters` are ours, and clients that do not know them
    simply do not send them."""

    model_config = ConfigDict(
        extra="allow"
    )  # temperature, max_tokens, ... are accepted and ignored
    model: str = MODEL_ID
    messages: list[Message] = Field(min_length=1)
    stream: bool = False


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int
    owned_by: str


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]


class ChoiceMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class Choice(BaseModel):
    index: int = 0
    message: ChoiceMessage
    finish_reason: Literal["stop"] = "stop"


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0


class ChatCompletion(BaseModel):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[Choice]
    usage: Usage
    citations: list[Citation]
    abstained: bool
    answer_id: str | None = None


@router.get("/models", response_model=ModelList)
def list_models() -> ModelList:
    return ModelList(data=[ModelCard(id=MODEL_ID, created=0, owned_by="article-assistant")])


def split_messages(messages: list[Message], limit: int) -> tuple[str, list[Turn]]:
    """The last user message is the question; earlier user/assistant messages are history."""
    last_user = max((i for i, m in enumerate(messages) if m.role == "user"), default=None)
    if last_user is None:
        raise InputError("no user message to answer")
    history = [
        Turn(role="user" if m.role == "user" else "assistant", content=m.text())
        for m in messages[:last_user]
        if m.role in ("user", "assistant")
    ]
    if len(history) > limit:
        raise InputError(f"the conversation has {len(history)} turns; the limit is {limit}")
    return messages[last_user].text(), history


def with_sources(answer: Answer) -> str:
    if not answer.citations:
        return answer.answer
    lines = [answer.answer, "", "Sources:"]
    lines += [
        f"[{c.n}] {c.title}{f' ({c.published})' if c.published else ''} — “{c.quote}”"
        for c in answer.citations
    ]
    return "\n".join(lines)


@router.post(
    "/chat/completions",
    response_model=ChatCompletion,
    responses={200: {"content": {"text/event-stream": {}}}},
)
async def chat_completions(
    request: ChatCompletionRequest, container: ContainerDep, gate: GateDep
) -> ChatCompletion | StreamingResponse:
    question, history = split_messages(request.messages, container.settings.max_history_turns)
    engine = container.engine
    engine.check_question(question)
    scope = request.scope()
    engine.search_scope(question, scope)  # a filter that cannot match is a 400, before streaming
    completion_id = f"chatcmpl-{uuid.uuid4().hex[:24]}"
    created = int(time.time())
    if not request.stream:
        async with gate.slot():
            answer = await run_in_threadpool(engine.ask, question, history, scope=scope)
        return ChatCompletion(
            id=completion_id,
            created=created,
            model=request.model,
            choices=[Choice(message=ChoiceMessage(content=with_sources(answer)))],
            usage=Usage(),
            citations=answer.citations,
            abstained=answer.abstained,
            answer_id=answer.answer_id,
        )

    def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> str:
        body = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": request.model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            **extra,
        }
        return sse(None, body)

    await gate.acquire()

    async def frames() -> AsyncGenerator[str, None]:
        try:
            yield chunk({"role": "assistant", "content": ""})
            async for event in engine.stream(question, history, scope=scope):
                if isinstance(event, TokenEvent):
                    yield chunk({"content": event.text})
                elif isinstance(event, FinalEvent):
                    answer = event.answer
                    sources = with_sources(answer)[len(answer.answer) :]
                    if sources:
                        yield chunk({"content": sources})
                    yield chunk(
                        {},
                        "stop",
                        citations=[c.model_dump() for c in answer.citations],
                        abstained=answer.abstained,
                        answer_id=answer.answer_id,
                    )
        finally:
            gate.release()

    return StreamingResponse(
        guarded(frames(), error_frame=lambda shape: sse(None, shape), last=sse(None, "[DONE]")),
        media_type="text/event-stream",
    )
