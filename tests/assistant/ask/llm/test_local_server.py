"""The real local model served by llama.cpp on loopback, as the assistant starts it."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from assistant.ask.llm.client import ChatClient, Message
from assistant.ask.llm.local_server import LocalServer
from assistant.errors import LLMError


def test_it_serves_the_openai_api_on_loopback(local_llm: LocalServer) -> None:
    url = local_llm.base_url()
    assert url.startswith("http://127.0.0.1:")
    with urllib.request.urlopen(f"{url}/models", timeout=10) as response:
        models = json.load(response)
    assert local_llm.alias in json.dumps(models)


def test_the_real_model_answers_a_chat_completion(local_llm: LocalServer) -> None:
    chat = ChatClient(base_url=local_llm.base_url, api_key=None, model="any", timeout_s=300)
    reply = chat.complete(
        [Message("user", "What is 2 + 3? Reply with the number only.")], max_tokens=8
    )
    assert "5" in reply


def test_a_file_that_is_not_the_model_is_refused_before_loading(tmp_path: Path) -> None:
    fake = tmp_path / "model.gguf"
    fake.write_bytes(b"GGUF" + b"\0" * 64)
    server = LocalServer(fake, threads=1, context_tokens=512, log_path=tmp_path / "log")
    with pytest.raises(LLMError, match="refusing"):
        server.base_url()
    assert not server.running
