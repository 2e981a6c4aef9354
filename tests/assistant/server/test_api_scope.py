"""`as_of` and `filters` over HTTP: /api/ask, /api/chat and /v1 (as `extra_body`) cite the
version and source they select; /api/sources lists the names; /api/documents?q= searches titles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from openai import OpenAI

from assistant.container import build_container
from tests.assistant.server.conftest import serve
from tests.assistant.server.live_server import LiveServer
from tests.assistant.server.test_api import sse_events
from tests.conftest import BRIDGE_QUESTION, DATED_NEWS, make_settings


@pytest.fixture(scope="module")
def dated_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    data_dir: Path = tmp_path_factory.mktemp("dated-server") / "var"
    container = build_container(make_settings(data_dir, rate_limit_per_minute=0))
    container.ingestor.ingest([DATED_NEWS])
    yield from serve(container)  # adds the seed article, then serves


@pytest.fixture
def api(dated_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=dated_server.url, timeout=60) as client:
        yield client


def ask(api: httpx.Client, **scope: Any) -> dict[str, Any]:
    response = api.post("/api/ask", json={"question": BRIDGE_QUESTION, **scope})
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    assert not answer["abstained"]
    return answer


@pytest.mark.parametrize(
    ("scope", "cited"),
    [
        ({}, "harbor-bridge-feb20.md"),
        ({"as_of": "2025-02-10"}, "harbor-bridge-feb03.md"),
        ({"as_of": "2025-03-01"}, "harbor-bridge-feb20.md"),
        ({"filters": {"sources": ["Valley"]}}, "harbor-bridge-valley.md"),
        ({"filters": {"published_to": "2025-01-31"}}, "harbor-bridge-valley.md"),
        ({"filters": {"published_from": "2025-02-01", "published_to": "2025-02-10"}}, "harbor-bridge-feb03.md"),
    ],
)  # fmt: skip
def test_api_ask_cites_the_document_the_scope_selects(
    api: httpx.Client, scope: dict[str, Any], cited: str
) -> None:
    assert ask(api, **scope)["citations"][0]["doc_id"] == cited


def test_the_earlier_figure_is_stated_with_its_report_date(api: httpx.Client) -> None:
    answer = ask(api, as_of="2025-02-10")
    assert answer["answer"].startswith("As of the Feb. 3, 2025 report (River Times):")
    assert "$12 million" in answer["answer"]
    assert answer["citations"][0]["published"] == "2025-02-03"


def test_api_chat_streams_the_scoped_answer(api: httpx.Client) -> None:
    body = {"question": BRIDGE_QUESTION, "filters": {"sources": ["valley post"]}}
    events = sse_events(api.post("/api/chat", json=body).text)
    final = events[-1][1]
    assert isinstance(final, dict)
    assert final["citations"][0]["doc_id"] == "harbor-bridge-valley.md"


def test_openai_clients_send_the_scope_as_extra_body(dated_server: LiveServer) -> None:
    client = OpenAI(base_url=dated_server.url + "/v1", api_key="unused", max_retries=0)
    messages = [{"role": "user", "content": BRIDGE_QUESTION}]
    plain = client.chat.completions.create(model="article-assistant", messages=messages)  # type: ignore[arg-type]
    dated = client.chat.completions.create(
        model="article-assistant",
        messages=messages,  # type: ignore[arg-type]
        extra_body={"as_of": "2025-02-10"},
    )
    assert plain.model_extra["citations"][0]["doc_id"] == "harbor-bridge-feb20.md"  # type: ignore[index]
    assert dated.model_extra["citations"][0]["doc_id"] == "harbor-bridge-feb03.md"  # type: ignore[index]
    assert "(2025-02-03) — “" in (dated.choices[0].message.content or "")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"filters": {"sources": ["nowhere"]}}, "no source matches nowhere"),
        ({"as_of": "soon"}, "as_of"),
        ({"filters": {"published_from": "2025-03-01", "published_to": "2025-02-01"}}, "empty"),
    ],
)
def test_a_scope_that_cannot_work_is_a_400_before_any_answer(
    api: httpx.Client, body: dict[str, Any], message: str
) -> None:
    for path in ("/api/ask", "/api/chat", "/v1/chat/completions"):
        payload = (
            {"messages": [{"role": "user", "content": BRIDGE_QUESTION}], **body}
            if path.startswith("/v1")
            else {"question": BRIDGE_QUESTION, **body}
        )
        response = api.post(path, json=payload)
        assert response.status_code in (400, 422), (path, response.text)
        assert message in response.text


def test_sources_are_listed_with_their_document_counts(api: httpx.Client) -> None:
    sources = api.get("/api/sources").json()["sources"]
    assert {"name": "River Times", "documents": 2} in sources
    assert {"name": "Valley Post", "documents": 1} in sources


def test_documents_can_be_searched_by_title_in_any_case(api: httpx.Client) -> None:
    found = api.get("/api/documents", params={"q": "BRIDGE repair"}).json()
    assert found["total"] == 2
    assert {d["id"] for d in found["documents"]} == {
        "harbor-bridge-feb03.md",
        "harbor-bridge-feb20.md",
    }
    assert found["documents"][0]["published"].startswith("2025-02")
