"""LLM-mode fixtures: a scripted OpenAI-compatible stand-in, and the real local model's server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assistant.config import load_settings
from assistant.container import Container, build_container
from assistant.errors import LLMError
from assistant.llm.local_model import check_model, model_path
from assistant.llm.local_server import LocalServer
from tests.assistant.llm.standin import StandIn
from tests.conftest import SEED_DOC_ID, SEEDS, make_settings


@pytest.fixture(scope="session")
def standin() -> Iterator[StandIn]:
    server = StandIn().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def standin_seeded(tmp_path_factory: pytest.TempPathFactory, standin: StandIn) -> Container:
    """The seed corpus answered in LLM mode by the stand-in; each test scripts its replies."""
    built = build_container(
        make_settings(
            tmp_path_factory.mktemp("standin") / "var",
            answer_mode="llm",
            llm_base_url=standin.base_url,
            llm_model="scripted",
            llm_api_key="not-needed",
        )
    )
    assert built.ingestor.ingest([SEEDS]).added == [SEED_DOC_ID]
    return built


@pytest.fixture(scope="session")
def local_llm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """The real model (prepared by `make local-llm`) served on a free loopback port."""
    path = model_path(load_settings().data_dir)
    try:
        check_model(path)
    except LLMError as exc:
        pytest.fail(f"{exc} (the LLM tests need the real local model)")
    log_path = tmp_path_factory.mktemp("llm") / "server.log"
    with LocalServer(path, threads=0, context_tokens=4096, log_path=log_path) as server:
        yield server


@pytest.fixture(scope="session")
def llm_seeded(tmp_path_factory: pytest.TempPathFactory, local_llm: LocalServer) -> Container:
    """The seed corpus answered in LLM mode by the real local model."""
    built = build_container(
        make_settings(
            tmp_path_factory.mktemp("llm-seeded") / "var",
            answer_mode="llm",
            llm_base_url=local_llm.base_url(),
            llm_model=local_llm.alias,
        )
    )
    assert built.ingestor.ingest([SEEDS]).added == [SEED_DOC_ID]
    return built
