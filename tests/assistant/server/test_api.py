"""The JSON API over real HTTP: answers, SSE, documents, errors, limits."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.conftest import SEED_DOC_ID, SEED_TEXT

SEED_QUESTION = "How many key tasks and action points does the campaign include?"


def sse_events(text: str) -> list[tuple[str, object]]:
    events = []
    for frame in text.strip().split("\n\n"):
        lines = frame.split("\n")
        name = next(line[7:] for line in lines if line.startswith("event: "))
        data = "\n".join(line[6:] for line in lines if line.startswith("data: "))
        events.append((name, json.loads(data)))
    return events


def test_health_and_readiness(http: httpx.Client) -> None:
    assert http.get("/healthz").json() == {"status": "ok"}
    ready = http.get("/readyz").json()
    assert ready["status"] == "ready"
    assert ready["documents"] == 1
    assert ready["chunks"] > 0


def test_ask_returns_the_cli_json_shape_with_verified_citations(http: httpx.Client) -> None:
    response = http.post("/api/ask", json={"question": SEED_QUESTION})
    assert response.status_code == 200
    answer = response.json()
    assert set(answer) == {
        "question", "answer", "abstained", "citations", "timings_ms", "answer_id"
    }  # fmt: skip
    assert len(answer["answer_id"]) == 32
    assert "17" in answer["answer"]
    assert "58" in answer["answer"]
    for citation in answer["citations"]:
        assert SEED_TEXT[citation["start"] : citation["end"]] == citation["quote"]


def test_chat_streams_tokens_then_citations_then_the_final_answer(http: httpx.Client) -> None:
    response = http.post("/api/chat", json={"question": SEED_QUESTION})
    assert response.headers["content-type"].startswith("text/event-stream")
    events = sse_events(response.text)
    names = [name for name, _ in events]
    assert names[-2:] == ["citations", "final"]
    assert set(names[:-2]) == {"token"}
    streamed = "".join(data["text"] for name, data in events if name == "token")  # type: ignore[index]
    final = events[-1][1]
    assert isinstance(final, dict)
    assert streamed == final["answer"]
    assert "58" in streamed


def test_chat_uses_the_history_for_follow_ups(http: httpx.Client) -> None:
    history = [
        {"role": "user", "content": "What campaign did Baogang launch?"},
        {"role": "assistant", "content": "Baogang Group launches a new corporate reform campaign."},
    ]
    response = http.post(
        "/api/chat", json={"question": "How many action points does it have?", "history": history}
    )
    final = sse_events(response.text)[-1][1]
    assert isinstance(final, dict)
    assert "58" in final["answer"]


def test_documents_are_listed_and_read_with_highlights(http: httpx.Client) -> None:
    listing = http.get("/api/documents").json()
    assert listing["total"] == 1
    assert listing["documents"][0]["id"] == SEED_DOC_ID
    start = SEED_TEXT.index("58 specific action points")
    end = start + len("58 specific action points")
    doc = http.get(f"/api/documents/{SEED_DOC_ID}", params={"highlight": f"{start}-{end}"}).json()
    assert doc["text"] == SEED_TEXT
    assert doc["highlights"] == [{"start": start, "end": end, "text": "58 specific action points"}]


@pytest.mark.parametrize(
    "path",
    [
        "/api/documents/../../etc/passwd",
        "/api/documents/..%2F..%2Fetc%2Fpasswd",
        "/api/documents/%2Fetc%2Fpasswd",
        "/api/documents/....//....//etc/passwd",
    ],
)
def test_path_like_ids_are_404_never_a_file(http: httpx.Client, path: str) -> None:
    response = http.get(path)
    assert response.status_code == 404
    assert "root:" not in response.text


def test_upload_ask_and_delete_an_article(http: httpx.Client) -> None:
    article = (
        b"---\ntitle: Harbour terminal approved\nsource: Example Port News\n---\n"
        b"The harbour authority approved a container terminal with 40 berths on Tuesday.\n"
    )
    uploaded = http.post(
        "/api/documents", files=[("files", ("harbour.md", article, "text/markdown"))]
    ).json()
    assert uploaded["added"] == ["harbour.md"]
    assert uploaded["skipped"] == []
    answer = http.post(
        "/api/ask", json={"question": "How many berths will the terminal have?"}
    ).json()
    assert "40" in answer["answer"]
    assert answer["citations"][0]["doc_id"] == "harbour.md"
    assert http.delete("/api/documents/harbour.md").json() == {"id": "harbour.md", "deleted": True}
    assert http.get("/api/documents/harbour.md").status_code == 404
    assert http.delete("/api/documents/harbour.md").status_code == 404


def test_bad_upload_is_reported_and_loses_nothing(http: httpx.Client) -> None:
    result = http.post(
        "/api/documents",
        files=[
            ("files", ("empty.txt", b"", "text/plain")),
            ("files", ("../../evil.pdf", b"not a pdf", "application/pdf")),
        ],
    ).json()
    assert [s["reason"] for s in result["skipped"]] == [
        "empty file",
        "malformed PDF (no %PDF header)",
    ]
    assert http.get("/readyz").json()["documents"] == 1


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"question": "   "}, 400, "the question is empty"),
        ({}, 422, "body.question: Field required"),
        ({"question": "x", "top_k": 0}, 422, "body.top_k"),
    ],
)
def test_bad_requests_get_readable_errors(
    http: httpx.Client, body: dict[str, object], status: int, message: str
) -> None:
    response = http.post("/api/ask", json=body)
    assert response.status_code == status
    error = response.json()["error"]
    assert message in error["message"]
    assert error["request_id"] == response.headers["x-request-id"]
    assert "Traceback" not in response.text


def test_an_oversized_body_gets_413(http: httpx.Client) -> None:
    response = http.post("/api/ask", json={"question": "x" * 300_000})
    assert response.status_code == 413
    assert "limit" in response.json()["error"]["message"]


def test_malformed_json_is_a_422_not_a_500(http: httpx.Client) -> None:
    response = http.post(
        "/api/ask", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422


def test_every_response_carries_a_request_id(http: httpx.Client) -> None:
    assert http.get("/healthz").headers["x-request-id"]
    echoed = http.get("/healthz", headers={"x-request-id": "trace-42"})
    assert echoed.headers["x-request-id"] == "trace-42"


def test_cors_is_closed_by_default(http: httpx.Client) -> None:
    response = http.options(
        "/api/ask",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in response.headers


def test_the_openapi_schema_lists_every_endpoint(http: httpx.Client) -> None:
    paths = set(http.get("/openapi.json").json()["paths"])
    assert {
        "/api/ask", "/api/chat", "/api/documents", "/api/documents/{doc_id}",
        "/v1/chat/completions", "/v1/models", "/healthz", "/readyz",
    } <= paths  # fmt: skip
