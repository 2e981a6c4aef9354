"""The local model on news questions: each runtime and prompt shape answers the same cases.

    .venv/bin/python -m evals.bench.llm_news [--limit 30] [--json out.json]

Asks a spread sample of the shared RealTime QA answer-in-corpus questions through the real
LLM-mode engine, on the store `assistant eval ../shared/data/realtimeqa` builds (run it first),
with three arms, interleaved per question so machine noise falls on all of them:

- llama.cpp (xllamacpp), `sentences` prompts: the baseline's smallest prompt;
- llama.cpp, `passages` prompts: the baseline on the reader's prompt;
- OpenVINO GenAI, `passages` prompts: the same GGUF, the same prompt.

Reported per arm, as medians: prompt and completion tokens, the first verified sentence's
latency and the whole answer's, and the pass rate by the eval's own scorer; per runtime, raw
prompt and generated tokens/s on uncached prompts; then the ratios against llama.cpp measured in
this run and the cases whose pass flipped between the two runtimes on the same prompts.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from assistant.ask.llm.endpoint import local_model_path
from assistant.ask.llm.local_server import LocalServer, Runtime
from assistant.container import Container, build_container
from assistant.errors import ConfigError
from assistant.offline import apply_offline_env
from assistant.settings import Settings
from evals.bench.llm_runtimes import raw_speed, streamed_answer
from evals.dataset import EvalCase
from evals.inputs import read_input
from evals.scoring import score_case
from evals.selection import select_cases
from evals.store_cache import benchmark_settings, cached_settings, exclusive
from index.embedding.cpu_features import cpu_flags, cpu_model

REALTIMEQA = Path(__file__).resolve().parents[3] / "shared" / "data" / "realtimeqa"
ARMS: tuple[tuple[Runtime, str], ...] = (
    ("llamacpp", "sentences"),
    ("llamacpp", "passages"),
    ("openvino", "passages"),
)


@dataclass
class Sample:
    case: str
    first_sentence_s: float
    answer_s: float
    prompt_tokens: int
    completion_tokens: int
    passed: bool
    answer: str


@dataclass
class Arm:
    runtime: Runtime
    sources: str
    samples: list[Sample] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.runtime} {self.sources}"

    def median(self, attribute: str, *, model_only: bool = False) -> float:
        """Over every answer, or only those the model wrote (`sentences` abstains without it)."""
        chosen = [s for s in self.samples if s.prompt_tokens or not model_only] or self.samples
        return statistics.median(float(getattr(s, attribute)) for s in chosen)

    def passes(self) -> int:
        return sum(s.passed for s in self.samples)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="Local model runtimes and prompt shapes on RealTime QA news questions."
    )
    parser.add_argument("--data", type=Path, default=REALTIMEQA, help="the RealTime QA folder")
    parser.add_argument("--limit", type=int, default=30, help="answer-in-corpus cases, spread")
    parser.add_argument("--json", type=Path, default=None, help="also write every sample here")
    args = parser.parse_args(argv)
    apply_offline_env()
    base = benchmark_settings()
    dataset = select_cases(
        read_input(args.data).dataset, tags=("answer-in-corpus",), limit=args.limit
    )
    own = cached_settings(base, "realtimeqa")
    model = local_model_path(base)
    arms = [Arm(runtime, sources) for runtime, sources in ARMS]
    speeds: dict[str, list[tuple[float, float]]] = {}
    with exclusive(own.data_dir), tempfile.TemporaryDirectory() as tmp:
        servers = {
            runtime: LocalServer(model, threads=0, context_tokens=4096,
                                 log_path=Path(tmp) / f"{runtime}.log", runtime=runtime)
            for runtime in dict.fromkeys(r for r, _ in ARMS)
        }  # fmt: skip
        try:
            engines = [_container(own, servers[arm.runtime], arm.sources) for arm in arms]
            if not engines[0].store.document_count():
                raise ConfigError("the realtimeqa store is empty: run `assistant eval` on it first")
            for round_ in range(2):  # warm-up: OpenVINO compiles its kernels on first use
                for server in servers.values():
                    raw_speed(server, 100 + round_)
            for number, case in enumerate(dataset.cases):
                if number % 10 == 0:
                    for runtime, server in servers.items():
                        speeds.setdefault(runtime, []).append(raw_speed(server, number // 10))
                for arm, container in zip(arms, engines, strict=True):
                    sample = _ask(container, case)
                    arm.samples.append(sample)
                    sys.stderr.write(
                        f"{number + 1:3} {arm.name:19} {sample.answer_s:6.1f} s "
                        f"{'pass' if sample.passed else 'fail'}  {case.id}\n"
                    )
        finally:
            for server in servers.values():
                server.stop()
    _print(arms, speeds)
    if args.json:
        rows = {"speeds": speeds, "arms": [asdict(arm) for arm in arms]}
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")


def _container(own: Settings, server: LocalServer, sources: str) -> Container:
    settings = own.model_copy(
        update={"answer_mode": "llm", "llm_sources": sources,
                "llm_base_url": server.base_url(), "llm_model": server.alias}
    )  # fmt: skip
    return build_container(settings)


def _ask(container: Container, case: EvalCase) -> Sample:
    history = [turn.to_turn() for turn in case.history]
    first, total, answer = streamed_answer(container, case.question, history, case.scope)
    cited = container.store.get_documents({c.doc_id for c in answer.citations})
    score = score_case(case, answer, {doc_id: doc.text for doc_id, doc in cited.items()})
    report = answer.generation
    return Sample(
        case=case.id,
        first_sentence_s=round(first, 2),
        answer_s=round(total, 2),
        prompt_tokens=report.prompt_tokens if report else 0,
        completion_tokens=report.completion_tokens if report else 0,
        passed=score.passed,
        answer=answer.answer,
    )


def _print(arms: list[Arm], speeds: dict[str, list[tuple[float, float]]]) -> None:
    out = sys.stdout
    cases = len(arms[0].samples)
    out.write(f"\nLocal model on {cases} RealTime QA answer-in-corpus questions, medians\n")
    out.write(f"CPU: {_cpu()}\n\n")
    out.write("| runtime | raw prompt tok/s | raw generated tok/s |\n|---|---:|---:|\n")
    for runtime, pairs in speeds.items():
        prompt = statistics.median(p for p, _ in pairs)
        generated = statistics.median(g for _, g in pairs)
        out.write(f"| {runtime} | {prompt:.0f} | {generated:.1f} |\n")
    baseline = next(a for a in arms if a.runtime == "llamacpp" and a.sources == "passages")
    out.write(
        "\n| arm | prompt tok | completion tok | first verified sentence s | whole answer s "
        "| whole answer, model asked s | pass | speed-up vs llamacpp passages |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    for arm in arms:
        ratio = baseline.median("answer_s") / arm.median("answer_s")
        out.write(
            f"| {arm.name} | {arm.median('prompt_tokens', model_only=True):.0f} | "
            f"{arm.median('completion_tokens', model_only=True):.0f} | "
            f"{arm.median('first_sentence_s'):.2f} | {arm.median('answer_s'):.2f} | "
            f"{arm.median('answer_s', model_only=True):.2f} | "
            f"{arm.passes()}/{cases} ({arm.passes() / cases:.1%}) | {ratio:.2f}× |\n"
        )
    for arm in arms:
        if arm is not baseline and arm.sources == baseline.sources:
            flips = ", ".join(flipped(baseline, arm)) or "none"
            out.write(f"\nflipped, {baseline.name} -> {arm.name}: {flips}\n")


def flipped(baseline: Arm, other: Arm) -> list[str]:
    """The cases one arm passes and the other fails, as 'id (fixed|broke)' for `other`."""
    return [
        f"{mine.case} ({'fixed' if mine.passed else 'broke'})"
        for theirs, mine in zip(baseline.samples, other.samples, strict=True)
        if theirs.passed != mine.passed
    ]


def _cpu() -> str:
    wanted = ("avx2", "avx512f", "avx512_bf16", "avx512_vnni", "amx_tile", "amx_bf16")
    flags = " ".join(f for f in wanted if f in cpu_flags())
    name = cpu_model() or platform.processor() or "unknown"
    return f"{name}; {flags or 'none of ' + ' '.join(wanted)}"


if __name__ == "__main__":
    main()
