"""Start and stop the local model's OpenAI-compatible server as a child process on loopback.

The assistant does this itself in LLM mode when no base URL or API key is configured; the test
suite does it once per session. The model file is checked (size, sha256 stamp) before loading.
"""

from __future__ import annotations

import atexit
import logging
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import Literal, NoReturn

from assistant.ask.llm.local_model import MODEL_ALIAS, check_model
from assistant.errors import LLMError

log = logging.getLogger(__name__)

_HEALTH_POLL_S = 0.25
_STOP_GRACE_S = 10.0
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only


Runtime = Literal["llamacpp", "openvino"]
_SERVERS: dict[Runtime, str] = {
    "llamacpp": "assistant.ask.llm.serve",
    "openvino": "assistant.ask.llm.serve_openvino",
}


class LocalServer:
    """One `python -m assistant.ask.llm.serve` process; `base_url()` starts it on first use."""

    def __init__(
        self,
        model: Path,
        *,
        threads: int,
        context_tokens: int,
        log_path: Path,
        startup_timeout_s: float = 180.0,
        runtime: Runtime = "llamacpp",
    ) -> None:
        """`runtime`: the server process, llama.cpp's (`serve`) or OpenVINO GenAI's
        (`serve_openvino`); both speak the same OpenAI-compatible HTTP."""
        self.model = model
        self.runtime: Runtime = runtime
        self.alias = MODEL_ALIAS
        self._threads = threads
        self._context_tokens = context_tokens
        self._log_path = log_path
        self._startup_timeout_s = startup_timeout_s
        self._process: subprocess.Popen[str] | None = None
        self._url: str | None = None
        self._lock = threading.Lock()

    def base_url(self) -> str:
        """The `/v1` URL of the running server, starting it if needed (thread-safe)."""
        with self._lock:
            if self._url is None or self._process is None or self._process.poll() is not None:
                self._url = self._start()
            return self._url

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def stop(self) -> None:
        with self._lock:
            process, self._process, self._url = self._process, None, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(_STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.info("local model server stopped")

    def __enter__(self) -> LocalServer:
        self.base_url()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _start(self) -> str:
        check_model(self.model)
        self._log_path.parent.mkdir(parents=True, exist_ok=True)
        command = [
            sys.executable, "-m", _SERVERS[self.runtime], "--model", str(self.model),
            "--alias", self.alias, "--threads", str(self._threads),
            "--context", str(self._context_tokens),
        ]  # fmt: skip
        began = time.perf_counter()
        with self._log_path.open("a", encoding="utf-8") as server_log:
            process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=server_log, stdin=subprocess.DEVNULL,
                text=True,
            )  # fmt: skip
        self._process = process
        atexit.register(self.stop)
        url = self._await_address(process)
        self._await_health(process, url)
        log.info("local model server at %s (%.1f s)", url, time.perf_counter() - began)
        return url + "/v1"

    def _await_address(self, process: subprocess.Popen[str]) -> str:
        """Read `listening <url>` from the child, which prints it once the model is loaded."""
        line: list[str] = []
        reader = threading.Thread(
            target=lambda: line.append(process.stdout.readline() if process.stdout else ""),
            daemon=True,
        )
        reader.start()
        reader.join(self._startup_timeout_s)
        first = line[0].strip() if line else ""
        if not first.startswith("listening http://127.0.0.1:"):
            self._fail(process, "did not report its address")
        return first.removeprefix("listening ").rstrip("/")

    def _await_health(self, process: subprocess.Popen[str], url: str) -> None:
        deadline = time.monotonic() + self._startup_timeout_s
        while time.monotonic() < deadline:
            if process.poll() is not None:
                self._fail(process, f"exited with code {process.returncode}")
            try:
                with _NO_PROXY.open(f"{url}/health", timeout=5) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(_HEALTH_POLL_S)
        self._fail(process, f"was not healthy within {self._startup_timeout_s:g} s")

    def _fail(self, process: subprocess.Popen[str], why: str) -> NoReturn:
        if process.poll() is None:
            process.kill()
            process.wait()
        self._process = None
        raise LLMError(f"the local model server {why}; see {self._log_path}")
