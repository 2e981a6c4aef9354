"""The embedder runtime `auto` uses, chosen by measuring the candidates on this CPU, not by a flag.

A flag check picked int8 on an AMD EPYC with AVX-512 BF16 where OpenVINO bf16 ingests 2.6× as
fast. `python -m index.embedding.choose` (run by `make run` and `make test`) times every runtime
this machine can run and writes the figures here, keyed by CPU (`cpu_features.cpu_key`), to
`<models_dir>/embedder-choice.json`; `auto` then takes the fastest whose vectors agree with the
fp32 reference (cosine ≥ MIN_COSINE). Without a measurement for this CPU, the old rule stands.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from index.embedding.cpu_features import cpu_key

Backend = Literal["int8", "fast", "fp32"]
CHOICE_FILE = "embedder-choice.json"
MIN_COSINE = 0.99  # an index built with one runtime is queried with another


@dataclass(frozen=True)
class Measured:
    """One runtime's figures on this CPU."""

    backend: Backend
    name: str  # the model name it reports, e.g. "all-MiniLM-L6-v2 (bf16 OpenVINO)"
    texts_per_s: float
    min_cosine: float | None  # against the fp32 reference; None when fp32 is not built


@dataclass(frozen=True)
class Choice:
    cpu: str
    backend: Backend
    measured: list[Measured]
    at: str  # when, ISO time

    def speedup(self, backend: Backend, over: Backend = "int8") -> float | None:
        rates = {m.backend: m.texts_per_s for m in self.measured}
        if backend in rates and rates.get(over):
            return rates[backend] / rates[over]
        return None

    def reason(self) -> str:
        """One line for `assistant status`."""
        ratio = self.speedup(self.backend)
        than = f", {ratio:.1f}× int8" if ratio is not None and self.backend != "int8" else ""
        return f"measured fastest on this CPU ({self.at[:10]}{than})"


def pick(measured: list[Measured]) -> Backend:
    """The fastest runtime whose vectors agree with fp32 (int8 when nothing else qualifies)."""
    agreeing = [m for m in measured if m.min_cosine is None or m.min_cosine >= MIN_COSINE]
    if not agreeing:
        return "int8"
    return max(agreeing, key=lambda m: m.texts_per_s).backend


def choice_path(models_dir: Path) -> Path:
    return models_dir / CHOICE_FILE


def load_choice(models_dir: Path, cpu: str | None = None) -> Choice | None:
    """This CPU's measured choice, or None (never measured here, or an unreadable file)."""
    try:
        entries = json.loads(choice_path(models_dir).read_text(encoding="utf-8"))
        entry = entries[cpu or cpu_key()]
        return Choice(
            cpu=entry["cpu"],
            backend=entry["backend"],
            measured=[Measured(**m) for m in entry["measured"]],
            at=entry["at"],
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_choice(models_dir: Path, choice: Choice) -> Path:
    """Adds or replaces this CPU's entry; other hosts' entries stay."""
    path = choice_path(models_dir)
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        entries = {}
    entries[choice.cpu] = asdict(choice)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(entries, indent=2) + "\n", encoding="utf-8")
    temporary.replace(path)
    return path
