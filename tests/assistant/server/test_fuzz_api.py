"""Requests generated from our own OpenAPI schema (schemathesis): no 5xx, no stack trace."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings

from assistant.container import build_container
from assistant.server.app import create_app
from tests.conftest import SEEDS, make_settings

pytestmark = pytest.mark.slow  # subprocesses, servers or big inputs: `make test`, not `make unit`

OPERATIONS = [
    "GET /healthz", "GET /readyz", "POST /api/ask", "POST /api/chat", "GET /api/documents",
    "POST /api/documents", "GET /api/documents/{doc_id}", "DELETE /api/documents/{doc_id}",
    "GET /v1/models", "POST /v1/chat/completions",
]  # fmt: skip


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    data_dir: Path = tmp_path_factory.mktemp("fuzz") / "var"
    settings = make_settings(data_dir, rate_limit_per_minute=0, max_concurrent_answers=64)
    with build_container(settings) as container:
        container.ingestor.ingest([SEEDS])
        yield create_app(container, close_on_shutdown=False)  # each call runs the lifespan


def test_schema_lists_every_fuzzed_operation(app: FastAPI) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    labels = {result.ok().label for result in schema.get_all_operations()}
    assert set(OPERATIONS) <= labels


@pytest.mark.parametrize("label", OPERATIONS)
def test_no_server_error_and_no_stack_trace(app: FastAPI, label: str) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operation = next(r.ok() for r in schema.get_all_operations() if r.ok().label == label)

    @given(case=operation.as_strategy())
    @settings(
        max_examples=20,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def check(case: schemathesis.Case) -> None:
        response = case.call()
        assert response.status_code < 500, (
            f"{label} -> {response.status_code}: {response.text[:300]}"
        )
        assert "Traceback" not in response.text
        assert 'File "' not in response.text

    check()
