"""Dense retrieval: embed the query, ask Chroma, keep only chunks of committed documents."""

from __future__ import annotations

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from assistant.ask.retrieval.base import SearchScope
from index.embedding import MiniLMEmbedding
from index.store import ChromaStore, ChunkHit

_FILTER_DEPTH = 10  # a filtered search reads this many times the chunks it returns


class VectorRetriever(BaseRetriever):
    def __init__(self, store: ChromaStore, embedder: MiniLMEmbedding, *, top_k: int) -> None:
        super().__init__()
        self._store = store
        self._embedder = embedder
        self.top_k = top_k

    def search(
        self, query: str, top_k: int, scope: SearchScope | None = None
    ) -> list[NodeWithScore]:
        """Dense only: a scope's filter is applied to a deeper list; it favours no days."""
        vector = self._embedder.query_vector(query).tolist()  # not via llama-index's callbacks
        where = scope.where if scope is not None else None
        if where is None:
            hits = self._store.query(vector, top_k)
        else:
            deeper = self._store.query(vector, top_k * _FILTER_DEPTH)
            hits = [hit for hit in deeper if where.matches(hit.metadata)][:top_k]
        return [to_node(hit) for hit in committed(self._store, hits)]

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return self.search(query_bundle.query_str, self.top_k)


def committed(store: ChromaStore, hits: list[ChunkHit]) -> list[ChunkHit]:
    """Drop chunks whose document record is missing or names another version (mid-ingest)."""
    docs = store.get_documents((str(h.metadata.get("doc_id")) for h in hits), with_text=False)
    return [
        hit
        for hit in hits
        if (doc := docs.get(str(hit.metadata.get("doc_id")))) is not None
        and doc.content_hash == hit.metadata.get("content_hash")
    ]


def to_node(hit: ChunkHit) -> NodeWithScore:
    node = TextNode(
        id_=hit.chunk_id,
        text=hit.text,
        metadata=hit.metadata,
        start_char_idx=int(hit.metadata.get("start", 0)),
        end_char_idx=int(hit.metadata.get("end", 0)),
    )
    return NodeWithScore(node=node, score=hit.score)
