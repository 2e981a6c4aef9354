"""An OpenAI-compatible chat-completions server on 127.0.0.1 that replays scripted replies.

A real HTTP server in a thread, speaking the wire format (JSON, and server-sent events when
`stream` is true), so the client, streaming and verification run exactly as against a real
endpoint. A reply is a string, a function of the request body, or an HTTP error status.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Reply = str | Callable[[dict[str, Any]], str]
_PIECE = 4  # characters per streamed delta: sentences and markers arrive cut up


@dataclass(frozen=True)
class Status:
    code: int
    message: str = "scripted failure"


class StandIn:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self._replies: deque[Reply | Status] = deque()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def start(self) -> StandIn:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def script(self, *replies: Reply | Status) -> None:
        """Replace the queue of replies; each request takes the next one."""
        self._replies = deque(replies)
        self.requests.clear()

    def prompts(self) -> list[str]:
        """The last message of every request received, in order."""
        return [str(r["messages"][-1]["content"]) for r in self.requests]

    def next_reply(self, body: dict[str, Any]) -> str | Status:
        self.requests.append(body)
        if not self._replies:
            return Status(500, "the stand-in has no scripted reply left")
        reply = self._replies.popleft()
        return reply(body) if callable(reply) else reply


def _handler(standin: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            if self.path.rstrip("/") != "/v1/chat/completions":
                self._json(404, {"error": {"message": f"no route {self.path}"}})
                return
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
            reply = standin.next_reply(body)
            if isinstance(reply, Status):
                self._json(reply.code, {"error": {"message": reply.message, "type": "scripted"}})
            elif body.get("stream"):
                self._stream(body, reply)
            else:
                self._json(200, _completion(body, reply))

        def _json(self, code: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _stream(self, body: dict[str, Any], reply: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            try:
                for i in range(0, len(reply), _PIECE):
                    self._event(_chunk(body, {"content": reply[i : i + _PIECE]}, None))
                self._event(_chunk(body, {}, "stop"))
                if body.get("stream_options", {}).get("include_usage"):
                    usage = _usage(body, reply)
                    self._event({**_chunk(body, {}, None), "choices": [], "usage": usage})
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the reader stopped early (a repeating model), as a real server sees it

        def _event(self, payload: dict[str, Any]) -> None:
            self.wfile.write(f"data: {json.dumps(payload)}\n\n".encode())
            self.wfile.flush()

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet test output

    return Handler


def _completion(body: dict[str, Any], reply: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-standin",
        "object": "chat.completion",
        "created": 0,
        "model": body.get("model", ""),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": reply},
                "finish_reason": "stop",
            }
        ],
        "usage": _usage(body, reply),
    }


def _chunk(body: dict[str, Any], delta: dict[str, str], finish: str | None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-standin",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": body.get("model", ""),
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def _usage(body: dict[str, Any], reply: str) -> dict[str, int]:
    prompt = sum(len(str(m.get("content", "")).split()) for m in body.get("messages", []))
    completion = len(reply.split())
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }
