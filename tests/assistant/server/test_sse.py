"""A failure after a stream began ends it with one error frame in the JSON error shape, on both
streaming routes; an unexpected one is logged with its traceback and never shown."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

import httpx
import pytest

from tests.assistant.server.conftest import BreakableRuntime
from tests.assistant.server.live_server import LiveServer

QUESTION = "How many key tasks and action points does the campaign include?"
Frame = tuple[str | None, object]
Route = Callable[[LiveServer, str, str], list[Frame]]


def frames(text: str) -> list[Frame]:
    """(event name or None, data) per SSE frame; data is JSON except OpenAI's `[DONE]`."""
    parsed: list[Frame] = []
    for block in text.strip().split("\n\n"):
        lines = block.split("\n")
        name = next((line[7:] for line in lines if line.startswith("event: ")), None)
        data = "\n".join(line[6:] for line in lines if line.startswith("data: "))
        parsed.append((name, data if data == "[DONE]" else json.loads(data)))
    return parsed


def chat(server: LiveServer, request_id: str, question: str = QUESTION) -> list[Frame]:
    response = httpx.post(
        server.url + "/api/chat",
        json={"question": question},
        headers={"x-request-id": request_id},
        timeout=60,
    )
    assert response.status_code == 200
    return frames(response.text)


def completion(server: LiveServer, request_id: str, question: str = QUESTION) -> list[Frame]:
    response = httpx.post(
        server.url + "/v1/chat/completions",
        json={"messages": [{"role": "user", "content": question}], "stream": True},
        headers={"x-request-id": request_id},
        timeout=60,
    )
    assert response.status_code == 200
    return frames(response.text)


def test_a_model_failure_in_chat_is_an_error_event_with_the_message_where_the_ui_reads_it(
    model_down: LiveServer,
) -> None:
    name, data = chat(model_down, "chat-model-down")[-1]
    assert name == "error"
    assert isinstance(data, dict)
    assert data["message"].startswith("cannot reach the language model")
    assert data["error"] == {
        "type": "model_unavailable",
        "message": data["message"],
        "request_id": "chat-model-down",
    }


def test_a_model_failure_in_a_completion_stream_is_an_error_frame_then_done(
    model_down: LiveServer,
) -> None:
    sent = completion(model_down, "completion-model-down")
    assert sent[-1] == (None, "[DONE]")
    name, data = sent[-2]
    assert name is None
    assert isinstance(data, dict)
    assert set(data) == {"error"}
    assert data["error"]["type"] == "model_unavailable"
    assert data["error"]["request_id"] == "completion-model-down"
    assert data["error"]["message"].startswith("cannot reach the language model")


@pytest.mark.parametrize("route", [chat, completion])
def test_an_unexpected_failure_mid_stream_is_logged_and_sent_as_the_generic_error(
    breakable_server: LiveServer,
    breakable: BreakableRuntime,
    caplog: pytest.LogCaptureFixture,
    route: Route,
) -> None:
    breakable.failure = RuntimeError("onnxruntime: device lost at 0x7f3a")
    request_id = f"stream-{route.__name__}"
    with caplog.at_level(logging.ERROR, logger="assistant.server.sse"):
        sent = route(breakable_server, request_id, "Who chairs the leadership team?")
    error = next(data["error"] for _, data in sent if isinstance(data, dict) and "error" in data)
    assert error["type"] == "internal_error"
    assert error["request_id"] == request_id
    assert "0x7f3a" not in json.dumps(sent)
    logged = [r for r in caplog.records if r.name == "assistant.server.sse"]
    assert len(logged) == 1
    assert logged[0].getMessage() == f"stream failed request_id={request_id}"
    assert logged[0].exc_info is not None
    assert "device lost" in str(logged[0].exc_info[1])


def test_failed_streams_give_their_answer_slots_back(
    breakable_server: LiveServer, breakable: BreakableRuntime
) -> None:
    breakable.failure = RuntimeError("onnxruntime: device lost")
    for n in range(6):  # more failures than the 4 answer slots
        assert chat(breakable_server, f"slot-{n}", f"Question number {n}?")[-1][0] == "error"
    breakable.failure = None
    names = [name for name, _ in chat(breakable_server, "after-failures")]
    assert names[-2:] == ["citations", "final"]
