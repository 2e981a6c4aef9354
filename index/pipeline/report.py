"""What an ingest tells its caller: progress while it runs, a report when it is done."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


class Progress(Protocol):
    """The number of documents first, then one label as each is done (a bar, a log line)."""

    def start(self, total: int) -> None: ...
    def advance(self, label: str) -> None: ...


class NoProgress:
    """For callers that do not show progress."""

    def start(self, total: int) -> None:
        pass

    def advance(self, label: str) -> None:
        pass


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    chunks_embedded: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """False when a named path did not exist (skipped documents are reported, not failures)."""
        return not any(s.reason == "path does not exist" for s in self.skipped)
