"""Questions on a worker that is ingesting uploads: `/api/ask` latency idle and meanwhile.

    python -m evals.bench.uploads [--questions 40] [--pages 20] [--uploads 3]

One `assistant serve` worker on a fresh data folder is given a few realtimeqa pages, then asked
each question twice, idle; then asked them twice again while a second client uploads
`--uploads` requests of `--pages` further pages each (all of them, even if the questions end
first). A benchmark, not a test: it prints and writes a table.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from evals.bench import report
from evals.bench.corpus import load_dataset
from evals.bench.load import ask_latencies
from evals.bench.measure import p50_p95
from evals.bench.query import questions
from evals.bench.servers import api_server
from evals.store_cache import benchmark_settings, server_env, store_settings

_FIRST_PAGES = 100  # indexed before anything is timed
Files = list[tuple[str, tuple[str, bytes, str]]]


def pages_as_files(dataset: str, count: int, requests: int) -> list[Files]:
    """The dataset's first pages as `.txt` uploads: `requests` requests of `count` files."""
    corpus = load_dataset(dataset).corpus[: count * requests]
    files: Files = [
        ("files", (f"{doc.doc_id}.txt", f"{doc.title}\n\n{doc.text}".encode(), "text/plain"))
        for doc in corpus
    ]
    return [files[begin : begin + count] for begin in range(0, len(files), count)]


def upload(http: httpx.Client, files: Files) -> tuple[float, int]:
    """Seconds and chunks embedded for one upload request."""
    began = time.perf_counter()
    response = http.post("/api/documents", files=files)
    response.raise_for_status()
    return time.perf_counter() - began, int(response.json()["chunks_embedded"])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dataset", default="realtimeqa")
    parser.add_argument("--questions", type=int, default=40)
    parser.add_argument("--pages", type=int, default=20, help="pages per upload request")
    parser.add_argument("--uploads", type=int, default=3, help="upload requests while asking")
    args = parser.parse_args(argv)
    asked = questions(args.dataset, args.questions)
    first = _FIRST_PAGES // args.pages
    requests = pages_as_files(args.dataset, args.pages, first + args.uploads)
    data = Path(tempfile.mkdtemp(prefix="uploads-bench-"))
    env = server_env(store_settings(benchmark_settings(), data))  # a fresh store, not a cached one
    with (
        api_server(env, data / "server.log") as url,
        httpx.Client(base_url=url, timeout=600) as http,
    ):
        for files in requests[:first]:
            upload(http, files)
        ask_latencies(url, asked)  # warm-up
        idle = ask_latencies(url, asked + asked)[0]
        uploads: list[tuple[float, int]] = []

        def uploader() -> None:
            with httpx.Client(base_url=url, timeout=600) as other:
                uploads.extend(upload(other, files) for files in requests[first:])

        thread = threading.Thread(target=uploader)
        thread.start()
        time.sleep(0.5)  # the first upload under way
        busy = ask_latencies(url, asked + asked)[0]
        thread.join()
    rows = []
    for name, latencies in (("idle", idle), ("while uploads are ingested", busy)):
        p50, p95 = p50_p95(latencies)
        rows.append([name, len(latencies), f"{p50:.1f}", f"{p95:.1f}", f"{max(latencies):.1f}"])
    table = report.markdown_table(["/api/ask", "questions", "p50 ms", "p95 ms", "max ms"], rows)
    table += "\n" + report.markdown_table(
        ["upload", "pages", "chunks embedded", "seconds"],
        [[n + 1, args.pages, chunks, f"{s:.1f}"] for n, (s, chunks) in enumerate(uploads)],
    )
    payload = {"idle_ms": idle, "busy_ms": busy, "uploads": uploads, "pages": args.pages}
    path = report.write("uploads", payload, table)
    sys.stdout.write(table + f"\nwrote {path} and its .json\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
