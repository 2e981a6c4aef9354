"""Lexical retrieval: BM25 over the chunk collection (`index.lexical`), committed chunks only."""

from __future__ import annotations

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle

from assistant.ask.retrieval.base import SearchScope
from assistant.ask.retrieval.candidates import materialize
from assistant.ask.retrieval.recency import Recency, mark_lifts
from assistant.ask.retrieval.vector import to_node
from index.chunk_filter import ChunkFilter
from index.lexical import LexicalIndex
from index.store import ChromaStore

_SPARE = 5  # extra hits read in case a few belong to documents being re-ingested


class BM25Retriever(BaseRetriever):
    def __init__(
        self,
        store: ChromaStore,
        lexical: LexicalIndex,
        *,
        top_k: int,
        where: ChunkFilter | None = None,
        recency: Recency | None = None,
    ) -> None:
        super().__init__()
        self._store = store
        self._lexical = lexical
        self.top_k = top_k
        self.where = where
        self.recency = recency

    def search(
        self, query: str, top_k: int, scope: SearchScope | None = None
    ) -> list[NodeWithScore]:
        where = scope.where if scope is not None else self.where
        depth = top_k + _SPARE if scope is None or self.recency is None else max(50, top_k * 5)
        hits = self._lexical.search(query, depth, where=where)
        ranked = [(hit.chunk_id, hit.score) for hit in hits]
        lifts: dict[str, float] = {}
        if self.recency is not None and scope is not None:
            ranked, lifts = self.recency.boost(ranked, self._lexical.days, scope.recent)
        nodes = [to_node(h) for h in materialize(self._store, ranked, top_k, where=where)]
        return mark_lifts(nodes, lifts)

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return self.search(query_bundle.query_str, self.top_k)
