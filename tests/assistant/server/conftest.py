"""Live servers over the real container: one per module, with the seed corpus indexed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.container import build_container
from assistant.server.app import create_app
from tests.assistant.server.live_server import LiveServer
from tests.conftest import SEEDS, make_settings

TOKEN = "s3cret-token-for-tests"


def start(data_dir: Path, **overrides: object) -> Iterator[LiveServer]:
    """A server on the seed corpus; rate limiting is off unless a test turns it on."""
    overrides.setdefault("rate_limit_per_minute", 0)
    container = build_container(make_settings(data_dir, **overrides))
    container.ingestor.ingest([SEEDS])
    with LiveServer(create_app(container)) as server:
        yield server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    yield from start(tmp_path_factory.mktemp("server") / "var", max_request_bytes=200_000)


@pytest.fixture(scope="module")
def locked_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    yield from start(tmp_path_factory.mktemp("locked") / "var", api_token=TOKEN)


@pytest.fixture
def http(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60) as client:
        yield client
