"""A bound on answers generated at once: extra requests wait briefly, then get 503 + Retry-After.

Answering is CPU-bound (embedding, scoring, maybe an LLM); without a bound an overload queues
work without limit and every request slows to a crawl. Uploads and document reads are not gated.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import HTTPException


class AnswerGate:
    def __init__(self, *, slots: int, wait_seconds: float, retry_after: int = 5) -> None:
        self._semaphore = asyncio.Semaphore(slots)
        self.wait_seconds = wait_seconds
        self.retry_after = retry_after

    async def acquire(self) -> None:
        try:
            await asyncio.wait_for(self._semaphore.acquire(), timeout=self.wait_seconds)
        except TimeoutError:
            raise HTTPException(
                status_code=503,
                detail="too many answers in progress; retry shortly",
                headers={"Retry-After": str(self.retry_after)},
            ) from None

    def release(self) -> None:
        self._semaphore.release()

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        await self.acquire()
        try:
            yield
        finally:
            self.release()
