"""Event ids this process has seen: the fast path in front of the shared claims (claims.py),
which answer a retry once even when it reaches another worker."""

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
