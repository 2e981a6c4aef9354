"""Soak: mixed ask / chat / upload traffic against a real server on loopback for a fixed time.

Passes when the only errors are deliberate 429/503 refusals, memory stays flat, and the index
afterwards equals a clean ingest of the same files. Bounded: a fixed number of clients, a fixed
duration, loopback only.

    python -m evals.bench.soak --seconds 600 --clients 8 --json var/bench/soak.json
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

from assistant.config import load_settings
from assistant.container import build_container
from assistant.offline import apply_offline_env

QUESTIONS = [
    "How many key tasks and action points does the campaign include?",
    "Who chairs the leadership team?",
    "Which industries does the campaign focus on?",
    "What is the name of Baogang's Party Secretary?",
    "How many berths does the harbour terminal have?",
]
ARTICLES = {
    "harbour.md": "---\ntitle: Harbour terminal\n---\nThe harbour terminal will have {n} berths.\n",
    "tram.md": "---\ntitle: Tram line\n---\nThe tram line has {n} stops and opened on Friday.\n",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def client_loop(
    url: str, deadline: float, seed: int, results: list[tuple[str, int, float]]
) -> None:
    rng = random.Random(seed)
    # Each client is its own rate-limit bucket (keyed by its token) and backs off as told.
    headers = {"Authorization": f"Bearer soak-client-{seed}"}
    with httpx.Client(base_url=url, timeout=120, headers=headers) as http:
        while time.monotonic() < deadline:
            roll = rng.random()
            began = time.perf_counter()
            if roll < 0.7:
                kind = "ask"
                status = http.post("/api/ask", json={"question": rng.choice(QUESTIONS)}).status_code
            elif roll < 0.9:
                kind = "chat"
                with http.stream(
                    "POST", "/api/chat", json={"question": rng.choice(QUESTIONS)}
                ) as r:
                    status = r.status_code
                    for _ in r.iter_bytes():
                        pass
            else:
                kind = "upload"
                name = rng.choice(sorted(ARTICLES))
                body = ARTICLES[name].format(n=rng.randint(1, 3)).encode()
                status = http.post(
                    "/api/documents", files=[("files", (name, body, "text/markdown"))]
                ).status_code
            results.append((kind, status, (time.perf_counter() - began) * 1000))
            if status in (429, 503):
                time.sleep(min(2.0, rng.uniform(0.5, 2.0)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    apply_offline_env()
    work = Path(tempfile.mkdtemp(prefix="soak-"))
    data_dir = work / "var"
    port = free_port()
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir)}
    subprocess.run(
        [sys.executable, "-m", "assistant", "ingest"], env=env, check=True, capture_output=True
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "assistant", "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(url + "/readyz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    memory: list[tuple[float, float]] = []
    results: list[tuple[str, int, float]] = []
    began = time.monotonic()
    deadline = began + args.seconds
    clients = [
        threading.Thread(target=client_loop, args=(url, deadline, seed, results))
        for seed in range(args.clients)
    ]
    for thread in clients:
        thread.start()
    while any(t.is_alive() for t in clients):
        memory.append((time.monotonic() - began, rss_mb(server.pid)))
        time.sleep(5)
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=60)

    served = build_container(load_settings(data_dir=data_dir))
    clean_dir = work / "clean"
    clean = build_container(load_settings(data_dir=clean_dir))
    clean.ingestor.ingest([served.settings.seeds_dir])
    clean.ingestor.ingest([served.settings.uploads_dir])
    identical = served.store.document_hashes() == clean.store.document_hashes() and set(
        served.store._chunks.get(include=[])["ids"]
    ) == set(clean.store._chunks.get(include=[])["ids"])

    statuses = Counter(f"{kind} {status}" for kind, status, _ in results)
    errors = {k: v for k, v in statuses.items() if int(k.split()[1]) not in (200, 429, 503)}
    latencies = sorted(ms for kind, status, ms in results if status == 200 and kind == "ask")
    warm = [mb for t, mb in memory if t > min(60, args.seconds / 5)]
    report = {
        "seconds": args.seconds,
        "clients": args.clients,
        "requests": len(results),
        "statuses": dict(sorted(statuses.items())),
        "unexpected_errors": errors,
        "ask_p50_ms": statistics.median(latencies) if latencies else None,
        "ask_p95_ms": latencies[int(len(latencies) * 0.95)] if latencies else None,
        "rss_mb_first_warm": warm[0] if warm else None,
        "rss_mb_last": warm[-1] if warm else None,
        "rss_mb_max": max(mb for _, mb in memory) if memory else None,
        "index_identical_to_clean_ingest": identical,
    }
    text = json.dumps(report, indent=2)
    sys.stdout.write(text + "\n")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text)
    ok = not errors and identical
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
