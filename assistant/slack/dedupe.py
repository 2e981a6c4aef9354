"""Slack redelivers an event it thinks was missed; answer each event id once.

Per process: with several workers behind a load balancer, a retry may reach another worker, but
the bot acknowledges within milliseconds, so Slack rarely retries at all.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict


class SeenEvents:
    def __init__(self, *, ttl_seconds: float = 3600, max_entries: int = 10_000) -> None:
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()
        self._ttl = ttl_seconds
        self._max = max_entries

    def first_time(self, event_id: str) -> bool:
        """True the first time an id is seen (within the TTL), False for every repeat."""
        now = time.monotonic()
        with self._lock:
            while self._seen and next(iter(self._seen.values())) < now - self._ttl:
                self._seen.popitem(last=False)
            if event_id in self._seen:
                return False
            self._seen[event_id] = now
            if len(self._seen) > self._max:
                self._seen.popitem(last=False)
            return True
