"""The one interface every retriever offers, so modes (vector, bm25, hybrid) can be swapped."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from llama_index.core.schema import NodeWithScore

from index.chunk_filter import ChunkFilter


@dataclass(frozen=True)
class DayWindow:
    """Published days a question points at (inclusive, YYYY-MM-DD): "last month", "this week"."""

    first: str
    last: str


@dataclass(frozen=True)
class SearchScope:
    """What one search may return (`where`) and which published days it favours (`recent`; None:
    the newest of the most relevant). A search without a scope favours no days at all."""

    where: ChunkFilter | None = None
    recent: DayWindow | None = None


class Retriever(Protocol):
    def search(
        self, query: str, top_k: int, scope: SearchScope | None = None
    ) -> list[NodeWithScore]:
        """Best chunks first; node metadata carries doc_id, title, source and offsets."""
        ...
