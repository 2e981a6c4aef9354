"""The app owns the container it is built with: shutting the server down closes it."""

from __future__ import annotations

import threading
from pathlib import Path

import httpx

from assistant.container import build_container
from assistant.server.app import create_app
from tests.assistant.server.live_server import LiveServer
from tests.conftest import SEED_DOC_ID, SEED_TEXT, make_settings

QUESTION = {"question": "How many action points does the campaign have?"}
OWN_POOLS = {"bm25", "corpus-writer", "embed", "chroma-write"}  # thread name prefixes


def test_shutting_the_server_down_stops_the_threads_it_started(tmp_path: Path) -> None:
    before = set(threading.enumerate())
    container = build_container(make_settings(tmp_path / "var", rate_limit_per_minute=0))
    with LiveServer(create_app(container)) as server:
        upload = [("files", (SEED_DOC_ID, SEED_TEXT.encode(), "text/plain"))]
        added = httpx.post(server.url + "/api/documents", files=upload, timeout=60)
        assert added.json()["added"] == [SEED_DOC_ID]
        assert httpx.post(server.url + "/api/ask", json=QUESTION, timeout=60).status_code == 200
        started = [
            t
            for t in threading.enumerate()
            if t not in before and t.name.rsplit("_", 1)[0] in OWN_POOLS
        ]
        assert {t.name.rsplit("_", 1)[0] for t in started} == OWN_POOLS
    assert [t.name for t in started if t.is_alive()] == []


def test_an_app_told_to_keep_its_container_leaves_it_working(tmp_path: Path) -> None:
    with build_container(make_settings(tmp_path / "var", rate_limit_per_minute=0)) as container:
        with LiveServer(create_app(container, close_on_shutdown=False)) as server:
            assert httpx.get(server.url + "/readyz", timeout=60).status_code == 200
        assert container.engine.ask(QUESTION["question"]).abstained
