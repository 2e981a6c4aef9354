"""One writer at a time among the processes sharing a lexical index: an exclusive `flock` on a
file beside it. The kernel releases it when its holder dies, SIGKILL included, so a crashed writer
never leaves the index locked. Every taking opens the file anew, so two threads of one process
exclude each other too (a lock belongs to an open file description, not to a process)."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class WriterLock:
    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def held(self) -> Iterator[None]:
        """Waits for the lock."""
        fd = self._open()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    @contextmanager
    def held_if_free(self) -> Iterator[bool]:
        """Takes the lock only if nobody holds it; yields whether it did."""
        fd = self._open()
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
            else:
                yield True
        finally:
            os.close(fd)

    def _open(self) -> int:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
