"""Server mode: API workers and hosts share one Chroma server, and BM25 keeps up in each.

Each worker has its own data folder here (as separate hosts would), so nothing but the Chroma
server is shared: the lexical index of each catches up with the server by chunk ids when the
chunk collection's fingerprint moves without its own writer (tests/index/lexical covers workers
sharing one data folder).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from uuid import uuid4

import httpx
import pytest

from assistant.container import Container, build_container
from assistant.errors import StoreError
from evals.bench.servers import api_server, free_port
from tests.conftest import SEED_DOC_ID, make_settings

pytestmark = pytest.mark.slow  # subprocesses, servers or big inputs: `make test`, not `make unit`

QUESTION = "How many homes can the Dogger Bank turbines power?"


def worker(url: str, data_dir: Path, collection: str) -> Container:
    return build_container(make_settings(data_dir, chroma_url=url, collection=collection))


@pytest.fixture
def collection() -> str:
    return f"shared{uuid4().hex[:12]}"


def test_what_one_worker_ingests_another_finds_by_words_and_by_meaning(
    chroma_server: str, collection: str, corpus: Path, tmp_path: Path
) -> None:
    a = worker(chroma_server, tmp_path / "host-a", collection)
    b = worker(chroma_server, tmp_path / "host-b", collection)
    assert b.lexical.search("Dogger Bank", 3) == []
    a.ingestor.ingest([corpus])
    hits = b.lexical.search("Dogger Bank", 3)
    assert hits
    assert hits[0].doc_id == "wind-farm.md"
    assert b.lexical.chunk_ids() == frozenset(h.chunk_id for h in b.store.all_chunks())
    answer = b.engine.ask(QUESTION)
    assert not answer.abstained
    assert answer.citations[0].doc_id == "wind-farm.md"
    assert not (tmp_path / "host-a" / "chroma").exists(), "nothing is stored locally"


def test_a_deletion_by_one_worker_disappears_from_the_other(
    chroma_server: str, collection: str, corpus: Path, tmp_path: Path
) -> None:
    a = worker(chroma_server, tmp_path / "host-a", collection)
    b = worker(chroma_server, tmp_path / "host-b", collection)
    a.ingestor.ingest([corpus])
    assert a.lexical.search("Dogger Bank", 3)  # a's copy is warm
    b.store.delete_document("wind-farm.md")
    assert a.lexical.search("Dogger Bank", 3) == []
    assert set(a.store.document_hashes()) == {SEED_DOC_ID}
    assert all(c.doc_id != "wind-farm.md" for c in a.engine.ask(QUESTION).citations)


def test_several_api_workers_serve_one_corpus_and_see_changes(
    chroma_server: str, collection: str, corpus: Path, tmp_path: Path
) -> None:
    env = {
        "ASSISTANT_CHROMA_URL": chroma_server,
        "ASSISTANT_COLLECTION": collection,
        "ASSISTANT_DATA_DIR": str(tmp_path / "api"),
        "ASSISTANT_RATE_LIMIT_PER_MINUTE": "0",
    }
    with (
        api_server(env, tmp_path / "api.log", workers=2) as url,
        httpx.Client(base_url=url, timeout=120) as http,
    ):
        assert http.post("/api/ask", json={"question": QUESTION}).json()["abstained"]
        worker(chroma_server, tmp_path / "ingester", collection).ingestor.ingest([corpus])
        for _ in range(6):  # spread over both workers
            answer = http.post("/api/ask", json={"question": QUESTION}).json()
            assert answer["citations"][0]["doc_id"] == "wind-farm.md"
        assert http.delete("/api/documents/wind-farm.md").status_code in (200, 204)
        for _ in range(6):
            answer = http.post("/api/ask", json={"question": QUESTION}).json()
            assert all(c["doc_id"] != "wind-farm.md" for c in answer["citations"])


def test_an_unreachable_chroma_server_is_a_store_error(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(StoreError, match="cannot reach the Chroma server"):
        build_container(make_settings(tmp_path / "var", chroma_url=url))


def test_a_chroma_url_must_be_a_plain_http_address(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="chroma_url"):
        make_settings(tmp_path, chroma_url="chroma.internal:8000")
    assert make_settings(tmp_path, chroma_url="https://chroma.internal").chroma_url


def test_status_names_the_chroma_server(chroma_server: str, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "ASSISTANT_DATA_DIR": str(tmp_path / "var"),
        "ASSISTANT_CHROMA_URL": chroma_server,
        "ASSISTANT_COLLECTION": f"status{uuid4().hex[:12]}",
    }
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "status"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"Chroma server at {chroma_server}" in done.stdout
    assert "embedded" not in done.stdout
