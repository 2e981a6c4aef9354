"""Query benchmark: `/api/ask` latency against the raw floor, and throughput under load.

    .venv/bin/python -m evals.bench.query [--dataset scifact --dataset realtimeqa]
        [--fraction 1.0] [--questions 40] [--runs 3]

For each dataset index (built once with our pipeline and cached: `evals.store_cache`), in the
same run, the first two taking turns question by question:
- the raw floor: embed the question and `collection.query` alone, nothing else: the app's
  candidate depth, returning ids, texts and distances (not metadata, which holds the sentence
  vectors the answerer reads: they would make the floor slower and the ratio flatter);
- `/api/ask` (extractive answer, hybrid retrieval: the defaults) from one client over loopback;
- throughput with 1, 8 and 32 concurrent clients (bounded request count; errors counted);
first with the embedded store (`assistant serve`, 1 worker), then with a `chroma run` server
holding the same records (copied, not re-embedded) and 2 API workers. Latencies are p50/p95
over every question of every round. Writes `var/bench/results/query.json` and `query.md`.
"""

from __future__ import annotations

import argparse
import sys
import time
from contextlib import ExitStack
from dataclasses import asdict
from typing import Any

from assistant.container import Container, build_container
from evals.bench import report
from evals.bench.corpus import BENCH_DIR, load_dataset
from evals.bench.load import ask_latencies, load
from evals.bench.measure import p50_p95
from evals.bench.servers import api_server, chroma_server, exit_cleanly_on_sigterm
from evals.bench.stores import copy_collection
from evals.store_cache import (
    benchmark_settings,
    cached_settings,
    ingest_changed,
    open_store,
    server_env,
)
from index.store import collection_names, documents_collection_name, open_server_client

CLIENTS = (1, 8, 32)


def questions(dataset: str, count: int) -> list[str]:
    data = load_dataset(dataset)
    judged = data.judged_queries() or data.queries
    return [q for q in judged.values() if q.strip()][:count]


def raw_floor(container: Container, asked: list[str], runs: int) -> list[float]:
    """Milliseconds to embed each question and run a bare vector query on Chroma, alone."""
    settings = container.settings
    collection = container.store.client.get_collection(settings.collection, embedding_function=None)
    depth = settings.retrieval_candidates if settings.retrieval_mode == "hybrid" else settings.top_k
    latencies = []
    for _ in range(runs):
        for question in asked:
            began = time.perf_counter()
            vector = container.embedder.embed([question])[0]
            collection.query(
                query_embeddings=[vector.tolist()],
                n_results=depth,
                include=["metadatas", "distances"],  # the chunk text is stored as metadata
            )
            latencies.append((time.perf_counter() - began) * 1000)
    return latencies


def measure_mode(
    container: Container, asked: list[str], runs: int, *, workers: int, log_name: str
) -> dict[str, Any]:
    log = BENCH_DIR / "logs" / f"{log_name}.log"
    with api_server(server_env(container.settings), log, workers=workers) as url:
        ask_latencies(url, asked[:3])  # warm-up: models, BM25 copy, caches
        raw_floor(container, asked[:3], 1)
        floor: list[float] = []
        latencies: list[float] = []
        errors = 0
        # Floor and /api/ask take turns question by question, so whatever else the machine is
        # doing slows both alike.
        for _ in range(runs):
            for question in asked:
                floor += raw_floor(container, [question], 1)
                got, failed = ask_latencies(url, [question])
                latencies += got
                errors += failed
        loads = [load(url, asked, clients=c, requests=max(32, 4 * c)) for c in CLIENTS]
    floor_p50, floor_p95 = p50_p95(floor)
    ask_p50, ask_p95 = p50_p95(latencies)
    return {
        "workers": workers,
        "floor_p50_ms": round(floor_p50, 1),
        "floor_p95_ms": round(floor_p95, 1),
        "ask_p50_ms": round(ask_p50, 1),
        "ask_p95_ms": round(ask_p95, 1),
        "ask_errors": errors,
        "ask_vs_floor_p50": round(ask_p50 / floor_p50, 2) if floor_p50 else None,
        "load": [asdict(r) | {"requests_per_s": round(r.requests_per_s, 2)} for r in loads],
    }


def on_chroma_server(container: Container, stack: ExitStack) -> Container:
    """The same records on a `chroma run` server (persisted under var/bench/chroma-server/)."""
    settings = container.settings
    folder = BENCH_DIR / "chroma-server" / settings.data_dir.name
    url = stack.enter_context(chroma_server(folder, BENCH_DIR / "logs" / "chroma-server.log"))
    server = open_server_client(url)
    source_docs = container.store.client.get_collection(
        documents_collection_name(settings.collection), embedding_function=None
    )
    # The documents collection's metadata carries the store's generation token: if it differs,
    # the embedded store was re-indexed since the last copy (same count or not), so copy anew.
    stale = not _same_collection(server, source_docs)
    for name in collection_names(settings.collection):
        source = container.store.client.get_collection(name, embedding_function=None)
        if stale or not _same_collection(server, source):
            _drop(server, name)
            target = server.create_collection(
                name, metadata=source.metadata, embedding_function=None
            )
            copy_collection(source, target)
    return build_container(settings.model_copy(update={"chroma_url": url}))


def _same_collection(server: Any, source: Any) -> bool:
    try:
        target = server.get_collection(source.name, embedding_function=None)
    except Exception:  # chromadb raises its own NotFoundError (or ValueError in older versions)
        return False
    return bool(target.metadata == source.metadata and target.count() == source.count())


def _drop(server: Any, name: str) -> None:
    try:
        server.delete_collection(name)
    except Exception:  # not there yet
        return


def run(dataset: str, fraction: float, count: int, runs: int) -> dict[str, Any]:
    settings = cached_settings(benchmark_settings(), dataset, fraction=fraction)
    with open_store(settings) as container:
        ingest_changed(container, load_dataset(dataset), fraction=fraction)
        return measure_store(container, dataset, count, runs)


def measure_store(container: Container, dataset: str, count: int, runs: int) -> dict[str, Any]:
    asked = questions(dataset, count)
    sys.stderr.write(f"{dataset}: {container.store.chunk_count():,} chunks; {len(asked)} asked\n")
    result: dict[str, Any] = {
        "documents": container.store.document_count(),
        "chunks": container.store.chunk_count(),
        "questions": len(asked),
        "embedder": container.embedder.model_name,
    }
    name = container.settings.data_dir.name
    result["embedded"] = measure_mode(container, asked, runs, workers=1, log_name=name)
    with ExitStack() as stack:
        served = on_chroma_server(container, stack)
        result["server"] = measure_mode(served, asked, runs, workers=2, log_name=f"{name}-server")
    return result


def tables(payload: dict[str, Any]) -> str:
    latency_rows, load_rows = [], []
    for dataset, r in payload["datasets"].items():
        for mode in ("embedded", "server"):
            m = r[mode]
            label = f"{dataset} ({r['chunks']:,} chunks), {mode}, {m['workers']} worker(s)"
            latency_rows.append([
                label, m["floor_p50_ms"], m["floor_p95_ms"], m["ask_p50_ms"], m["ask_p95_ms"],
                f"{m['ask_vs_floor_p50']}×", m["ask_errors"],
            ])  # fmt: skip
            for level in m["load"]:
                load_rows.append([
                    f"{dataset}, {mode}", level["clients"], level["requests"],
                    level["requests_per_s"], level["p50_ms"], level["p95_ms"], level["errors"],
                ])  # fmt: skip
    first = next(iter(payload["datasets"].values()))
    latency = report.markdown_table(
        ["index", "floor p50 ms", "floor p95 ms", "/api/ask p50 ms", "/api/ask p95 ms",
         "p50 vs floor", "errors"],
        latency_rows,
    )  # fmt: skip
    throughput = report.markdown_table(
        ["index, store", "clients", "requests", "req/s", "p50 ms", "p95 ms", "errors"], load_rows
    )
    return (
        f"**Query latency ({first['embedder']}; {payload['runs']} rounds of "
        f"{first['questions']} questions)**\n\n{latency}\n**Throughput on loopback**\n\n"
        f"{throughput}"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dataset", action="append")
    parser.add_argument("--fraction", type=float, default=1.0, help="share of realtimeqa")
    parser.add_argument("--questions", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    exit_cleanly_on_sigterm()
    datasets = args.dataset or ["scifact", "realtimeqa"]
    payload: dict[str, Any] = {"runs": args.runs, "datasets": {}}
    for dataset in datasets:
        fraction = args.fraction if dataset == "realtimeqa" else 1.0
        payload["datasets"][dataset] = run(dataset, fraction, args.questions, args.runs)
    path = report.write("query", payload, tables(payload))
    sys.stdout.write(path.read_text(encoding="utf-8") + f"\nwrote {path} and its .json\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
