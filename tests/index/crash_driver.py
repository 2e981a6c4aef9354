"""Runs an ingest that SIGKILLs itself a few milliseconds after its Nth document commit.

Usage: python -m tests.index.crash_driver DATA_DIR CORPUS KILL_AFTER_COMMITS DELAY_MS
The delay lets the kill land anywhere in the writes that follow, inside a document's write too.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from assistant.container import build_container
from index import pipeline
from tests.conftest import make_settings


def main() -> None:
    data_dir, corpus, kill_after, delay_ms = sys.argv[1:5]
    container = build_container(make_settings(Path(data_dir)))
    store = container.store
    original = store.write_documents
    commits = 0
    # The ingest writes documents in groups; small groups let the kill land mid-ingest.
    pipeline._EMBED_GROUP_CHUNKS = 4
    pipeline._FIRST_GROUP_CHUNKS = 4

    def write_then_maybe_die(items: Any) -> None:
        nonlocal commits
        original(items)
        before, commits = commits, commits + len(items)
        if before < int(kill_after) <= commits:
            kill = threading.Timer(int(delay_ms) / 1000, os.kill, (os.getpid(), signal.SIGKILL))
            kill.start()

    store.write_documents = write_then_maybe_die  # type: ignore[method-assign]
    container.ingestor.ingest([Path(corpus)])


if __name__ == "__main__":
    main()
