"""Ingestion benchmark: our pipeline against the raw embedder bound and llama-index's quickstart.

    .venv/bin/python -m evals.bench.ingest [--fraction 0.1] [--runs 3] [--backend fast]

Every round runs each pipeline once, each in a fresh process and store (`ingest_worker`), in a
rotating order so a busy machine slows them alike; figures are medians over rounds, and the
ratios are taken within a round (same chunks, same run) before the median. Writes
`var/bench/results/ingest.json` and `ingest.md`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from typing import Any

from evals.bench import report
from evals.bench.corpus import BENCH_DIR
from evals.bench.measure import median

DEFAULT_PIPELINES = ["raw@fast", "ours@fast", "stock@int8", "stock@fast"]


def run_worker(pipeline: str, fraction: float, dataset: str, tag: str) -> dict[str, Any]:
    name, backend = pipeline.split("@")
    store = BENCH_DIR / "ingest" / f"{name}-{backend}-{tag}"
    command = [
        sys.executable, "-m", "evals.bench.ingest_worker", "--pipeline", name,
        "--backend", backend, "--dataset", dataset, "--fraction", str(fraction),
        "--store", str(store),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{pipeline} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def rates(run: dict[str, Any]) -> dict[str, float]:
    seconds = float(run["seconds"])
    return {
        "docs_per_s": run["documents"] / seconds,
        "chunks_per_s": run["chunks"] / seconds,
        "tokens_per_s": run["tokens_embedded"] / seconds,
    }


def summarize(rounds: list[dict[str, dict[str, Any]]], pipelines: list[str]) -> dict[str, Any]:
    summary: dict[str, Any] = {}
    for pipeline in pipelines:
        runs = [r[pipeline] for r in rounds]
        per_run = [rates(run) for run in runs]
        first = runs[0]
        summary[pipeline] = {
            "embedder": first["embedder"],
            "batch_size": first["batch_size"],
            "streams": first.get("streams", 1),
            "documents": first["documents"],
            "chunks": first["chunks"],
            "tokens_chunked": first.get("tokens_chunked"),
            "tokens_embedded": first["tokens_embedded"],
            "text_coverage": first.get("text_coverage"),
            "seconds": round(median([float(r["seconds"]) for r in runs]), 2),
            "peak_rss_mb": median([float(r["peak_rss_mb"]) for r in runs]),
            **{k: round(median([p[k] for p in per_run]), 2) for k in per_run[0]},
        }
        if "reingest_seconds" in first:
            share = median([r["reingest_seconds"] / r["seconds"] for r in runs])
            summary[pipeline]["reingest_share"] = round(share, 4)
            summary[pipeline]["reingest_seconds"] = round(
                median([float(r["reingest_seconds"]) for r in runs]), 2
            )
    return summary


def ratios(rounds: list[dict[str, dict[str, Any]]], backend: str) -> dict[str, float]:
    """Within-round ratios, then their medians: what the must-hold lines compare."""
    ours, raw, stock = f"ours@{backend}", f"raw@{backend}", "stock@int8"
    out: dict[str, float] = {}
    if all(ours in r and raw in r for r in rounds):
        values = [rates(r[ours])["tokens_per_s"] / rates(r[raw])["tokens_per_s"] for r in rounds]
        out["ours_vs_raw_tokens_per_s"] = round(median(values), 3)
        # Per CPU-second: the same comparison, unaffected by other load on a shared machine.
        if all("cpu_seconds" in r[ours] and "cpu_seconds" in r[raw] for r in rounds):
            values = [
                (r[ours]["tokens_embedded"] / r[ours]["cpu_seconds"])
                / (r[raw]["tokens_embedded"] / r[raw]["cpu_seconds"])
                for r in rounds
            ]
            out["ours_vs_raw_tokens_per_cpu_s"] = round(median(values), 3)
    if all(ours in r and stock in r for r in rounds):
        values = [rates(r[ours])["docs_per_s"] / rates(r[stock])["docs_per_s"] for r in rounds]
        out["ours_vs_stock_int8_docs_per_s"] = round(median(values), 3)
    return out


def ratio_backend(pipelines: list[str], default: str) -> str:
    """The backend the ratios compare: that of the `ours@…` pipeline asked for, if any (asking
    for `ours@int8` and `raw@int8` without `--backend int8` left the ratio table empty)."""
    return next((p.split("@", 1)[1] for p in pipelines if p.startswith("ours@")), default)


def table(summary: dict[str, Any], fraction: float, runs: int) -> str:
    headers = [
        "pipeline", "embedder", "docs/s", "chunks/s", "embedded tok/s", "chunks",
        "tokens chunked", "tokens embedded", "text coverage", "s (median)", "peak RSS MB",
    ]  # fmt: skip
    rows = []
    for pipeline, s in summary.items():
        coverage = s["text_coverage"]
        rows.append([
            pipeline, f"{s['embedder']} (batch {s['batch_size']} × {s['streams']} stream(s))",
            f"{s['docs_per_s']:.2f}",
            f"{s['chunks_per_s']:.1f}", f"{s['tokens_per_s']:,.0f}", f"{s['chunks']:,}",
            f"{s['tokens_chunked']:,}" if s["tokens_chunked"] else "–",
            f"{s['tokens_embedded']:,}",
            f"{coverage:.1%}" if coverage is not None else "–",
            s["seconds"], s["peak_rss_mb"],
        ])  # fmt: skip
    first = next(iter(summary.values()))
    title = f"Ingestion, {first['documents']:,} realtimeqa pages ({fraction:.0%}), median of {runs}"
    return f"**{title}**\n\n" + report.markdown_table(headers, rows)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fraction", type=float, default=0.1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--backend", default="fast", help="backend of ours and of the raw bound")
    parser.add_argument("--dataset", default="realtimeqa")
    parser.add_argument("--pipeline", action="append", help="e.g. ours@fast (repeat)")
    parser.add_argument("--name", default="ingest", help="results file name")
    args = parser.parse_args(argv)
    pipelines = args.pipeline or [p.replace("@fast", f"@{args.backend}") for p in DEFAULT_PIPELINES]
    pipelines = list(dict.fromkeys(pipelines))
    rounds: list[dict[str, dict[str, Any]]] = []
    for n in range(args.runs):
        order = pipelines[n % len(pipelines) :] + pipelines[: n % len(pipelines)]
        rounds.append({p: run_worker(p, args.fraction, args.dataset, str(n)) for p in order})
        sys.stderr.write(f"round {n + 1}/{args.runs}: {json.dumps(rounds[-1])}\n")
    summary = summarize(rounds, pipelines)
    payload = {
        "dataset": args.dataset,
        "fraction": args.fraction,
        "runs": args.runs,
        "summary": summary,
        "ratios": ratios(rounds, ratio_backend(pipelines, args.backend)),
        "rounds": rounds,
    }
    markdown = table(summary, args.fraction, args.runs)
    markdown += "\n" + report.markdown_table(
        ["ratio (median of per-round ratios)", "value"], list(payload["ratios"].items())
    )
    path = report.write(args.name, payload, markdown)
    sys.stdout.write(markdown + f"\nwrote {path} and its .json\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
