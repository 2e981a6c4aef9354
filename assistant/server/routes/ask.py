"""POST /api/ask (one JSON answer) and POST /api/chat (the same answer as Server-Sent Events)."""

from __future__ import annotations

from collections.abc import AsyncGenerator

from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from assistant.errors import InputError
from assistant.schema import Answer, CitationsEvent, FinalEvent, TokenEvent
from assistant.server.deps import ContainerDep, GateDep
from assistant.server.errors import ErrorShape
from assistant.server.payloads import AskRequest
from assistant.server.sse import guarded, sse

router = APIRouter(prefix="/api", tags=["ask"])


def check_history(request: AskRequest, limit: int) -> None:
    if len(request.history) > limit:
        raise InputError(f"the conversation has {len(request.history)} turns; the limit is {limit}")


@router.post("/ask", response_model=Answer)
async def ask(request: AskRequest, container: ContainerDep, gate: GateDep) -> Answer:
    """Answer one question; the same JSON as `assistant ask --json`."""
    check_history(request, container.settings.max_history_turns)
    async with gate.slot():
        return await run_in_threadpool(
            container.engine.ask,
            request.question,
            request.history,
            top_k=request.top_k,
            scope=request.scope(),
        )


@router.post(
    "/chat",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": "SSE stream"}},
)
async def chat(request: AskRequest, container: ContainerDep, gate: GateDep) -> StreamingResponse:
    """Stream the answer: `token` events, then `citations`, then `final` (the whole answer).

    A failure after the stream began arrives as an `error` event: the JSON error shape plus a
    top-level `message` (what the web UI reads).
    """
    check_history(request, container.settings.max_history_turns)
    engine = container.engine
    engine.check_question(request.question)  # refuse bad input with a 400 before streaming
    engine.search_scope(request.question, request.scope())
    await gate.acquire()

    async def events() -> AsyncGenerator[str, None]:
        try:
            async for event in engine.stream(
                request.question, request.history, top_k=request.top_k, scope=request.scope()
            ):
                if isinstance(event, TokenEvent):
                    yield sse("token", {"text": event.text})
                elif isinstance(event, CitationsEvent):
                    yield sse("citations", [c.model_dump() for c in event.citations])
                elif isinstance(event, FinalEvent):
                    yield sse("final", event.answer.model_dump())
        finally:
            gate.release()

    return StreamingResponse(
        guarded(events(), error_frame=error_event),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache"},
    )


def error_event(shape: ErrorShape) -> str:
    return sse("error", {**shape, "message": shape["error"]["message"]})
