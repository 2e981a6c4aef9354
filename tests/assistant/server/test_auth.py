"""With ASSISTANT_API_TOKEN set, every endpoint but health needs the bearer token."""

from __future__ import annotations

import httpx
import pytest

from tests.assistant.server.conftest import TOKEN
from tests.assistant.server.live_server import LiveServer

PROTECTED = [
    ("POST", "/api/ask", {"question": "How many action points?"}),
    ("POST", "/api/chat", {"question": "How many action points?"}),
    ("GET", "/api/documents", None),
    ("GET", "/api/documents/baogang-reform-campaign.txt", None),
    ("DELETE", "/api/documents/baogang-reform-campaign.txt", None),
    ("GET", "/v1/models", None),
    (
        "POST",
        "/v1/chat/completions",
        {"model": "x", "messages": [{"role": "user", "content": "hi"}]},
    ),
]


@pytest.mark.parametrize(("method", "path", "body"), PROTECTED)
@pytest.mark.parametrize("header", [None, "Bearer wrong-token", "Basic " + TOKEN, TOKEN])
def test_missing_or_wrong_token_is_refused(
    locked_server: LiveServer, method: str, path: str, body: object, header: str | None
) -> None:
    headers = {"Authorization": header} if header else {}
    response = httpx.request(method, locked_server.url + path, json=body, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_uploads_need_the_token_too(locked_server: LiveServer) -> None:
    response = httpx.post(
        locked_server.url + "/api/documents",
        files=[("files", ("a.txt", b"Some text.", "text/plain"))],
    )
    assert response.status_code == 401


def test_the_right_token_is_accepted(locked_server: LiveServer) -> None:
    response = httpx.post(
        locked_server.url + "/api/ask",
        json={"question": "How many action points does the campaign have?"},
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=60,
    )
    assert response.status_code == 200
    assert "58" in response.json()["answer"]


def test_health_stays_open(locked_server: LiveServer) -> None:
    assert httpx.get(locked_server.url + "/healthz").status_code == 200
    assert httpx.get(locked_server.url + "/readyz").status_code == 200
