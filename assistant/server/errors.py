"""Errors become bodies here and only here: `{"error": {"type", "message", "request_id"}}`.

The shape is OpenAI's, so OpenAI clients show our messages. No stack trace ever reaches a client.
The status table serves JSON responses and stream error frames alike (`assistant.server.sse`).
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.errors import (
    AssistantError,
    ConfigError,
    EmbedderError,
    IngestError,
    InputError,
    LLMError,
    NotFound,
    StoreError,
)
from assistant.server.request_id import current_request_id

log = logging.getLogger(__name__)

ErrorShape = dict[str, dict[str, str]]

# First match wins. 502/503 say "a part we depend on failed, try again later", not "our bug".
_STATUS: list[tuple[type[AssistantError], int, str]] = [
    (NotFound, 404, "not_found"),
    (InputError, 400, "invalid_request"),
    (IngestError, 422, "document_rejected"),
    (LLMError, 502, "model_unavailable"),
    (EmbedderError, 503, "embedder_unavailable"),
    (StoreError, 503, "store_unavailable"),
    (ConfigError, 500, "configuration_error"),
]
_OTHER_ASSISTANT_ERROR = (500, "assistant_error")
INTERNAL_ERROR = "internal_error"
INTERNAL_MESSAGE = "internal error; quote the request id to find the log line"


def classify(exc: AssistantError) -> tuple[int, str]:
    """(status, type): one table, so a stream's error frame names the type a JSON error would."""
    for cls, status, kind in _STATUS:
        if isinstance(exc, cls):
            return status, kind
    return _OTHER_ASSISTANT_ERROR


def error_shape(kind: str, message: str) -> ErrorShape:
    return {"error": {"type": kind, "message": message, "request_id": current_request_id.get()}}


def error_body(status: int, kind: str, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content=error_shape(kind, message))


def log_failure(status: int, kind: str, exc: AssistantError) -> None:
    """A dependency's failure (5xx) is worth a line in the log; a refused request is not."""
    if status >= 500:
        log.warning("request failed status=%d type=%s: %s", status, kind, exc)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AssistantError)
    async def _assistant_error(_request: Request, exc: AssistantError) -> JSONResponse:
        status, kind = classify(exc)
        log_failure(status, kind, exc)
        return error_body(status, kind, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_body(422, "validation_error", readable_validation(exc))

    @app.exception_handler(HTTPException)
    async def _http(_request: Request, exc: HTTPException) -> JSONResponse:
        response = error_body(exc.status_code, "http_error", str(exc.detail))
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response


class UnexpectedErrorMiddleware:
    """Any other exception becomes the generic 500, logged with its traceback.

    It must sit just inside `RequestIdMiddleware`: Starlette's own last-resort handler runs
    outside every middleware, where the request id is already gone from the body and the header.
    A response already under way cannot be replaced, so that exception goes on up.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            if started:
                raise
            log.exception("unhandled error path=%s", scope.get("path"))
            await error_body(500, INTERNAL_ERROR, INTERNAL_MESSAGE)(scope, receive, send)


def readable_validation(exc: RequestValidationError) -> str:
    """'body.question: Field required; body.top_k: Input should be ≥ 1' rather than a JSON dump."""
    parts = []
    for error in exc.errors()[:5]:
        where = ".".join(str(p) for p in error.get("loc", ()))
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"
