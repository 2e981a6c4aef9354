"""The official `openai` client, pointed at the running server, gets cited answers."""

from __future__ import annotations

from openai import OpenAI

from tests.assistant.server.live_server import LiveServer

QUESTION = "How many key tasks and action points does the campaign include?"


def client(server: LiveServer) -> OpenAI:
    return OpenAI(base_url=server.url + "/v1", api_key="unused", max_retries=0)


def test_models_lists_the_assistant(server: LiveServer) -> None:
    assert [m.id for m in client(server).models.list()] == ["article-assistant"]


def test_completion_carries_markers_sources_and_a_citations_field(server: LiveServer) -> None:
    completion = client(server).chat.completions.create(
        model="article-assistant", messages=[{"role": "user", "content": QUESTION}]
    )
    text = completion.choices[0].message.content or ""
    assert "17" in text
    assert "58" in text
    assert "[1]" in text
    assert "\nSources:\n[1] " in text
    citations = completion.model_extra["citations"]  # type: ignore[index]
    assert all(c["quote"] in text for c in citations)
    assert any("58" in c["quote"] for c in citations)


def test_streaming_completion_ends_with_citations(server: LiveServer) -> None:
    stream = client(server).chat.completions.create(
        model="article-assistant",
        messages=[
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "What campaign did Baogang launch?"},
            {"role": "assistant", "content": "A reform campaign."},
            {"role": "user", "content": "How many action points does it have?"},
        ],
        stream=True,
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert "58" in text
    assert "Sources:" in text
    last = chunks[-1]
    assert last.choices[0].finish_reason == "stop"
    assert last.model_extra
    assert last.model_extra["citations"]


def test_unanswerable_question_says_so(server: LiveServer) -> None:
    completion = client(server).chat.completions.create(
        model="article-assistant",
        messages=[{"role": "user", "content": "Who won the 2022 World Cup?"}],
    )
    assert (completion.choices[0].message.content or "").startswith("I could not find this")
