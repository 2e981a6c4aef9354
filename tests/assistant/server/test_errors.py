"""Each failing part gets its own status in the one error shape; no stack trace is ever sent."""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest

from assistant.container import build_container
from assistant.errors import EmbedderError
from assistant.server.app import create_app
from evals.bench.servers import chroma_server
from tests.assistant.server.conftest import BreakableRuntime
from tests.assistant.server.live_server import LiveServer
from tests.conftest import make_settings

QUESTION = "How many key tasks and action points does the campaign include?"


def ask(server: LiveServer, question: str = QUESTION) -> httpx.Response:
    return httpx.post(server.url + "/api/ask", json={"question": question}, timeout=60)


def error_of(response: httpx.Response, status: int, kind: str) -> str:
    """The error's message, once its status, type and request id are checked."""
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["type"] == kind
    assert error["request_id"] == response.headers["x-request-id"]
    assert "Traceback" not in response.text
    return str(error["message"])


def test_a_model_endpoint_nobody_listens_on_is_502(model_down: LiveServer) -> None:
    message = error_of(ask(model_down), 502, "model_unavailable")
    assert message.startswith("cannot reach the language model at http://127.0.0.1:")


def test_an_embedder_that_fails_is_503(
    breakable_server: LiveServer, breakable: BreakableRuntime
) -> None:
    breakable.failure = EmbedderError("the embedding runtime failed")
    message = error_of(ask(breakable_server, "Who chairs the team?"), 503, "embedder_unavailable")
    assert message == "the embedding runtime failed"


def test_a_chroma_server_that_went_away_is_503(tmp_path: Path) -> None:
    with chroma_server(tmp_path / "chroma", tmp_path / "chroma.log") as url:
        container = build_container(
            make_settings(tmp_path / "var", chroma_url=url, rate_limit_per_minute=0)
        )
    with LiveServer(create_app(container)) as server:
        message = error_of(ask(server), 503, "store_unavailable")
    assert "Chroma" in message


def test_an_unexpected_failure_is_the_generic_500_and_its_traceback_is_logged(
    breakable_server: LiveServer, breakable: BreakableRuntime, caplog: pytest.LogCaptureFixture
) -> None:
    breakable.failure = RuntimeError("onnxruntime: device lost at 0x7f3a")
    response = ask(breakable_server, "Where is Baogang based?")
    message = error_of(response, 500, "internal_error")
    assert "request id" in message
    assert "0x7f3a" not in response.text
    logged = [r for r in caplog.records if r.levelno == logging.ERROR and r.exc_info]
    assert any("device lost" in str(r.exc_info[1]) for r in logged if r.exc_info)


def test_a_refused_question_is_still_400(model_down: LiveServer) -> None:
    assert error_of(ask(model_down, "   "), 400, "invalid_request") == "the question is empty"
