"""The local model on OpenVINO GenAI: the same GGUF behind the same OpenAI-compatible server,
so the engine's verified answers come out alike (ASSISTANT_LLM_RUNTIME=openvino)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.ask.llm.client import ChatClient, Message, Usage
from assistant.ask.llm.endpoint import local_model_path
from assistant.ask.llm.local_server import LocalServer
from assistant.container import Container, build_container
from assistant.schema import FinalEvent, TokenEvent
from assistant.settings import load_settings
from tests.conftest import SEEDS, make_settings

pytestmark = [pytest.mark.model, pytest.mark.slow]


@pytest.fixture(scope="module")
def openvino_llm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    log_path = tmp_path_factory.mktemp("openvino") / "server.log"
    model = local_model_path(load_settings())
    with LocalServer(
        model, threads=0, context_tokens=4096, log_path=log_path, runtime="openvino"
    ) as server:
        yield server


@pytest.fixture(scope="module")
def openvino_seeded(
    tmp_path_factory: pytest.TempPathFactory, openvino_llm: LocalServer
) -> Container:
    settings = make_settings(
        tmp_path_factory.mktemp("ov-seeded") / "var", answer_mode="llm",
        llm_base_url=openvino_llm.base_url(), llm_model=openvino_llm.alias,
    )  # fmt: skip
    built = build_container(settings)
    built.ingestor.ingest([SEEDS])
    return built


def test_the_server_speaks_openai_with_usage_streamed_or_not(openvino_llm: LocalServer) -> None:
    client = ChatClient(
        base_url=openvino_llm.base_url(), api_key=None, model=openvino_llm.alias, timeout_s=300
    )
    ask = [Message(role="user", content="Reply with the single word: yes")]
    usage = Usage()
    streamed = "".join(client.stream(ask, max_tokens=5, usage=usage))
    assert "yes" in streamed.lower()
    assert usage.prompt_tokens > 5
    assert usage.completion_tokens >= 1
    assert client.complete(ask, max_tokens=5).strip().lower().startswith("yes")


def test_answers_on_openvino_are_verified_like_any_other(openvino_seeded: Container) -> None:
    async def run() -> list[object]:
        question = "How many action points does the campaign have?"
        return [event async for event in openvino_seeded.engine.stream(question)]

    events = asyncio.run(run())
    final = events[-1]
    assert isinstance(final, FinalEvent)
    assert "".join(e.text for e in events if isinstance(e, TokenEvent)) == final.answer.answer
    assert "58" in final.answer.answer
    text = (SEEDS / "baogang-reform-campaign.txt").read_text(encoding="utf-8")
    for citation in final.answer.citations:
        assert text[citation.start : citation.end] == citation.quote


def test_the_setting_starts_the_openvino_server(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "var", answer_mode="llm", llm_runtime="openvino")
    with build_container(settings) as built:
        assert built.llm_server is not None
        assert built.llm_server.runtime == "openvino"
