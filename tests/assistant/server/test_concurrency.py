"""Concurrent writers and readers: one document per file, no answer ever loses its source."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from assistant.container import Container, build_container
from assistant.server.app import create_app
from tests.assistant.server.live_server import LiveServer
from tests.conftest import SEED_DOC_ID, SEED_TEXT, make_settings

pytestmark = pytest.mark.slow  # subprocesses, servers or big inputs: `make test`, not `make unit`

ARTICLE = (
    b"---\ntitle: Tram line opens\n---\nThe new tram line has 14 stops and opened on Friday.\n"
)


@pytest.fixture
def live(tmp_path: Path, corpus: Path) -> Iterator[tuple[Container, LiveServer]]:
    container = build_container(
        make_settings(tmp_path / "var", rate_limit_per_minute=0, max_concurrent_answers=16)
    )
    container.ingestor.ingest([corpus])
    with LiveServer(create_app(container)) as server:
        yield container, server


def test_concurrent_uploads_of_the_same_file_make_one_document(
    live: tuple[Container, LiveServer],
) -> None:
    container, server = live
    before = container.store.document_count()

    def upload(_: int) -> httpx.Response:
        files = [("files", ("tram.md", ARTICLE, "text/markdown"))]
        return httpx.post(server.url + "/api/documents", files=files, timeout=120)

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(upload, range(6)))
    assert all(r.status_code == 200 for r in results)
    assert sum(len(r.json()["added"]) for r in results) == 1
    assert container.store.document_count() == before + 1
    chunk_ids = container.store._chunks.get(where={"doc_id": "tram.md"}, include=[])["ids"]
    record = container.store.get_documents(["tram.md"], with_text=False)["tram.md"]
    assert len(chunk_ids) == record.metadata["chunks"]


def test_answers_stay_cited_while_the_corpus_is_being_reingested(
    live: tuple[Container, LiveServer], corpus: Path
) -> None:
    container, server = live
    stop = threading.Event()
    rounds = 0

    def reingest() -> None:
        nonlocal rounds
        version = 0
        while not stop.is_set():
            version += 1
            (corpus / SEED_DOC_ID).write_text(SEED_TEXT + f"\nEditor's note, revision {version}.\n")
            (corpus / "wind-farm.md").write_text(
                "---\ntitle: North Sea wind farm opens\n---\n"
                f"Revision {version}. The Dogger Bank wind farm began supplying power on Monday.\n"
            )
            container.ingestor.ingest([corpus])
            rounds += 1

    writer = threading.Thread(target=reingest)
    writer.start()
    try:
        answers = [
            httpx.post(
                server.url + "/api/ask",
                json={
                    "question": "How many key tasks and action points does the campaign include?"
                },
                timeout=120,
            ).json()
            for _ in range(12)
        ]
    finally:
        stop.set()
        writer.join()
    assert rounds >= 2, "the re-ingest did not overlap the questions"
    for answer in answers:
        assert not answer["abstained"], answer["answer"]
        assert "58" in answer["answer"]
        for citation in answer["citations"]:
            assert citation["doc_id"] == SEED_DOC_ID
            assert citation["quote"] in SEED_TEXT
