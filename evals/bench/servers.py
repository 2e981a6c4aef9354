"""Real servers on loopback for benchmarks and tests: `chroma run` and `assistant serve`.

Both are separate processes, started on a free port, waited for, and stopped on exit: the
deployment README "Deploying at scale" describes (one Chroma server, N API workers), in small.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

CHROMA = Path(sys.executable).with_name("chroma")  # installed into the venv by chromadb
STARTUP_SECONDS = 180.0  # API workers load models; a busy 2-core machine is slow to start them


def exit_cleanly_on_sigterm() -> None:
    """Turn SIGTERM into SystemExit, so the servers a benchmark started are stopped with it."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def chroma_server(path: Path, log: Path) -> Iterator[str]:
    """`chroma run` persisting under `path`; yields its URL."""
    port = free_port()
    command = [str(CHROMA), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)]
    with _process(command, log, os.environ) as process:
        url = f"http://127.0.0.1:{port}"
        _wait_until_up(f"{url}/api/v2/heartbeat", process, log)
        yield url


@contextmanager
def api_server(env: Mapping[str, str], log: Path, *, workers: int = 1) -> Iterator[str]:
    """`assistant serve --workers N` with extra `ASSISTANT_*` variables; yields its URL."""
    port = free_port()
    command = [
        sys.executable, "-m", "assistant", "serve", "--host", "127.0.0.1",
        "--port", str(port), "--workers", str(workers),
    ]  # fmt: skip
    with _process(command, log, {**os.environ, **env}) as process:
        url = f"http://127.0.0.1:{port}"
        _wait_until_up(f"{url}/readyz", process, log)
        yield url


@contextmanager
def _process(
    command: list[str], log: Path, env: Mapping[str, str]
) -> Iterator[subprocess.Popen[bytes]]:
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=dict(env))
        try:
            yield process
        finally:
            process.terminate()  # uvicorn's supervisor stops its workers on SIGTERM
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with {process.returncode}: {log}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (OSError, urllib.error.HTTPError):
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {STARTUP_SECONDS:.0f} s: {log}")
