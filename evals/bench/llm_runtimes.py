"""The local model's runtimes side by side: llama.cpp (xllamacpp) and OpenVINO GenAI, same GGUF.

    .venv/bin/python -m evals.bench.llm_runtimes [--runs 2] [--json out.json]

Both servers run at once (one answers at a time); each seed question is asked through the real
LLM-mode engine on each, alternating, so machine noise falls on both. Reported per runtime, as
medians: prompt tokens/s and generated tokens/s (from the model's first streamed text and its
usage, on prompts no cache holds), the first verified sentence's latency and the whole answer's,
and whether the answers state the expected facts. Run 1 is every question's first ask; later
runs repeat them, which llama.cpp's server answers from its prompt cache and OpenVINO's does
not, so the two are reported apart.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from assistant.ask.llm.client import ChatClient, Message, Usage
from assistant.ask.llm.endpoint import local_model_path
from assistant.ask.llm.local_server import LocalServer, Runtime
from assistant.container import Container, build_container
from assistant.offline import apply_offline_env
from assistant.schema import Answer, FinalEvent, Scope, TokenEvent, Turn
from assistant.settings import load_settings
from evals.bench.llm_latency import QUESTIONS, SEEDS

RUNTIMES: tuple[Runtime, ...] = ("llamacpp", "openvino")


@dataclass
class Sample:
    run: int
    first_sentence_s: float
    answer_s: float
    prompt_tokens: int
    completion_tokens: int
    correct: bool


@dataclass
class Summary:
    runtime: str
    start_s: float
    samples: list[Sample] = field(default_factory=list)
    prompt_tps: list[float] = field(default_factory=list)  # raw model, uncached prompts
    generate_tps: list[float] = field(default_factory=list)

    def median(self, name: str, *, first_asks: bool | None = None) -> float:
        """Over every sample, or only the first asks (True) or only the repeats (False)."""
        chosen = [s for s in self.samples if first_asks is None or (s.run == 1) == first_asks]
        return statistics.median(float(getattr(s, name)) for s in chosen)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="LLM runtimes on the same GGUF, side by side.")
    parser.add_argument("--runs", type=int, default=2, help="answers per question and runtime")
    parser.add_argument("--json", type=Path, default=None, help="also write the samples here")
    args = parser.parse_args(argv)
    apply_offline_env()
    model = local_model_path(load_settings())
    with tempfile.TemporaryDirectory() as tmp:
        servers, summaries = {}, {}
        for runtime in RUNTIMES:
            began = time.perf_counter()
            log = Path(tmp) / f"{runtime}.log"
            server = LocalServer(
                model, threads=0, context_tokens=4096, log_path=log, runtime=runtime
            )
            server.base_url()
            servers[runtime] = server
            summaries[runtime] = Summary(runtime, round(time.perf_counter() - began, 1))
        try:
            engines = {r: _container(Path(tmp) / r, servers[r]) for r in RUNTIMES}
            for run in range(args.runs):
                for runtime in RUNTIMES:
                    prompt_tps, generate_tps = raw_speed(servers[runtime], run)
                    summaries[runtime].prompt_tps.append(prompt_tps)
                    summaries[runtime].generate_tps.append(generate_tps)
                for question, facts in QUESTIONS.items():
                    for runtime in RUNTIMES:
                        sample = _ask(engines[runtime], question, facts, run + 1)
                        summaries[runtime].samples.append(sample)
                        sys.stderr.write(
                            f"run {run + 1} {runtime:8} {sample.answer_s:6.1f} s  {question}\n"
                        )
        finally:
            for server in servers.values():
                server.stop()
    _print(list(summaries.values()), args.runs)
    if args.json:
        rows = [asdict(s) for s in summaries.values()]
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")


def _container(folder: Path, server: LocalServer) -> Container:
    settings = load_settings(
        data_dir=folder, seeds_dir=SEEDS, answer_mode="llm",
        llm_base_url=server.base_url(), llm_model=server.alias,
    )  # fmt: skip
    container = build_container(settings)
    container.ingestor.ingest([SEEDS])
    return container


def raw_speed(server: LocalServer, run: int) -> tuple[float, float]:
    """(prompt tokens/s, generated tokens/s) on a ~900-token prompt no cache holds (its text
    starts at a different place each run)."""
    text = (SEEDS / "baogang-reform-campaign.txt").read_text(encoding="utf-8")
    start = (run * 997) % 1000
    prompt = f"{text[start : start + 4000]}\n\nSummarise the text above in three sentences."
    client = ChatClient(base_url=server.base_url(), api_key=None, model=server.alias,
                        timeout_s=600)  # fmt: skip
    usage = Usage()
    began = time.perf_counter()
    first = 0.0
    for _ in client.stream([Message(role="user", content=prompt)], max_tokens=80, usage=usage):
        first = first or time.perf_counter() - began
    total = time.perf_counter() - began
    return (
        round(usage.prompt_tokens / first, 1),
        round(max(usage.completion_tokens - 1, 1) / max(total - first, 1e-6), 1),
    )


def _ask(container: Container, question: str, facts: tuple[str, ...], run: int) -> Sample:
    first, total, answer = streamed_answer(container, question)
    report = answer.generation
    return Sample(
        run=run,
        first_sentence_s=round(first, 2),
        answer_s=round(total, 2),
        prompt_tokens=report.prompt_tokens if report else 0,
        completion_tokens=report.completion_tokens if report else 0,
        correct=all(fact in answer.answer for fact in facts),
    )


def streamed_answer(
    container: Container,
    question: str,
    history: Sequence[Turn] = (),
    scope: Scope | None = None,
) -> tuple[float, float, Answer]:
    """(seconds to the first verified sentence, seconds to the whole answer, the answer), asked
    as the chat UI asks: streamed. An answer with no sentence streamed counts its whole time."""

    async def stream() -> tuple[float, float, Answer]:
        began = time.perf_counter()
        first = 0.0
        events = container.engine.stream(question, history, scope=scope, record=False)
        async for event in events:
            if isinstance(event, TokenEvent) and not first:
                first = time.perf_counter() - began
            if isinstance(event, FinalEvent):
                total = time.perf_counter() - began
                return first or total, total, event.answer
        raise RuntimeError("no final answer")

    return asyncio.run(stream())


def _print(summaries: list[Summary], runs: int) -> None:
    out = sys.stdout
    out.write(f"\nLocal model runtimes, median of {runs} runs × {len(QUESTIONS)} questions ")
    out.write(f"({os.cpu_count()} cores)\n\n")
    out.write("| runtime | start s | prompt tok/s | generated tok/s | prompt tok | completion tok "
              "| first verified sentence s | whole answer s | correct |\n")  # fmt: skip
    out.write("|---|---:|---:|---:|---:|---:|---:|---:|---|\n")
    for s in summaries:
        right = sum(x.correct for x in s.samples)
        out.write(
            f"| {s.runtime} | {s.start_s:.1f} | {statistics.median(s.prompt_tps):.0f} | "
            f"{statistics.median(s.generate_tps):.1f} | {s.median('prompt_tokens'):.0f} | "
            f"{s.median('completion_tokens'):.0f} | {s.median('first_sentence_s'):.2f} | "
            f"{s.median('answer_s'):.2f} | {right}/{len(s.samples)} |\n"
        )
    base, other = summaries[0], summaries[1]
    for label, first in (("first asks", True), ("repeats", False)):
        if runs == 1 and not first:
            continue
        mine, theirs = (s.median("answer_s", first_asks=first) for s in (base, other))
        out.write(
            f"\n{label}: whole answer {base.runtime} {mine:.2f} s, {other.runtime} "
            f"{theirs:.2f} s ({other.runtime} {mine / theirs:.2f}×)"
        )
    out.write("\n")


if __name__ == "__main__":
    main()
