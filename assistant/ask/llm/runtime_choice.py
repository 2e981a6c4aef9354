"""The local model's runtime `auto` uses, chosen by timing both on this CPU.

llama.cpp writes faster and OpenVINO GenAI reads faster; which answers sooner depends on the CPU
(measured on an AMD EPYC with AVX-512 BF16: prompts 122 against 69 tokens/s, writing 15 against
25 tokens/s). `python -m assistant.ask.llm.runtime_choice` (run by `make local-llm`) starts each
server, times an uncached ~900-token prompt, and keeps the runtime that would answer a typical
question (TYPICAL_PROMPT tokens read, TYPICAL_ANSWER written) first, per CPU
(`cpu_features.cpu_key`), in `<models_dir>/llm-runtime-choice.json`. Without a measurement for
this CPU, `auto` is llama.cpp.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from assistant.ask.llm.client import ChatClient, Message, Usage
from assistant.ask.llm.local_server import LocalServer, Runtime
from assistant.errors import AssistantError
from index.embedding.cpu_features import cpu_key

CHOICE_FILE = "llm-runtime-choice.json"
RUNTIMES: tuple[Runtime, ...] = ("llamacpp", "openvino")
TYPICAL_PROMPT = 1200  # tokens an LLM-mode answer reads (median, seed questions)
TYPICAL_ANSWER = 40  # tokens it writes
_PROBE_TOKENS = 60
_SAMPLE = Path(__file__).resolve().parents[3] / "seeds" / "baogang-reform-campaign.txt"


@dataclass(frozen=True)
class Speed:
    runtime: Runtime
    prompt_tps: float
    generate_tps: float

    @property
    def answer_s(self) -> float:
        return TYPICAL_PROMPT / self.prompt_tps + TYPICAL_ANSWER / self.generate_tps


def runtime_for(models_dir: Path) -> tuple[Runtime, str]:
    """The runtime `auto` runs here, and why."""
    try:
        entry = json.loads((models_dir / CHOICE_FILE).read_text(encoding="utf-8"))[cpu_key()]
        runtime: Runtime = entry["runtime"]
        return runtime, f"measured faster on this CPU ({entry['at'][:10]})"
    except (OSError, ValueError, KeyError, TypeError):
        return "llamacpp", "not measured on this CPU"


def measure(model: Path, folder: Path) -> list[Speed]:
    """Each runtime that runs here, timed; one that cannot start is reported and left out."""
    speeds = []
    for runtime in RUNTIMES:
        log = folder / f"{runtime}.log"
        try:
            with LocalServer(
                model, threads=0, context_tokens=4096, log_path=log, runtime=runtime
            ) as server:
                client = ChatClient(
                    base_url=server.base_url(), api_key=None, model=server.alias, timeout_s=600
                )
                rates = [_probe(client, offset) for offset in (0, 500)]
        except AssistantError as exc:
            sys.stdout.write(f"  {runtime:8}  cannot run here: {exc}\n")
            continue
        speeds.append(Speed(runtime, *(min(r[i] for r in rates) for i in (0, 1))))
    return speeds


def _probe(client: ChatClient, offset: int) -> tuple[float, float]:
    """(prompt tokens/s, generated tokens/s) on a prompt no cache holds yet."""
    text = _SAMPLE.read_text(encoding="utf-8")[offset : offset + 4000]
    prompt = [Message(role="user", content=f"{text}\n\nSummarise the text above.")]
    usage = Usage()
    began = time.perf_counter()
    first = 0.0
    for _ in client.stream(prompt, max_tokens=_PROBE_TOKENS, usage=usage):
        first = first or time.perf_counter() - began
    total = time.perf_counter() - began
    written = max(usage.completion_tokens - 1, 1)
    return usage.prompt_tokens / first, written / max(total - first, 1e-6)


def save(models_dir: Path, speeds: list[Speed]) -> Runtime:
    best = min(speeds, key=lambda s: s.answer_s).runtime
    path = models_dir / CHOICE_FILE
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        entries = {}
    entries[cpu_key()] = {
        "runtime": best,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "measured": [asdict(s) | {"answer_s": round(s.answer_s, 2)} for s in speeds],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(entries, indent=2) + "\n", encoding="utf-8")
    return best


def main(argv: Sequence[str] | None = None) -> None:
    from assistant.ask.llm.endpoint import local_model_path
    from assistant.offline import apply_offline_env
    from assistant.settings import load_settings

    parser = argparse.ArgumentParser(description="Time the local model's runtimes on this CPU.")
    parser.add_argument("--models-dir", type=Path, default=None)
    parser.add_argument("--again", action="store_true", help="measure even if this CPU was")
    args = parser.parse_args(argv)
    apply_offline_env()
    settings = load_settings(**({"models_dir": args.models_dir} if args.models_dir else {}))
    runtime, why = runtime_for(settings.models_dir)
    if why.startswith("measured") and not args.again:
        sys.stdout.write(
            f"local model runtime for auto: {runtime} ({why}); --again to re-measure\n"
        )
        return
    with tempfile.TemporaryDirectory() as tmp:
        speeds = measure(local_model_path(settings), Path(tmp))
    if not speeds:
        sys.stdout.write("local model runtime for auto: llamacpp (no runtime could be timed)\n")
        return
    for s in speeds:
        sys.stdout.write(
            f"  {s.runtime:8}  prompt {s.prompt_tps:6.1f} tok/s  writing {s.generate_tps:5.1f} "
            f"tok/s  → a typical answer {s.answer_s:5.1f} s\n"
        )
    sys.stdout.write(f"local model runtime for auto: {save(settings.models_dir, speeds)}\n")


if __name__ == "__main__":
    main()
