"""Overload is refused politely (429, 503 with Retry-After) and never crashes or loses an upload."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from assistant.server.rate_limit import TokenBuckets
from tests.assistant.server.conftest import start
from tests.assistant.server.live_server import LiveServer

QUESTION = {"question": "How many action points does the campaign have?"}


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    yield from start(
        tmp_path_factory.mktemp("limited") / "var", rate_limit_per_minute=60, rate_limit_burst=3
    )


@pytest.fixture(scope="module")
def narrow(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    yield from start(
        tmp_path_factory.mktemp("narrow") / "var",
        max_concurrent_answers=1,
        answer_queue_seconds=0.05,
    )


def test_token_bucket_refills_at_the_rate() -> None:
    buckets = TokenBuckets(per_minute=60, burst=2)
    assert buckets.take("a", now=0) == 0
    assert buckets.take("a", now=0) == 0
    assert buckets.take("a", now=0) == pytest.approx(1.0)
    assert buckets.take("a", now=1.0) == 0
    assert buckets.take("b", now=0) == 0  # another client has its own bucket


def test_a_client_over_its_rate_gets_429_with_retry_after(limited: LiveServer) -> None:
    statuses = [httpx.get(limited.url + "/api/documents").status_code for _ in range(5)]
    assert statuses[:3] == [200, 200, 200]
    refused = httpx.get(limited.url + "/api/documents")
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1
    assert "too many requests" in refused.json()["error"]["message"]
    assert httpx.get(limited.url + "/healthz").status_code == 200  # health is never limited
    other = httpx.get(limited.url + "/api/documents", headers={"Authorization": "Bearer other"})
    assert other.status_code == 200  # a different client is not punished


def test_too_many_answers_at_once_get_503_and_uploads_still_land(narrow: LiveServer) -> None:
    def ask(_: int) -> httpx.Response:
        return httpx.post(narrow.url + "/api/ask", json=QUESTION, timeout=60)

    def upload() -> httpx.Response:
        files = [
            (
                "files",
                ("ferry.md", b"# Ferry\nThe new ferry carries 640 passengers.\n", "text/markdown"),
            )
        ]
        return httpx.post(narrow.url + "/api/documents", files=files, timeout=60)

    with ThreadPoolExecutor(max_workers=9) as pool:
        answers = list(pool.map(ask, range(8)))
        uploaded = pool.submit(upload).result()
    statuses = sorted(r.status_code for r in answers)
    assert set(statuses) <= {200, 503}
    assert 200 in statuses
    assert 503 in statuses
    busy = next(r for r in answers if r.status_code == 503)
    assert busy.headers["retry-after"] == "5"
    assert uploaded.status_code == 200
    assert uploaded.json()["added"] == ["ferry.md"]
    again = httpx.post(narrow.url + "/api/ask", json=QUESTION, timeout=60)
    assert again.status_code == 200
    assert "58" in again.json()["answer"]
