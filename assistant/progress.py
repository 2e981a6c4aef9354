"""Progress of long work on stderr: a rich bar on a terminal, a plain line every ~10 s otherwise.

Indexing a news corpus or evaluating one runs for minutes; in a log or CI it says how far it is
(done/total, rate, time left) instead of nothing. `ASSISTANT_PROGRESS_EVERY_S` sets how often.
"""

from __future__ import annotations

import os
import time

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

PLAIN_EVERY_S = 10.0
EVERY_S_ENV = "ASSISTANT_PROGRESS_EVERY_S"


class ProgressBar:
    """Implements `index.pipeline.Progress` (start, advance) for ingestion and evaluation."""

    def __init__(self, console: Console, description: str) -> None:
        self._console = console
        self._description = description
        self._plain = not console.is_terminal
        self._every_s = plain_every_s()
        self._bar = Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=self._plain,
        )
        self._task = self._bar.add_task(description, total=None)
        self._total: int | None = None
        self._done = 0
        self._began = self._said = time.monotonic()

    def __enter__(self) -> ProgressBar:
        self._bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.__exit__(None, None, None)

    def start(self, total: int) -> None:
        self._bar.reset(self._task, total=total, description=self._description)
        self._total, self._done = total, 0
        self._began = self._said = time.monotonic()

    def advance(self, label: str) -> None:
        self._bar.update(self._task, advance=1, description=f"{self._description} {label[-40:]}")
        self._done += 1
        now = time.monotonic()
        if self._plain and now - self._said >= self._every_s:
            self._said = now
            self._console.print(
                plain_line(self._description, self._done, self._total, now - self._began),
                markup=False,
                highlight=False,
            )


def plain_every_s() -> float:
    """Seconds between plain lines: `ASSISTANT_PROGRESS_EVERY_S` when it is a number ≥ 0."""
    try:
        every_s = float(os.environ.get(EVERY_S_ENV, PLAIN_EVERY_S))
    except ValueError:
        return PLAIN_EVERY_S
    return every_s if every_s >= 0 else PLAIN_EVERY_S


def plain_line(description: str, done: int, total: int | None, elapsed_s: float) -> str:
    """ "asking realtimeqa: 37/250 · 1.6/s · about 2 min left" (rate and rest once known)."""
    rate = done / elapsed_s if elapsed_s > 0 else 0.0
    parts = [f"{description}: {done}/{total}" if total else f"{description}: {done}"]
    if rate:
        parts.append(f"{rate:.1f}/s" if rate >= 1 else f"{1 / rate:.1f} s each")
        if total and done < total:
            left = (total - done) / rate
            parts.append(
                f"about {left / 60:.0f} min left" if left >= 90 else f"about {left:.0f} s left"
            )
    return " · ".join(parts)
