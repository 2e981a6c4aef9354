"""Server-Sent Events: the framing, and the one guard every stream runs under.

A stream has sent its 200 before a failure can happen, so the failure travels as a last frame in
the same shape and with the same type as a JSON error (`assistant.server.errors`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncGenerator, Callable
from typing import Any

from assistant.errors import AssistantError
from assistant.server.errors import (
    INTERNAL_ERROR,
    INTERNAL_MESSAGE,
    ErrorShape,
    classify,
    error_shape,
    log_failure,
)
from assistant.server.request_id import current_request_id

log = logging.getLogger(__name__)


def sse(event: str | None, data: Any) -> str:
    """One SSE frame; `data` is JSON-encoded (a str is sent as-is)."""
    payload = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    head = f"event: {event}\n" if event else ""
    return head + "".join(f"data: {line}\n" for line in payload.split("\n")) + "\n"


async def guarded(
    frames: AsyncGenerator[str, None],
    *,
    error_frame: Callable[[ErrorShape], str],
    last: str | None = None,
) -> AsyncGenerator[str, None]:
    """`frames`, then `last`; a failure ends them with `error_frame(shape)` before `last`.

    An unexpected exception is logged with its traceback and sent as the generic internal error,
    so a client never sees its text. `frames` is closed here, so its `finally` runs at once
    even when the client goes away mid-stream (the answer gate's slot depends on it).
    """
    try:
        async for frame in frames:
            yield frame
    except AssistantError as exc:
        status, kind = classify(exc)
        log_failure(status, kind, exc)
        yield error_frame(error_shape(kind, str(exc)))
    except Exception:
        log.exception("stream failed request_id=%s", current_request_id.get())
        yield error_frame(error_shape(INTERNAL_ERROR, INTERNAL_MESSAGE))
    finally:
        await frames.aclose()
    if last is not None:
        yield last
