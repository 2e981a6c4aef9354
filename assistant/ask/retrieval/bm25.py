"""Lexical retrieval: BM25 over the chunk collection (`index.lexical`), committed chunks only."""

from __future__ import annotations

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle

from assistant.ask.retrieval.candidates import materialize
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
    ) -> None:
        super().__init__()
        self._store = store
        self._lexical = lexical
        self.top_k = top_k
        self.where = where

    def search(self, query: str, top_k: int) -> list[NodeWithScore]:
        hits = self._lexical.search(query, top_k + _SPARE, where=self.where)
        ranked = [(hit.chunk_id, hit.score) for hit in hits]
        return [to_node(h) for h in materialize(self._store, ranked, top_k, where=self.where)]

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return self.search(query_bundle.query_str, self.top_k)
