"""Time every embedder runtime this machine can run and cache the fastest for `auto`.

    python -m index.embedding.choose [--models-dir var/models] [--seconds 3] [--again]

Run by `make run` and `make test` after the fast model is built; a CPU already measured in this
models folder is not measured again unless `--again`. Each runtime embeds the same passages
(news-sized, about 110 words) for a few seconds after a warm-up; its vectors are compared with the
fp32 reference's, and a runtime below cosine 0.99 is never chosen.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from index.embedding.backends import open_embedder, ready
from index.embedding.cpu_features import cpu_key
from index.embedding.measured_choice import (
    Backend,
    Choice,
    Measured,
    load_choice,
    pick,
    save_choice,
)
from index.embedding.minilm import MiniLMEmbedding

CANDIDATES: tuple[Backend, ...] = ("int8", "fast", "fp32")
_PASSAGE = (
    "The city council approved a budget of {n} million dollars on Tuesday, after a debate that "
    "ran past midnight. Officials said the plan adds {m} buses to the eastern routes, repairs "
    "two bridges closed since the spring floods and hires {k} teachers for schools that lost "
    "staff last year. Opponents argued that property taxes would rise by {p} percent and that "
    "the transit money should wait for a federal grant. The mayor, who had threatened a veto, "
    "called the vote a fair compromise and said work on the bridges would start in {month}."
)
_MONTHS = ("March", "April", "May", "June", "July", "August")


def sample_passages(count: int = 96) -> list[str]:
    """Deterministic passages of news length; the numbers vary so no two are the same text."""
    return [
        _PASSAGE.format(n=40 + i, m=3 + i % 9, k=10 + i % 17, p=1 + i % 6, month=_MONTHS[i % 6])
        * (1 + i % 2)  # one or two paragraphs: the widths a real corpus pads to
        for i in range(count)
    ]


def texts_per_second(embedder: MiniLMEmbedding, texts: list[str], seconds: float) -> float:
    """Median rate over rounds of the whole sample, after a warm-up round (compiled shapes)."""
    embedder.embed(texts)
    rates: list[float] = []
    began = time.perf_counter()
    while len(rates) < 2 or (time.perf_counter() - began < seconds and len(rates) < 9):
        start = time.perf_counter()
        embedder.embed(texts)
        rates.append(len(texts) / (time.perf_counter() - start))
    return float(np.median(rates))


def measure(models_dir: Path, seconds: float) -> Choice:
    texts = sample_passages()
    runnable = [b for b in CANDIDATES if ready(b, models_dir)]
    vectors: dict[Backend, np.ndarray] = {}
    rates: dict[Backend, tuple[str, float]] = {}
    for backend in runnable:
        embedder = open_embedder(backend, models_dir=models_dir)
        rates[backend] = (embedder.model_name, texts_per_second(embedder, texts, seconds))
        vectors[backend] = np.asarray(embedder.embed(texts), dtype=np.float32)
        sys.stderr.write(f"  {embedder.model_name}: {rates[backend][1]:.1f} passages/s" + "\n")
    reference = vectors.get("fp32")
    measured = [
        Measured(
            backend=backend,
            name=name,
            texts_per_s=round(rate, 2),
            min_cosine=None
            if reference is None
            else round(float((vectors[backend] * reference).sum(axis=1).min()), 5),
        )
        for backend, (name, rate) in rates.items()
    ]
    return Choice(
        cpu=cpu_key(),
        backend=pick(measured),
        measured=measured,
        at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index.embedding.choose", description=__doc__)
    parser.add_argument("--models-dir", type=Path, default=Path("var/models"))
    parser.add_argument("--seconds", type=float, default=3.0, help="timing per runtime")
    parser.add_argument("--again", action="store_true", help="measure even if already measured")
    args = parser.parse_args(argv)
    models_dir = args.models_dir.resolve()
    known = load_choice(models_dir)
    if known is not None and not args.again:
        sys.stdout.write(
            f"embedder for auto: {known.backend} ({known.reason()}); --again to re-measure" + "\n"
        )
        return 0
    sys.stderr.write(f"timing the embedder runtimes on {cpu_key()} …" + "\n")
    choice = measure(models_dir, args.seconds)
    path = save_choice(models_dir, choice)
    sys.stdout.write(
        f"embedder for auto: {choice.backend} ({choice.reason()}); saved in {path}" + "\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
