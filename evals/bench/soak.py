"""Soak: mixed ask / chat / upload traffic against a real server on loopback for a fixed time.

Passes when the only errors are deliberate 429/503 refusals, memory stays flat, and the index
afterwards equals a clean ingest of the same files. Bounded: a fixed number of clients, a fixed
duration, loopback only.

    python -m evals.bench.soak --seconds 600 --clients 8 --json var/bench/soak.json

Each client is its own rate-limit bucket and waits as long as a 429/503's Retry-After says. An
error is anything else: another status, a transport failure, or an `error` event in a chat
stream. The server's RSS (its whole process tree) is sampled every `--sample-seconds`; "flat" is
judged by `evals.bench.memory_trend` (series at one-minute marks, second-half growth, slope after
warm-up, and the pass line). `--server-env KEY=VALUE` sets variables for the server only, for
comparisons such as `MALLOC_ARENA_MAX=2`.
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

from assistant.container import build_container
from assistant.offline import apply_offline_env
from assistant.settings import load_settings
from evals.bench.memory_trend import analyse

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


DEFAULT_MIX = {"ask": 0.7, "chat": 0.2, "upload": 0.1}
DELIBERATE = ("200", "429", "503")  # served, or refused on purpose (rate limit, answer queue)


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (uvicorn workers, if any)."""
    total = 0.0
    for proc in _tree(pid):
        try:
            for line in Path(f"/proc/{proc}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            continue  # exited between listing and reading
    return total


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        proc = todo.pop()
        found.append(proc)
        for task in Path(f"/proc/{proc}/task").glob("*/children"):
            try:
                todo.extend(int(child) for child in task.read_text().split())
            except OSError:
                continue
    return found


def client_loop(
    url: str,
    deadline: float,
    seed: int,
    results: list[tuple[str, str, float]],
    changes: list[int] | None = None,
    mix: dict[str, float] | None = None,
) -> None:
    """Requests until the deadline; `changes` gets the chunks embedded by each upload that
    replaced a document: Chroma's HNSW index only marks replaced vectors deleted and keeps them
    in memory (chroma-core/chroma#2594), so memory grows with this count, not with time."""
    rng = random.Random(seed)
    kinds, weights = zip(*(mix or DEFAULT_MIX).items(), strict=True)
    # Each client is its own rate-limit bucket (keyed by its token) and backs off as told.
    headers = {"Authorization": f"Bearer soak-client-{seed}"}
    with httpx.Client(base_url=url, timeout=120, headers=headers) as http:
        while time.monotonic() < deadline:
            kind = rng.choices(kinds, weights)[0]
            began = time.perf_counter()
            retry_after = "0"
            try:
                if kind == "ask":
                    r = http.post("/api/ask", json={"question": rng.choice(QUESTIONS)})
                    outcome, retry_after = str(r.status_code), r.headers.get("retry-after", "0")
                elif kind == "chat":
                    with http.stream(
                        "POST", "/api/chat", json={"question": rng.choice(QUESTIONS)}
                    ) as r:
                        body = r.read()
                    outcome, retry_after = str(r.status_code), r.headers.get("retry-after", "0")
                    if r.status_code == 200 and (
                        b"event: error" in body or b"event: final" not in body
                    ):
                        outcome = "stream-error"
                else:
                    name = rng.choice(sorted(ARTICLES))
                    text = ARTICLES[name].format(n=rng.randint(1, 3)).encode()
                    r = http.post(
                        "/api/documents", files=[("files", (name, text, "text/markdown"))]
                    )
                    outcome, retry_after = str(r.status_code), r.headers.get("retry-after", "0")
                    if r.status_code == 200 and changes is not None and r.json()["updated"]:
                        changes.append(int(r.json()["chunks_embedded"]))
            except httpx.HTTPError as exc:
                outcome = f"transport-{type(exc).__name__}"
            results.append((kind, outcome, (time.perf_counter() - began) * 1000))
            if outcome in ("429", "503"):
                wait = float(retry_after) if retry_after.isdigit() else 1.0
                time.sleep(min(wait + rng.uniform(0, 0.5), max(0.0, deadline - time.monotonic())))


def parse_mix(text: str) -> dict[str, float]:
    mix = {}
    for part in text.split(","):
        kind, _, share = part.partition("=")
        if kind.strip() not in DEFAULT_MIX:
            raise argparse.ArgumentTypeError(f"unknown request kind {kind!r}: ask, chat or upload")
        mix[kind.strip()] = float(share)
    return mix


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--sample-seconds", type=float, default=2.0)
    parser.add_argument(
        "--mix",
        type=parse_mix,
        default=DEFAULT_MIX,
        help="request shares, e.g. ask=0.7,chat=0.2,upload=0.1 (the default)",
    )
    parser.add_argument("--server-env", action="append", default=[], metavar="KEY=VALUE")
    args = parser.parse_args()
    apply_offline_env()
    work = Path(tempfile.mkdtemp(prefix="soak-"))
    data_dir = work / "var"
    port = free_port()
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir)}
    subprocess.run(
        [sys.executable, "-m", "assistant", "ingest"], env=env, check=True, capture_output=True
    )
    server_env = dict(item.split("=", 1) for item in args.server_env)
    server_log = (work / "server.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "assistant", "serve", "--port", str(port)],
        env={**env, **server_env}, stdout=subprocess.DEVNULL, stderr=server_log,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(url + "/readyz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    memory: list[tuple[float, float]] = []
    results: list[tuple[str, str, float]] = []
    changes: list[int] = []
    began = time.monotonic()
    deadline = began + args.seconds
    clients = [
        threading.Thread(target=client_loop, args=(url, deadline, seed, results, changes, args.mix))
        for seed in range(args.clients)
    ]
    for thread in clients:
        thread.start()
    while any(t.is_alive() for t in clients):
        memory.append((time.monotonic() - began, rss_mb(server.pid)))
        time.sleep(args.sample_seconds)
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=60)
    server_log.close()

    served = build_container(load_settings(data_dir=data_dir))
    clean_dir = work / "clean"
    clean = build_container(load_settings(data_dir=clean_dir))
    clean.ingestor.ingest([served.settings.seeds_dir])
    clean.ingestor.ingest([served.settings.uploads_dir])
    identical = served.store.document_hashes() == clean.store.document_hashes() and set(
        served.store._chunks.get(include=[])["ids"]
    ) == set(clean.store._chunks.get(include=[])["ids"])

    statuses = Counter(f"{kind} {outcome}" for kind, outcome, _ in results)
    errors = {k: v for k, v in statuses.items() if k.split()[1] not in DELIBERATE}
    latencies = sorted(ms for kind, outcome, ms in results if outcome == "200" and kind == "ask")
    trend = analyse(memory, seconds=args.seconds)
    report = {
        "seconds": args.seconds,
        "clients": args.clients,
        "mix": args.mix,
        "server_env": server_env,
        "server_log": str(work / "server.log"),
        "requests": len(results),
        "statuses": dict(sorted(statuses.items())),
        "uploads_that_replaced_a_document": len(changes),
        "chunks_replaced": sum(changes),
        "unexpected_errors": errors,
        "ask_p50_ms": statistics.median(latencies) if latencies else None,
        "ask_p95_ms": latencies[int(len(latencies) * 0.95)] if latencies else None,
        "memory": trend.to_json(),
        "index_identical_to_clean_ingest": identical,
        "passed": not errors and identical and trend.flat,
    }
    text = json.dumps(report, indent=2)
    sys.stdout.write(text + "\n")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text)
    sys.exit(0 if report["passed"] else 1)


if __name__ == "__main__":
    main()
