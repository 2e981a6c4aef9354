"""OpenVINO GenAI's settings for the local model, timed on passage-sized prompts.

    .venv/bin/python -m evals.bench.openvino_llm [--data ../shared/data/realtimeqa]

Loads the local GGUF once per setting (in this process, one after the other) and, after a
warm-up, times three prompts of about 900 tokens built from news pages: reading alone (one token
written) and a whole answer (40 tokens written, end of text ignored) on prompts no cache holds.
Prints prompt tokens/s, generated tokens/s and the whole answer's seconds per setting, medians.
What the defaults are on this CPU is printed first: they are what `serve_openvino` runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from assistant.ask.llm.endpoint import local_model_path
from assistant.offline import apply_offline_env
from evals.bench.llm_news import REALTIMEQA
from evals.store_cache import benchmark_settings

WORDS_PER_PROMPT = 700  # about 900 tokens with the chat template
WRITTEN = 40
SETTINGS: dict[str, dict[str, Any]] = {
    "defaults": {},
    "f32 inference": {"INFERENCE_PRECISION_HINT": "f32"},
    "dynamic quantization off": {"DYNAMIC_QUANTIZATION_GROUP_SIZE": 0},
    "dynamic quantization, groups of 128": {"DYNAMIC_QUANTIZATION_GROUP_SIZE": 128},
    "f16 KV cache": {"KV_CACHE_PRECISION": "f16"},
    "prompt lookup (5 tokens, n-gram 3)": {"prompt_lookup": True},
}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="OpenVINO GenAI settings for the local model.")
    parser.add_argument("--data", type=Path, default=REALTIMEQA, help="a folder with corpus.jsonl")
    parser.add_argument("--only", action="append", default=None, help="settings to time (repeat)")
    args = parser.parse_args(argv)
    apply_offline_env()
    import openvino as ov  # type: ignore[import-untyped,import-not-found,unused-ignore]

    core = ov.Core()
    keys = ("INFERENCE_PRECISION_HINT", "DYNAMIC_QUANTIZATION_GROUP_SIZE", "KV_CACHE_PRECISION")
    values = [core.get_property("CPU", key) for key in keys]
    shown = [getattr(v, "get_type_name", lambda v=v: v)() for v in values]  # ov.Type -> "bf16"
    defaults = ", ".join(f"{key} {value}" for key, value in zip(keys, shown, strict=True))
    sys.stdout.write(f"CPU plugin defaults here: {defaults}\n\n")
    model = local_model_path(benchmark_settings())
    words = _words(args.data / "corpus.jsonl")
    rows: list[tuple[str, float, float, float]] = []
    for name, config in SETTINGS.items():
        if args.only and name not in args.only:
            continue
        read, write, whole = _time(model, config, words)
        rows.append((name, read, write, whole))
        sys.stderr.write(f"{name}: {rows[-1][1:]}\n")
    sys.stdout.write("| setting | prompt tok/s | generated tok/s | whole answer s (~900 + 40) |\n")
    sys.stdout.write("|---|---:|---:|---:|\n")
    for name, read, write, whole in rows:
        sys.stdout.write(f"| {name} | {read:.0f} | {write:.1f} | {whole:.2f} |\n")


def _words(corpus: Path) -> Iterator[list[str]]:
    """Successive 700-word slices of the corpus: each prompt is text no cache has seen."""
    pending: list[str] = []
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            pending.extend(json.loads(line).get("text", "").split())
            while len(pending) >= WORDS_PER_PROMPT:
                yield pending[:WORDS_PER_PROMPT]
                pending = pending[WORDS_PER_PROMPT:]


def _time(
    model: Path, config: dict[str, Any], words: Iterator[list[str]]
) -> tuple[float, float, float]:
    import openvino_genai as genai  # type: ignore[import-untyped,import-not-found,unused-ignore]

    lookup = bool(config.get("prompt_lookup"))
    pipe = genai.LLMPipeline(str(model), "CPU", **config)
    tokenizer = pipe.get_tokenizer()

    def prompt() -> tuple[str, int]:
        text = " ".join(next(words))
        messages = [
            {"role": "system", "content": "Answer from the sources only."},
            {"role": "user", "content": f"Sources:\n{text}\n\nQuote the first two sentences."},
        ]
        chat = tokenizer.apply_chat_template(messages, add_generation_prompt=True)
        return chat, int(tokenizer.encode(chat).input_ids.get_shape()[-1])

    def run(chat: str, tokens: int) -> float:
        generation = genai.GenerationConfig()
        generation.max_new_tokens = tokens
        generation.do_sample = False
        generation.apply_chat_template = False
        generation.ignore_eos = True
        if lookup:
            generation.num_assistant_tokens = 5
            generation.max_ngram_size = 3
        began = time.perf_counter()
        pipe.generate(chat, generation)
        return time.perf_counter() - began

    run(prompt()[0], 2)  # warm-up: kernels compile on first use
    reads, writes, wholes = [], [], []
    for _ in range(3):
        chat, count = prompt()
        reads.append(count / run(chat, 1))
        chat, count = prompt()
        whole = run(chat, WRITTEN + 1)
        wholes.append(whole)
        writes.append(WRITTEN / max(whole - count / reads[-1], 1e-3))
    return statistics.median(reads), statistics.median(writes), statistics.median(wholes)


if __name__ == "__main__":
    main()
