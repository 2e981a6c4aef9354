"""Closing a container stops the threads and processes it started, and only those; twice is
harmless."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from assistant.ask.llm.endpoint import local_model_path
from assistant.ask.llm.local_model import check_model
from assistant.container import build_container
from assistant.errors import LLMError
from assistant.settings import Settings, load_settings
from tests.conftest import make_settings


def new_threads(before: set[threading.Thread], prefix: str) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith(prefix) and t not in before]


def test_close_stops_the_retrieval_threads_and_may_be_called_again(tmp_path: Path) -> None:
    before = set(threading.enumerate())
    container = build_container(make_settings(tmp_path / "var"))
    container.retriever.search("wind farm", 5)
    started = new_threads(before, "bm25")
    assert started, "hybrid retrieval runs BM25 on the container's pool"
    container.close()
    assert not any(t.is_alive() for t in started)
    assert not new_threads(before, "bm25")
    container.close()


@pytest.mark.model
def test_a_container_stops_the_local_model_it_started_but_not_one_it_shares(
    tmp_path: Path,
) -> None:
    models_dir = load_settings().models_dir
    try:
        check_model(local_model_path(load_settings()))
    except LLMError as exc:
        pytest.fail(f"{exc} (this test needs the real local model)")

    def llm_settings(name: str) -> Settings:
        return make_settings(
            tmp_path / name, answer_mode="llm", llm_api_key=None, llm_base_url=None,
            models_dir=models_dir, llm_context_tokens=2048,
        )  # fmt: skip

    owner = build_container(llm_settings("owner"))
    server = owner.llm_server
    assert server is not None
    try:
        server.base_url()  # started on first use
        sharer = build_container(llm_settings("sharer"), llm_server=server)
        assert sharer.llm_server is server
        sharer.close()
        assert server.running, "a shared model server is its owner's to stop"
        owner.close()
        assert not server.running
        owner.close()
    finally:
        server.stop()
