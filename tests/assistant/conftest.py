"""LLM-mode containers over the seed corpus: scripted by the stand-in, or the real local model."""

from __future__ import annotations

import pytest

from assistant.ask.llm.local_server import LocalServer
from assistant.container import Container, build_container
from tests.assistant.ask.llm.standin import StandIn
from tests.conftest import SEED_DOC_ID, SEEDS, make_settings


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
