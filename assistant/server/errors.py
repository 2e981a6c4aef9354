"""Errors become JSON bodies here and only here: `{"error": {"type", "message", "request_id"}}`.

The shape is OpenAI's, so OpenAI clients show our messages. No stack trace ever reaches a client.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from assistant.errors import AssistantError, ConfigError, IngestError, InputError, StoreError
from assistant.server.request_id import current_request_id

log = logging.getLogger(__name__)

_STATUS: list[tuple[type[AssistantError], int, str]] = [
    (InputError, 400, "invalid_request"),
    (IngestError, 422, "document_rejected"),
    (StoreError, 503, "store_unavailable"),
    (ConfigError, 500, "configuration_error"),
]


def error_body(status: int, kind: str, message: str) -> JSONResponse:
    return JSONResponse(
        status_code=status,
        content={
            "error": {"type": kind, "message": message, "request_id": current_request_id.get()}
        },
    )


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AssistantError)
    async def _assistant_error(_request: Request, exc: AssistantError) -> JSONResponse:
        for cls, status, kind in _STATUS:
            if isinstance(exc, cls):
                return error_body(status, kind, str(exc))
        return error_body(500, "assistant_error", str(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_body(422, "validation_error", readable_validation(exc))

    @app.exception_handler(HTTPException)
    async def _http(_request: Request, exc: HTTPException) -> JSONResponse:
        response = error_body(exc.status_code, "http_error", str(exc.detail))
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, _exc: Exception) -> JSONResponse:
        log.exception("unhandled error path=%s", request.url.path)
        return error_body(
            500, "internal_error", "internal error; quote the request id to find the log line"
        )


def readable_validation(exc: RequestValidationError) -> str:
    """'body.question: Field required; body.top_k: Input should be ≥ 1' rather than a JSON dump."""
    parts = []
    for error in exc.errors()[:5]:
        where = ".".join(str(p) for p in error.get("loc", ()))
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"
