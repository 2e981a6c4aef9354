"""What both local model server processes share: the command line they take, reporting their
address, and living exactly as long as they are wanted (until SIGTERM, or until the assistant
that started them goes away, so a crashed assistant never leaves a model server behind)."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Sequence

_PARENT_POLL_S = 1.0


def server_arguments(description: str, argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--model", required=True)
    parser.add_argument("--alias", default="local")
    parser.add_argument("--threads", type=int, default=0, help="0: every core")
    parser.add_argument("--context", type=int, default=4096, help="context window in tokens")
    return parser.parse_args(argv)


def report_listening(url: str) -> None:
    """The line `LocalServer` waits for: the model is loaded and the server answers."""
    sys.stdout.write(f"listening {url}\n")
    sys.stdout.flush()


def wait_until_unwanted() -> None:
    """Returns on SIGTERM or SIGINT, or when the parent process is gone."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    parent = os.getppid()
    while not stop.wait(_PARENT_POLL_S):
        if os.getppid() != parent:
            return
