"""Two API workers sharing one data folder and one Chroma server take uploads at the same time:
both succeed (one lexical writer at a time, the other waits for the lock), both answer from
what either took, and the shared index equals one built afresh from Chroma."""

from __future__ import annotations

import itertools
import threading
import time
from contextlib import ExitStack
from pathlib import Path
from uuid import uuid4

import httpx
import pytest

from evals.bench.servers import api_server
from index.lexical import LexicalIndex
from index.store import ChromaStore, open_server_client
from tests.conftest import make_settings

pytestmark = pytest.mark.slow  # two servers for a minute: `make test`, not `make unit`

UPLOADING_S = 60.0
ARTICLE = (
    "The council of {town} approved {lines} new tram lines for the {town} district on Tuesday.\n"
    "Construction in {town} starts next spring and the mayor expects the work to last two years.\n"
)


def town(worker: int, n: int) -> str:
    return f"Velmar{'ab'[worker]}{n:03d}"  # one token per article: the lexical leg finds it


def upload_for_a_while(url: str, worker: int, uploaded: list[str], failures: list[str]) -> None:
    stop = time.monotonic() + UPLOADING_S
    with httpx.Client(base_url=url, timeout=120) as http:
        for n in itertools.count():
            if time.monotonic() > stop:
                return
            name = town(worker, n)
            text = ARTICLE.format(town=name, lines=n % 9 + 2)
            got = http.post("/api/documents", files=[("files", (f"{name}.txt", text))])
            if got.status_code != 200 or got.json()["added"] != [f"{name}.txt"]:
                failures.append(f"{name}: {got.status_code} {got.text[:300]}")
            else:
                uploaded.append(name)


def test_two_workers_take_uploads_at_once_and_keep_one_index_equal_to_chroma(
    chroma_server: str, tmp_path: Path
) -> None:
    collection = f"writers{uuid4().hex[:12]}"
    env = {
        "ASSISTANT_CHROMA_URL": chroma_server,
        "ASSISTANT_COLLECTION": collection,
        "ASSISTANT_DATA_DIR": str(tmp_path / "shared"),  # one lexical index, one writer lock
        "ASSISTANT_RATE_LIMIT_PER_MINUTE": "0",
    }
    with ExitStack() as servers:
        urls = [servers.enter_context(api_server(env, tmp_path / f"w{w}.log")) for w in (0, 1)]
        uploaded: list[list[str]] = [[], []]
        failures: list[str] = []
        threads = [
            threading.Thread(target=upload_for_a_while, args=(urls[w], w, uploaded[w], failures))
            for w in (0, 1)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert failures == []
        assert all(len(names) >= 5 for names in uploaded), [len(n) for n in uploaded]

        # Each worker answers about the other's latest upload (and its own).
        for w, url in enumerate(urls):
            for name in (uploaded[1 - w][-1], uploaded[w][-1]):
                answer = httpx.post(
                    f"{url}/api/ask",
                    json={"question": f"How many tram lines did the council of {name} approve?"},
                    timeout=120,
                ).json()
                assert not answer["abstained"], answer
                assert answer["citations"][0]["doc_id"] == f"{name}.txt"

    settings = make_settings(tmp_path / "shared", chroma_url=chroma_server, collection=collection)
    store = ChromaStore(open_server_client(chroma_server), collection)
    chroma_ids = frozenset(h.chunk_id for h in store.all_chunks())
    assert len(chroma_ids) == sum(len(names) for names in uploaded)  # one chunk per article
    shared = LexicalIndex(store, settings.lexical_path, title_weight=1)
    clean = LexicalIndex(store, tmp_path / "clean", title_weight=1)
    assert shared.chunk_ids() == clean.chunk_ids() == chroma_ids
    for query in (uploaded[0][0], uploaded[1][-1], "tram lines council"):
        found, built = shared.search(query, 10), clean.search(query, 10)
        assert [round(h.score, 4) for h in found] == [round(h.score, 4) for h in built]
        assert found[0].chunk_id == built[0].chunk_id or query == "tram lines council"  # a tie
