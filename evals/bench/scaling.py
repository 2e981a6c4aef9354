"""How costs grow: ingestion time and query latency at 10%, 30% and 100% of realtimeqa.

    .venv/bin/python -m evals.bench.scaling [--fraction 0.1 --fraction 0.3 --fraction 1.0]

Each share is ingested from scratch by our pipeline in a process of its own (`ingest_worker`,
also timing the unchanged re-ingest) into a scratch folder; the raw floor and `/api/ask` latency
are measured on the share's cached index (`evals.store_cache`, the one the query benchmark and
the evals reuse: the same documents and settings, built once). Writes
`var/bench/results/scaling.json` and `scaling.md`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from typing import Any

from evals.bench import report
from evals.bench.corpus import BENCH_DIR, load_dataset
from evals.bench.load import ask_latencies
from evals.bench.measure import p50_p95
from evals.bench.query import questions, raw_floor
from evals.bench.servers import api_server, exit_cleanly_on_sigterm
from evals.store_cache import (
    benchmark_settings,
    cached_settings,
    ingest_changed,
    open_store,
    server_env,
    store_folder,
)


def ingest_fresh(dataset: str, fraction: float, backend: str) -> dict[str, Any]:
    scratch = store_folder(BENCH_DIR / "ingest" / "scaling", dataset, fraction)
    command = [
        sys.executable, "-m", "evals.bench.ingest_worker", "--pipeline", "ours",
        "--backend", backend, "--dataset", dataset, "--fraction", str(fraction),
        "--store", str(scratch),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"ingest of {fraction:.0%} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def queries(dataset: str, fraction: float, count: int, runs: int) -> dict[str, float]:
    settings = cached_settings(benchmark_settings(), dataset, fraction=fraction)
    with open_store(settings) as container:
        ingest_changed(container, load_dataset(dataset), fraction=fraction)
        asked = questions(dataset, count)
        floor = raw_floor(container, asked, runs)
        log = BENCH_DIR / "logs" / f"scaling-{round(fraction * 100)}.log"
        with api_server(server_env(container.settings), log) as url:
            ask_latencies(url, asked[:3])
            latencies = [ms for _ in range(runs) for ms in ask_latencies(url, asked)[0]]
    floor_p50, _ = p50_p95(floor)
    ask_p50, ask_p95 = p50_p95(latencies)
    return {
        "floor_p50_ms": round(floor_p50, 1),
        "ask_p50_ms": round(ask_p50, 1),
        "ask_p95_ms": round(ask_p95, 1),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fraction", type=float, action="append")
    parser.add_argument("--dataset", default="realtimeqa")
    parser.add_argument("--backend", default="fast")
    parser.add_argument("--questions", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    exit_cleanly_on_sigterm()
    rows, payload = [], {}
    for fraction in args.fraction or [0.1, 0.3, 1.0]:
        ingest = ingest_fresh(args.dataset, fraction, args.backend)
        query = queries(args.dataset, fraction, args.questions, args.runs)
        sys.stderr.write(f"{fraction:.0%}: {json.dumps(ingest)} {json.dumps(query)}\n")
        payload[f"{fraction:.0%}"] = {"ingest": ingest, "query": query}
        rows.append([
            f"{fraction:.0%}", f"{ingest['documents']:,}", f"{ingest['chunks']:,}",
            f"{ingest['seconds']:.1f}", f"{ingest['documents'] / ingest['seconds']:.2f}",
            f"{ingest['tokens_embedded'] / ingest['seconds']:,.0f}",
            f"{ingest['reingest_seconds']:.2f}", ingest["peak_rss_mb"],
            query["floor_p50_ms"], query["ask_p50_ms"], query["ask_p95_ms"],
        ])  # fmt: skip
    table = f"**How costs grow ({args.dataset}, {args.backend} embedder)**\n\n"
    table += report.markdown_table(
        ["share", "docs", "chunks", "ingest s", "docs/s", "embedded tok/s", "re-ingest s",
         "peak RSS MB", "floor p50 ms", "/api/ask p50 ms", "/api/ask p95 ms"],
        rows,
    )  # fmt: skip
    path = report.write("scaling", payload, table)
    sys.stdout.write(table + f"\nwrote {path} and its .json\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
