"""Runs an ingest that SIGKILLs itself a few milliseconds after its Nth document commit.

Usage: python -m tests.index.store.crash_driver DATA_DIR CORPUS KILL_AFTER_COMMITS DELAY_MS
The delay lets the kill land anywhere in the writes that follow, inside a document's write too.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from assistant.container import build_container
from index.pipeline import run as ingest_run
from index.store import ChunkHit, EmbeddedDocument
from tests.conftest import make_settings


def main() -> None:
    data_dir, corpus, kill_after, delay_ms = sys.argv[1:5]
    container = build_container(make_settings(Path(data_dir)))
    store = container.store
    original = store.write_documents
    commits = 0
    # The ingest writes documents in groups; small groups let the kill land mid-ingest.
    ingest_run._EMBED_GROUP_CHUNKS = 4
    ingest_run._FIRST_GROUP_CHUNKS = 4

    def write_then_maybe_die(items: Sequence[EmbeddedDocument]) -> list[ChunkHit]:
        nonlocal commits
        written = original(items)
        before, commits = commits, commits + len(items)
        if before < int(kill_after) <= commits:
            kill = threading.Timer(int(delay_ms) / 1000, os.kill, (os.getpid(), signal.SIGKILL))
            kill.start()
        return written

    store.write_documents = write_then_maybe_die  # type: ignore[method-assign]
    container.ingestor.ingest([Path(corpus)])


if __name__ == "__main__":
    main()
