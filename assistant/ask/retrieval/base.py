"""The one interface every retriever offers, so modes (vector, bm25, hybrid) can be swapped."""

from __future__ import annotations

from typing import Protocol

from llama_index.core.schema import NodeWithScore


class Retriever(Protocol):
    def search(self, query: str, top_k: int) -> list[NodeWithScore]:
        """Best chunks first; node metadata carries doc_id, title, source and offsets."""
        ...
