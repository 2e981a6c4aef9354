"""Live servers over the real container with the seed corpus indexed: one shared by the test
modules, others where a module needs its own settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import numpy as np
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from assistant.container import Container, build_container
from assistant.server.app import create_app
from index.embedding import MiniLMEmbedding
from index.embedding.onnx_runner import OnnxRunner, int8_model_path
from tests.assistant.server.browser_ui import CHROMIUM, CHROMIUM_ARGS
from tests.assistant.server.live_server import LiveServer, free_port
from tests.conftest import SEEDS, make_settings

TOKEN = "s3cret-token-for-tests"


def start(data_dir: Path, **overrides: object) -> Iterator[LiveServer]:
    """A server on the seed corpus; rate limiting is off unless a test turns it on."""
    overrides.setdefault("rate_limit_per_minute", 0)
    yield from serve(build_container(make_settings(data_dir, **overrides)))


def serve(container: Container) -> Iterator[LiveServer]:
    container.ingestor.ingest([SEEDS])
    with LiveServer(create_app(container)) as server:
        yield server


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One seeded server for every module that uses it (indexed once per session); a test that
    uploads must delete what it uploaded, so the corpus is the seeds again when it ends."""
    yield from start(tmp_path_factory.mktemp("server") / "var", max_request_bytes=200_000)


@pytest.fixture(scope="module")
def locked_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    yield from start(tmp_path_factory.mktemp("locked") / "var", api_token=TOKEN)


@pytest.fixture
def http(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60) as client:
        yield client


@pytest.fixture(scope="session")
def model_down(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """LLM answer mode with the model endpoint on a loopback port nobody listens on."""
    yield from start(
        tmp_path_factory.mktemp("model-down") / "var",
        answer_mode="llm",
        llm_base_url=f"http://127.0.0.1:{free_port()}/v1",
        llm_model="absent",
        llm_api_key="not-needed",
    )


class BreakableRuntime:
    """The real int8 runtime, raising `failure` while it is set (as a runtime that lost its
    device or ran out of memory would: onnxruntime's own errors are not ours)."""

    streams = 1
    width_multiple = 1

    def __init__(self) -> None:
        self._runner = OnnxRunner(int8_model_path())
        self.failure: Exception | None = None

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        if self.failure is not None:
            raise self.failure
        return self._runner(ids, mask)

    def for_bulk(self) -> BreakableRuntime:
        return self


@pytest.fixture(scope="session")
def runtime() -> BreakableRuntime:
    return BreakableRuntime()


@pytest.fixture(scope="session")
def breakable_server(
    tmp_path_factory: pytest.TempPathFactory, runtime: BreakableRuntime
) -> Iterator[LiveServer]:
    """The seed corpus served with its embedder on `runtime`; a test breaks it and mends it."""
    settings = make_settings(tmp_path_factory.mktemp("breakable") / "var", rate_limit_per_minute=0)
    yield from serve(build_container(settings, embedder=MiniLMEmbedding(runner=runtime)))


@pytest.fixture
def breakable(runtime: BreakableRuntime) -> Iterator[BreakableRuntime]:
    """`breakable_server`'s runtime for a test to break; mended again after it."""
    yield runtime
    runtime.failure = None


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, server: LiveServer) -> Iterator[Page]:
    """The chat UI on the shared server, with nothing saved in the browser."""
    context = browser.new_context(viewport={"width": 1200, "height": 800}, accept_downloads=True)
    opened = context.new_page()
    opened.goto(server.url + "/")
    opened.evaluate("localStorage.clear()")
    opened.reload()
    yield opened
    context.close()


@pytest.fixture
def uploaded(server: LiveServer) -> Iterator[list[str]]:
    """Names the test uploads; deleted afterwards (if still there), since the server is shared."""
    names: list[str] = []
    yield names
    for name in names:
        httpx.delete(f"{server.url}/api/documents/{name}", timeout=60)
