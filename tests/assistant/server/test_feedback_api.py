"""POST /api/feedback: stored against the logged answer; bad input is a clear 4xx, stores nothing.
Every answer shape names its answer_id: /api/ask, the SSE final event and /v1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from assistant.container import Container, build_container
from tests.assistant.server.conftest import serve
from tests.assistant.server.live_server import LiveServer
from tests.assistant.server.test_api import sse_events
from tests.conftest import make_settings

QUESTION = "How many key tasks and action points does the campaign include?"


@pytest.fixture(scope="module")
def rated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Container, LiveServer]]:
    data_dir: Path = tmp_path_factory.mktemp("feedback") / "var"
    container = build_container(make_settings(data_dir, rate_limit_per_minute=0))
    for server in serve(container):
        yield container, server


@pytest.fixture
def api(rated: tuple[Container, LiveServer]) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=rated[1].url, timeout=60) as client:
        yield client


def answer_id(api: httpx.Client) -> str:
    found = api.post("/api/ask", json={"question": QUESTION}).json()["answer_id"]
    assert isinstance(found, str)
    return found


def test_every_answer_shape_names_its_answer_id(api: httpx.Client) -> None:
    assert len(answer_id(api)) == 32
    final = sse_events(api.post("/api/chat", json={"question": QUESTION}).text)[-1][1]
    assert isinstance(final, dict)
    assert len(final["answer_id"]) == 32
    body = {"messages": [{"role": "user", "content": QUESTION}]}
    completion = api.post("/v1/chat/completions", json=body).json()
    assert len(completion["answer_id"]) == 32


def test_feedback_is_stored_with_the_logged_answer(
    api: httpx.Client, rated: tuple[Container, LiveServer]
) -> None:
    asked = answer_id(api)
    body = {"answer_id": asked, "rating": "down", "reason": "wrong_answer",
            "comment": "missing a figure", "correct_answer": "20 key tasks", "client": "ui"}  # fmt: skip
    response = api.post("/api/feedback", json=body)
    assert response.status_code == 201, response.text
    receipt = response.json()
    stored = rated[0].feedback.get(receipt["feedback_id"])
    assert stored.answer.answer_id == asked
    assert stored.answer.question == QUESTION
    assert "58" in stored.answer.answer
    assert (stored.rating, stored.reason, stored.surface) == ("down", "wrong_answer", "ui")
    assert stored.correct_answer == "20 key tasks"


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"answer_id": "0" * 32, "rating": "up"}, 404, "no answer with id"),
        ({"rating": "up"}, 422, "answer_id"),
        ({"answer_id": "ANSWER", "rating": "meh"}, 422, "rating"),
        ({"answer_id": "ANSWER", "rating": "down", "comment": "x" * 2001}, 422, "comment"),
        ({"answer_id": "ANSWER", "rating": "down", "correct_answer": ["a"]}, 422, "correct_answer"),
        ({"answer_id": "ANSWER", "rating": "up", "reason": "wrong_answer"}, 400, "👎"),
        ({"answer_id": "A" * 65, "rating": "up"}, 422, "answer_id"),
    ],
)  # fmt: skip
def test_bad_feedback_is_a_clear_4xx_and_stores_nothing(
    api: httpx.Client,
    rated: tuple[Container, LiveServer],
    body: dict[str, Any],
    status: int,
    message: str,
) -> None:
    before = len(rated[0].feedback.all())
    if body.get("answer_id") == "ANSWER":
        body = {**body, "answer_id": answer_id(api)}
    response = api.post("/api/feedback", json=body)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert message in error["message"]
    assert "\n" not in error["message"]
    assert len(rated[0].feedback.all()) == before


def test_a_huge_text_is_refused_and_stores_nothing(
    api: httpx.Client, rated: tuple[Container, LiveServer]
) -> None:
    before = len(rated[0].feedback.all())
    body = {"answer_id": answer_id(api), "rating": "down", "comment": "x" * 3_000_000}
    response = api.post("/api/feedback", json=body)
    assert response.status_code in (413, 422)
    assert len(rated[0].feedback.all()) == before
