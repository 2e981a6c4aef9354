"""A rich progress bar on a terminal's stderr, silent in logs, CI and pipes."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class ProgressBar:
    """Implements `index.pipeline.Progress` (start, advance) for ingestion and evaluation."""

    def __init__(self, console: Console, description: str) -> None:
        self._description = description
        self._bar = Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal,
        )
        self._task = self._bar.add_task(description, total=None)

    def __enter__(self) -> ProgressBar:
        self._bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.__exit__(None, None, None)

    def start(self, total: int) -> None:
        self._bar.reset(self._task, total=total, description=self._description)

    def advance(self, label: str) -> None:
        self._bar.update(self._task, advance=1, description=f"{self._description} {label[-40:]}")
