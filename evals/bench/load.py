"""Load on `/api/ask` from N concurrent clients on loopback, a bounded number of requests."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import httpx

from evals.bench.measure import p50_p95


@dataclass(frozen=True)
class LoadResult:
    clients: int
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p95_ms: float

    @property
    def requests_per_s(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def ask_latencies(url: str, questions: list[str]) -> tuple[list[float], int]:
    """One client asking each question in turn: latencies in ms, and the count of failures."""
    latencies, errors = [], 0
    with httpx.Client(base_url=url, timeout=300) as http:
        for question in questions:
            began = time.perf_counter()
            response = http.post("/api/ask", json={"question": question})
            latencies.append((time.perf_counter() - began) * 1000)
            errors += response.status_code != 200
    return latencies, errors


def load(url: str, questions: list[str], *, clients: int, requests: int) -> LoadResult:
    """`requests` questions (cycling through `questions`) shared out over `clients` threads."""
    share = [
        [questions[(c + i * clients) % len(questions)] for i in range(requests // clients)]
        for c in range(clients)
    ]
    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(lambda qs: ask_latencies(url, qs), share))
    seconds = time.perf_counter() - began
    latencies = [ms for got, _ in results for ms in got]
    p50, p95 = p50_p95(latencies)
    return LoadResult(
        clients=clients,
        requests=len(latencies),
        errors=sum(e for _, e in results),
        seconds=seconds,
        p50_ms=round(p50, 1),
        p95_ms=round(p95, 1),
    )
