"""The OpenAI-wire client against a real loopback server: replies, streams, usage, failures."""

from __future__ import annotations

import socket

import pytest

from assistant.ask.llm.client import ChatClient, Message, Usage
from assistant.errors import LLMError
from tests.assistant.ask.llm.standin import StandIn, Status

ASK = [Message("system", "Be brief."), Message("user", "How many action points?")]


def client(base_url: str, timeout_s: float = 10.0) -> ChatClient:
    return ChatClient(base_url=base_url, api_key="k", model="scripted", timeout_s=timeout_s)


def test_a_reply_comes_back_with_its_usage(standin: StandIn) -> None:
    standin.script("There are 58. [1]")
    usage = Usage()
    assert client(standin.base_url).complete(ASK, max_tokens=50, usage=usage) == "There are 58. [1]"
    assert (usage.prompt_tokens, usage.completion_tokens) == (6, 4)  # the stand-in counts words
    sent = standin.requests[0]
    assert sent["model"] == "scripted"
    assert sent["temperature"] == 0
    assert sent["max_tokens"] == 50
    assert sent["messages"] == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "How many action points?"},
    ]


def test_a_stream_yields_the_text_in_pieces_and_fills_in_usage(standin: StandIn) -> None:
    standin.script("The campaign has 58 action points. [1]")
    usage = Usage()
    pieces = list(client(standin.base_url).stream(ASK, max_tokens=50, usage=usage))
    assert len(pieces) > 5
    assert "".join(pieces) == "The campaign has 58 action points. [1]"
    assert usage.completion_tokens == 7
    assert standin.requests[0]["stream"] is True


def test_the_base_url_can_be_resolved_on_first_use(standin: StandIn) -> None:
    calls: list[int] = []

    def resolve() -> str:
        calls.append(1)
        return standin.base_url

    lazy = ChatClient(base_url=resolve, api_key=None, model="m", timeout_s=5)
    assert calls == []
    standin.script("a", "b")
    assert (lazy.complete(ASK, max_tokens=5), lazy.complete(ASK, max_tokens=5)) == ("a", "b")
    assert calls == [1]


def test_an_http_error_is_retried_once_then_becomes_a_one_line_llm_error(
    standin: StandIn,
) -> None:
    standin.script(Status(500, "model crashed"), Status(503, "model crashed again"))
    with pytest.raises(LLMError, match=r"answered HTTP 503.*model crashed again") as caught:
        list(client(standin.base_url).stream(ASK, max_tokens=5))
    assert "\n" not in str(caught.value)
    assert len(standin.requests) == 2


def test_a_client_error_is_not_retried(standin: StandIn) -> None:
    standin.script(Status(401, "bad key"))
    with pytest.raises(LLMError, match=r"answered HTTP 401.*bad key"):
        client(standin.base_url).complete(ASK, max_tokens=5)
    assert len(standin.requests) == 1


def test_an_unreachable_endpoint_is_an_llm_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again below: nothing listens there
    with pytest.raises(LLMError, match=r"cannot reach the language model at http://127\.0\.0\.1"):
        client(f"http://127.0.0.1:{port}/v1", timeout_s=2).complete(ASK, max_tokens=5)
