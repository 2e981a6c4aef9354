"""Ingestion killed with SIGKILL at several points, then re-run, ends exactly like a clean ingest.

In between, nothing half-written is ever served: every committed document has all its chunks.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.ask.retrieval.vector import committed
from assistant.container import build_container
from index.store import ChromaStore, open_client
from tests.conftest import ROOT, SEED_DOC_ID, SEED_TEXT, make_settings

pytestmark = pytest.mark.slow  # subprocesses, servers or big inputs: `make test`, not `make unit`

ARTICLES = 30
TOPICS = ["harbour", "railway", "quarry", "orchard", "lighthouse", "refinery", "vineyard", "dam"]


def write_corpus(folder: Path, *, version: int = 1) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SEED_DOC_ID).write_text(SEED_TEXT, encoding="utf-8")
    for i in range(ARTICLES):
        topic = TOPICS[i % len(TOPICS)]
        paragraphs = [
            f"Report {i} (version {version}): the {topic} project number {i} employs {i * 7 + version} people.",
            f"Officials said the {topic} opened in {1900 + i} and expanded in {1950 + i}.",
            *(
                f"Paragraph {p} describes the {topic} site, its workers and its history in detail."
                for p in range(12)
            ),
        ]
        (folder / f"article-{i:02d}.txt").write_text("\n".join(paragraphs), encoding="utf-8")


def ingest_process(data_dir: Path, corpus: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "assistant", "--data-dir", str(data_dir), "ingest", str(corpus)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "ASSISTANT_SEEDS_DIR": str(corpus)},
    )


def snapshot(data_dir: Path) -> tuple[dict[str, str], set[str]]:
    """(document id → content hash, chunk ids) as stored."""
    store = ChromaStore(open_client(data_dir / "chroma"), "articles")
    return store.document_hashes(), set(store._chunks.get(include=[])["ids"])


def assert_consistent(data_dir: Path) -> None:
    """Every committed document has exactly its own version's chunks, all of them."""
    store = ChromaStore(open_client(data_dir / "chroma"), "articles")
    records = store._docs.get(include=["metadatas"])
    chunks = store._chunks.get(include=["metadatas"])
    by_doc: dict[str, list[str]] = {}
    for meta in chunks["metadatas"] or []:
        by_doc.setdefault(str(meta["doc_id"]), []).append(str(meta["content_hash"]))
    for doc_id, meta in zip(records["ids"], records["metadatas"] or [], strict=True):
        current = [h for h in by_doc.get(doc_id, []) if h == meta["content_hash"]]
        assert len(current) == meta["chunks"], f"{doc_id} is half-present"


def crash(data_dir: Path, corpus: Path, *, after_commits: int, delay_ms: int) -> None:
    """An ingest that kills itself with SIGKILL shortly after its Nth document commit."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.index.store.crash_driver", str(data_dir), str(corpus), str(after_commits), str(delay_ms)],
        capture_output=True, check=False, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == -signal.SIGKILL, result.stderr.decode()[-2000:]


KILL_POINTS = [(2, 0), (5, 3), (6, 12)]  # (commits before the kill, milliseconds after it)


def test_killed_first_ingest_resumes_to_the_clean_state(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    clean = tmp_path / "clean"
    assert ingest_process(clean, corpus).wait() == 0

    crashed = tmp_path / "crashed"
    committed_counts = []
    for after, delay in KILL_POINTS:
        crash(crashed, corpus, after_commits=after, delay_ms=delay)
        assert_consistent(crashed)
        committed_counts.append(len(snapshot(crashed)[0]))
    assert committed_counts == sorted(committed_counts)
    assert 0 < committed_counts[-1] < ARTICLES + 1
    assert ingest_process(crashed, corpus).wait() == 0
    assert_consistent(crashed)
    assert snapshot(crashed) == snapshot(clean)


def test_killed_update_never_shows_half_a_document_and_resumes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, version=1)
    data = tmp_path / "data"
    assert ingest_process(data, corpus).wait() == 0
    write_corpus(corpus, version=2)
    for after, delay in KILL_POINTS[:2]:
        crash(data, corpus, after_commits=after, delay_ms=delay)
        assert_consistent(data)
    assert ingest_process(data, corpus).wait() == 0

    clean = tmp_path / "clean"
    assert ingest_process(clean, corpus).wait() == 0
    assert snapshot(data) == snapshot(clean)
    assert_consistent(data)


def test_lexical_index_agrees_with_chroma_after_a_crash(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    data = tmp_path / "data"
    crash(data, corpus, after_commits=4, delay_ms=2)
    assert ingest_process(data, corpus).wait() == 0
    container = build_container(make_settings(data))
    lexical = container.lexical
    all_ids = {hit.chunk_id for hit in container.store.all_chunks()}
    assert set(lexical.chunk_ids()) == all_ids
    hits = committed(container.store, container.store.all_chunks())
    assert {h.chunk_id for h in hits} == all_ids
