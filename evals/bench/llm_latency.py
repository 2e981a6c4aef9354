"""LLM-mode answer latency with the local model: compact sentence sources vs. top-5 whole chunks.

    .venv/bin/python -m evals.bench.llm_latency [--runs 3] [--json out.json]

Indexes the seed corpus into a temporary folder, starts the local model's server (prepared by
`make local-llm`), and asks each seed question `--runs` times in both prompt modes, interleaved
so that llama.cpp's prompt cache only ever reuses the shared system prompt, as in real use. It
reports the median answer latency, prompt and completion tokens per answer, and the speed-up.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from assistant.ask.llm.endpoint import local_model_path
from assistant.ask.llm.local_server import LocalServer
from assistant.container import Container, build_container
from assistant.offline import apply_offline_env
from assistant.settings import load_settings

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
QUESTIONS = {
    "How many key tasks and action points does the campaign include?": ("17", "58"),
    "How many action points does the campaign have?": ("58",),
    "Who chairs the leadership team?": ("Party Secretary",),
    "Which industries does the campaign focus on?": ("steel",),
    "What does the campaign establish for oversight?": ("oversight",),
}
MODES = ("sentences", "chunks")


@dataclass
class Row:
    question: str
    mode: str
    p50_ms: float
    latencies_ms: list[float]
    prompt_tokens: int
    completion_tokens: int
    correct: bool
    answer: str


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="LLM-mode latency: compact vs naive prompt.")
    parser.add_argument("--runs", type=int, default=3, help="answers per question and mode")
    parser.add_argument("--json", type=Path, default=None, help="also write the rows here")
    args = parser.parse_args(argv)
    apply_offline_env()
    model = local_model_path(load_settings())
    with (
        tempfile.TemporaryDirectory() as tmp,
        LocalServer(
            model, threads=0, context_tokens=4096, log_path=Path(tmp) / "server.log"
        ) as server,
    ):
        engines = {mode: _container(Path(tmp) / mode, server, mode) for mode in MODES}
        rows = _measure(engines, args.runs)
    _print(rows, args.runs)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=1), encoding="utf-8")


def _container(folder: Path, server: LocalServer, mode: str) -> Container:
    settings = load_settings(
        data_dir=folder,
        seeds_dir=SEEDS,
        answer_mode="llm",
        llm_base_url=server.base_url(),
        llm_model=server.alias,
        llm_sources=mode,
    )
    container = build_container(settings)
    container.ingestor.ingest([SEEDS])
    return container


def _measure(engines: dict[str, Container], runs: int) -> list[Row]:
    samples: dict[tuple[str, str], list[tuple[float, int, int, str]]] = {}
    for run in range(runs):
        for question in QUESTIONS:
            for mode, container in engines.items():
                answer = container.engine.ask(question)
                report = answer.generation
                tokens = (report.prompt_tokens, report.completion_tokens) if report else (0, 0)
                samples.setdefault((question, mode), []).append(
                    (answer.timings_ms.total, *tokens, answer.answer)
                )
                sys.stderr.write(
                    f"run {run + 1}/{runs} {mode:9} {answer.timings_ms.total:8.0f} ms "
                    f"{tokens[0]:5d} prompt tokens  {question}\n"
                )
    rows = []
    for (question, mode), got in samples.items():
        last = got[-1][3]
        rows.append(
            Row(
                question=question,
                mode=mode,
                p50_ms=round(statistics.median(s[0] for s in got), 1),
                latencies_ms=[s[0] for s in got],
                prompt_tokens=round(statistics.median(s[1] for s in got)),
                completion_tokens=round(statistics.median(s[2] for s in got)),
                correct=all(fact in last for fact in QUESTIONS[question]),
                answer=last,
            )
        )
    return rows


def _print(rows: list[Row], runs: int) -> None:
    out = sys.stdout
    out.write(f"\nLLM answer latency, median of {runs} runs ({os.cpu_count()} cores)\n\n")
    out.write("| question | mode | p50 ms | prompt tok | completion tok | correct |\n")
    out.write("|---|---|---:|---:|---:|---|\n")
    for r in rows:
        out.write(
            f"| {r.question} | {r.mode} | {r.p50_ms:.0f} | {r.prompt_tokens} | "
            f"{r.completion_tokens} | {'yes' if r.correct else 'NO'} |\n"
        )
    out.write("\n| mode | p50 ms (all answers) | prompt tok (median) |\n|---|---:|---:|\n")
    medians = {}
    for mode in MODES:
        mine = [r for r in rows if r.mode == mode]
        medians[mode] = statistics.median(ms for r in mine for ms in r.latencies_ms)
        tokens = statistics.median(r.prompt_tokens for r in mine)
        out.write(f"| {mode} | {medians[mode]:.0f} | {tokens:.0f} |\n")
    out.write(
        f"\nspeed-up of compact over naive: {medians['chunks'] / medians['sentences']:.1f}×\n"
    )


if __name__ == "__main__":
    main()
