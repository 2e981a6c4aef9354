"""Hybrid retrieval: vector and BM25 candidates fused, committed only, near-duplicates once.

Fusion is per chunk (a document then ranks where its best chunk ranks). Weighted fusion scales
each list's scores to [0, 1] (min-max) and mixes them; unlike reciprocal rank it keeps how far
apart hits are, which on SciFact is worth about +0.02 nDCG@10 (see README, "Retrieval").
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Literal

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle

from assistant.ask.retrieval.base import SearchScope
from assistant.ask.retrieval.candidates import materialize
from assistant.ask.retrieval.fusion import Ranking, reciprocal_rank, weighted_scores
from assistant.ask.retrieval.recency import Recency, mark_lifts
from assistant.ask.retrieval.vector import to_node
from index.chunk_filter import ChunkFilter
from index.embedding import MiniLMEmbedding
from index.lexical import LexicalIndex
from index.store import ChromaStore, chunk_doc_id

Fusion = Literal["rrf", "weighted"]
LEXICAL_LEG_THREADS = 4
FEW_KEPT = 0.2  # a filter keeping under this share of the documents goes to Chroma as ids
_MAX_DEEPER = 5


def lexical_leg_pool() -> ThreadPoolExecutor:
    """Where BM25 runs beside the query embedding; its threads start on the first search."""
    return ThreadPoolExecutor(max_workers=LEXICAL_LEG_THREADS, thread_name_prefix="bm25")


class HybridRetriever(BaseRetriever):
    def __init__(
        self,
        store: ChromaStore,
        embedder: MiniLMEmbedding,
        lexical: LexicalIndex,
        *,
        top_k: int,
        candidates: int,
        fusion: Fusion,
        vector_weight: float,
        rrf_k: float,
        where: ChunkFilter | None = None,
        recency: Recency | None = None,
        lexical_leg: Executor | None = None,
        few_kept: float = FEW_KEPT,
    ) -> None:
        """`where` applies to searches that bring no scope of their own; `lexical_leg` is its
        owner's pool (the container's); without one it makes its own, which `close()` stops."""
        super().__init__()
        self._store = store
        self._embedder = embedder
        self._lexical = lexical
        self.top_k = top_k
        self.candidates = candidates
        self.fusion: Fusion = fusion
        self.weights = (vector_weight, 1.0 - vector_weight)
        self.rrf_k = rrf_k
        self.where = where
        self.recency = recency
        self.few_kept = few_kept
        self._own_leg: ThreadPoolExecutor | None = None
        if lexical_leg is None:
            lexical_leg = self._own_leg = lexical_leg_pool()
        self._lexical_leg = lexical_leg

    def close(self) -> None:
        """Stops the pool it made itself; a pool it was given is its giver's to stop."""
        if self._own_leg is not None:
            self._own_leg.shutdown()

    def search(
        self, query: str, top_k: int, scope: SearchScope | None = None
    ) -> list[NodeWithScore]:
        where = scope.where if scope is not None else self.where
        depth = max(self.candidates, top_k)
        # BM25 runs while the query is embedded (both release the GIL for their heavy part).
        lexical = self._lexical_leg.submit(self._lexical.search, query, depth, where=where)
        # Ids and scores are all fusion needs; texts are read for the winners only. The vector
        # comes straight from the embedder: llama-index's callback wrapper keeps an id per call.
        vector_hits = self._vector_leg(self._embedder.query_vector(query).tolist(), depth, where)
        lexical_hits = [(h.chunk_id, h.score) for h in lexical.result()]
        ranked = self._fuse([vector_hits, lexical_hits])
        lifts: dict[str, float] = {}
        if self.recency is not None and scope is not None:
            ranked, lifts = self.recency.boost(ranked, self._lexical.days, scope.recent)
        hits = materialize(
            self._store, ranked, top_k, where=where, signatures=self._lexical.signatures
        )
        return mark_lifts([to_node(hit) for hit in hits], lifts)

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return self.search(query_bundle.query_str, self.top_k)

    def _fuse(self, rankings: Sequence[Ranking]) -> list[tuple[str, float]]:
        if self.fusion == "rrf":
            return reciprocal_rank(rankings, self.weights, k=self.rrf_k)
        return weighted_scores(rankings, self.weights)

    def _vector_leg(
        self, vector: list[float], depth: int, where: ChunkFilter | None
    ) -> list[tuple[str, float]]:
        """The nearest chunks `where` allows. Chroma is asked a deeper list that is filtered
        here, since a long id list in its query costs more than the search (0.3 s against 0.03
        s over 43,000 chunks); only a filter keeping few documents is handed to Chroma."""
        if where is None:
            return self._store.nearest(vector, depth)
        split = self._lexical.document_split(where)
        if not split.left_out:
            return self._store.nearest(vector, depth)
        share = len(split.kept) / (len(split.kept) + len(split.left_out))
        if share < self.few_kept:
            chroma_where = {"doc_id": {"$in": sorted(split.kept) or [""]}}
            return self._store.nearest(vector, depth, where=chroma_where)
        deeper = self._store.nearest(vector, min(math.ceil(depth / share), depth * _MAX_DEEPER))
        return [(cid, score) for cid, score in deeper if chunk_doc_id(cid) in split.kept][:depth]
