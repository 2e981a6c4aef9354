"""The embedder backends side by side: throughput, closeness to fp32, and retrieval quality.

    .venv/bin/python -m evals.bench.embedders speed [--passages 1000] [--runs 3]
    .venv/bin/python -m evals.bench.embedders scifact

`speed` embeds the same real passages (realtimeqa chunks, exactly as ingestion embeds them)
with each backend, in rotating order, every round; passages/s is the median over rounds and the
speed-up over int8 the median of within-round ratios. Closeness is cosine against torch fp32
vectors of the same passages, computed in the fast embedder's build venv (`index/embedding/
build.py reference`). `scifact` indexes SciFact with each backend (cached: fast's is the
benchmark store the query benchmark and the evals use, `evals.store_cache`; the others' under
var/bench/embedders/<backend>/) and scores nDCG@10 with the retrieval harness (`evals/retrieval`).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from assistant.ask.retrieval.base import Retriever
from assistant.ask.retrieval.modes import build_retriever
from assistant.errors import ConfigError
from assistant.settings import load_settings
from evals.bench import report
from evals.bench.corpus import BENCH_DIR, ROOT, chunk_texts, load_dataset
from evals.bench.measure import median
from evals.retrieval.corpus import documents
from evals.retrieval.runner import run_modes
from evals.store_cache import (
    MODELS_DIR,
    benchmark_settings,
    cached_settings,
    ingest_changed,
    open_store,
    store_folder,
    store_settings,
)
from index.chunker import Chunker
from index.embedding import load_tokenizer
from index.embedding.backends import BACKENDS, open_embedder
from index.embedding.measured_choice import Backend

BUILD_PYTHON = ROOT / "var" / "embed-build" / "venv" / "bin" / "python"
BUILD_SCRIPT = ROOT / "tools" / "build_embedder.py"


def passages(count: int) -> list[str]:
    """`count` chunk texts spread evenly over the first 10% of realtimeqa."""
    settings = load_settings()
    chunker = Chunker(
        load_tokenizer(for_model=False),
        chunk_tokens=settings.chunk_tokens,
        overlap_tokens=settings.chunk_overlap_tokens,
    )
    texts = chunk_texts(documents(load_dataset("realtimeqa"), 0.1), chunker)
    step = max(1, len(texts) // count)
    return texts[::step][:count]


def torch_reference(texts: list[str]) -> np.ndarray:
    if not BUILD_PYTHON.exists():
        raise ConfigError(f"no build venv at {BUILD_PYTHON}: run `make fast-embedder` first")
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "texts.json", Path(folder) / "vectors.npy"
        source.write_text(json.dumps(texts), encoding="utf-8")
        command = [str(BUILD_PYTHON), str(BUILD_SCRIPT), "reference"]
        subprocess.run([*command, "--texts", str(source), "--out", str(target)], check=True)
        vectors: np.ndarray = np.load(target)
    return vectors


def speed(count: int, runs: int) -> dict[str, Any]:
    texts = passages(count)
    embedders = {b: open_embedder(b, models_dir=MODELS_DIR) for b in BACKENDS}
    reference = torch_reference(texts)
    seconds: dict[Backend, list[float]] = {b: [] for b in BACKENDS}
    vectors: dict[Backend, np.ndarray] = {}
    for embedder in embedders.values():
        embedder.embed(texts[:64])  # warm-up: compile, first allocations
    for n in range(runs):
        order = list(BACKENDS[n % 3 :] + BACKENDS[: n % 3])
        for b in order:
            began = time.perf_counter()
            vectors[b] = embedders[b].embed(texts)
            seconds[b].append(time.perf_counter() - began)
    results = {}
    for b in BACKENDS:
        cosines = (vectors[b] * reference).sum(axis=1)
        speedups = [i / s for i, s in zip(seconds["int8"], seconds[b], strict=True)]
        results[b] = {
            "embedder": embedders[b].model_name,
            "passages_per_s": round(len(texts) / median(seconds[b]), 1),
            "speedup_vs_int8": round(median(speedups), 2),
            "cosine_mean": round(float(cosines.mean()), 5),
            "cosine_min": round(float(cosines.min()), 5),
            "seconds": [round(s, 2) for s in seconds[b]],
        }
    return {"passages": len(texts), "runs": runs, "backends": results}


def scifact(backends: list[str]) -> dict[str, Any]:
    data = load_dataset("scifact")
    results = {}
    for backend in backends:
        base = benchmark_settings(embed_backend=backend)
        if backend == "fast":  # the cached SciFact index the query benchmark and evals use too
            settings = cached_settings(base, data.name)
        else:
            folder = store_folder(BENCH_DIR / "embedders" / backend, data.name)
            settings = store_settings(base, folder)
        with open_store(settings) as container:
            report_ = ingest_changed(container, data)
            sys.stderr.write(f"{backend}: {report_.chunks_embedded} chunks embedded\n")
            retrievers: dict[str, Retriever] = {
                mode: build_retriever(
                    mode, settings, container.store, container.embedder, container.lexical
                )
                for mode in ("vector", "hybrid")
            }
            scores = run_modes(retrievers, data, top_k=250)
            results[backend] = {
                "embedder": container.embedder.model_name,
                **{f"ndcg_at_10_{r.mode}": r.ndcg_at_10 for r in scores},
            }
    return {"dataset": data.name, "backends": results}


def _speed_table(payload: dict[str, Any]) -> str:
    rows = [
        [b, r["embedder"], r["passages_per_s"], f"{r['speedup_vs_int8']:.2f}×",
         f"{r['cosine_mean']:.5f}", f"{r['cosine_min']:.5f}"]
        for b, r in payload["backends"].items()
    ]  # fmt: skip
    title = (
        f"**Embedders, {payload['passages']:,} realtimeqa passages, median of {payload['runs']}**"
    )
    headers = ["backend", "runtime", "passages/s", "vs int8", "cos mean", "cos min"]
    return f"{title}\n\n" + report.markdown_table(headers, rows)


def _scifact_table(payload: dict[str, Any]) -> str:
    fp32 = payload["backends"]["fp32"]
    rows = [
        [b, r["embedder"], r["ndcg_at_10_vector"], r["ndcg_at_10_hybrid"],
         f"{r['ndcg_at_10_vector'] - fp32['ndcg_at_10_vector']:+.4f}"]
        for b, r in payload["backends"].items()
    ]  # fmt: skip
    headers = ["backend", "runtime", "nDCG@10 vector", "nDCG@10 hybrid", "vector vs fp32"]
    return "**SciFact retrieval by embedder backend**\n\n" + report.markdown_table(headers, rows)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=["speed", "scifact"])
    parser.add_argument("--passages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--backend", action="append", help="scifact: backends (fp32 needed)")
    args = parser.parse_args(argv)
    if args.what == "speed":
        payload = speed(args.passages, args.runs)
        path = report.write("embedders", payload, _speed_table(payload))
    else:
        payload = scifact(args.backend or ["fast", "fp32"])
        path = report.write("embedders-scifact", payload, _scifact_table(payload))
    sys.stdout.write(path.read_text(encoding="utf-8") + f"\nwrote {path} and its .json\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
