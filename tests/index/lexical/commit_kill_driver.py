"""Runs an ingest that SIGKILLs itself while its Nth lexical commit is under way.

Usage: python -m tests.index.lexical.commit_kill_driver DATA_DIR CORPUS NTH DELAY_MS
The kill is sent DELAY_MS after that commit began (0: at once, after the Chroma write and before
tantivy's commit). The files `commit-began` and `commit-ended` in DATA_DIR tell the test where
it landed: a kill inside the commit leaves the first and not the second.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path

from assistant.container import build_container
from index.lexical.engine import Writing
from index.pipeline import run as ingest_run
from tests.conftest import make_settings


def main() -> None:
    data_dir, corpus, nth, delay_ms = sys.argv[1:5]
    data = Path(data_dir)
    container = build_container(make_settings(data))
    ingest_run._EMBED_GROUP_CHUNKS = 4  # several groups, so several commits
    ingest_run._FIRST_GROUP_CHUNKS = 4
    original = Writing.commit
    commits = 0

    def commit_then_die(writing: Writing, fingerprint: str) -> None:
        nonlocal commits
        commits += 1
        if commits == int(nth):
            (data / "commit-began").touch()
            if int(delay_ms) == 0:
                os.kill(os.getpid(), signal.SIGKILL)
            threading.Timer(int(delay_ms) / 1000, os.kill, (os.getpid(), signal.SIGKILL)).start()
            original(writing, fingerprint)
            (data / "commit-ended").touch()
            threading.Event().wait()  # the kill is on its way
        original(writing, fingerprint)

    Writing.commit = commit_then_die  # type: ignore[method-assign]
    container.ingestor.ingest([Path(corpus)])


if __name__ == "__main__":
    main()
