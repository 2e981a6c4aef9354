"""A stand-in for Slack's Web API on loopback: records every call, answers like Slack would."""

from __future__ import annotations

import itertools
import json
import threading
import time
from typing import Any

from fastapi import FastAPI, Request

BOT_USER_ID = "UBOT"


class SlackStandIn:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.threads: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._lock = threading.Lock()
        self._ts = itertools.count(1)
        self.app = self._build()

    def calls_to(self, method: str) -> list[dict[str, Any]]:
        with self._lock:
            return [payload for name, payload in self.calls if name == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 60) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.calls_to(method)
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"no {count}× {method} within {timeout}s; calls: {self.calls}")

    def reset(self) -> None:
        with self._lock:
            self.calls.clear()
            self.threads.clear()

    def _build(self) -> FastAPI:
        app = FastAPI()

        @app.post("/api/{method}")
        async def web_api(method: str, request: Request) -> dict[str, Any]:
            payload = await _payload(request)
            with self._lock:
                self.calls.append((method, payload))
            if method == "auth.test":
                return {"ok": True, "user_id": BOT_USER_ID, "bot_id": "BBOT", "team_id": "T1"}
            if method == "chat.postMessage":
                return {
                    "ok": True,
                    "channel": payload.get("channel"),
                    "ts": f"900.{next(self._ts)}",
                }
            if method == "chat.update":
                return {"ok": True, "channel": payload.get("channel"), "ts": payload.get("ts")}
            if method == "views.open":
                view = payload.get("view")
                return {
                    "ok": True,
                    "view": {**(view if isinstance(view, dict) else {}), "id": "V1"},
                }
            if method == "conversations.replies":
                key = (str(payload.get("channel")), str(payload.get("ts")))
                return {"ok": True, "messages": self.threads.get(key, [])}
            return {"ok": False, "error": "unknown_method"}

        @app.post("/respond/{hook}")
        async def response_url(hook: str, request: Request) -> dict[str, Any]:
            with self._lock:
                self.calls.append((f"respond:{hook}", await _payload(request)))
            return {"ok": True}

        return app


async def _payload(request: Request) -> dict[str, Any]:
    if request.headers.get("content-type", "").startswith("application/json"):
        body = await request.json()
        return dict(body) if isinstance(body, dict) else {}
    form = await request.form()
    payload: dict[str, Any] = {}
    for key, value in form.items():
        text = str(value)
        try:
            parsed = key in ("blocks", "attachments", "metadata", "view")
            payload[key] = json.loads(text) if parsed else text
        except json.JSONDecodeError:
            payload[key] = text
    return payload
