"""A retrieval mode's name (`ASSISTANT_RETRIEVAL_MODE`) → its retriever, built from the settings."""

from __future__ import annotations

from concurrent.futures import Executor
from typing import Literal

from assistant.ask.retrieval.base import Retriever
from assistant.ask.retrieval.bm25 import BM25Retriever
from assistant.ask.retrieval.hybrid import HybridRetriever
from assistant.ask.retrieval.recency import Recency
from assistant.ask.retrieval.vector import VectorRetriever
from assistant.settings import Settings
from index.chunk_filter import ChunkFilter
from index.embedding import MiniLMEmbedding
from index.lexical import LexicalIndex
from index.store import ChromaStore

Mode = Literal["vector", "bm25", "hybrid"]
MODES: tuple[Mode, ...] = ("vector", "bm25", "hybrid")


def open_lexical(settings: Settings, store: ChromaStore) -> LexicalIndex:
    return LexicalIndex(store, settings.lexical_path, title_weight=settings.bm25_title_weight)


def build_retriever(
    mode: Mode,
    settings: Settings,
    store: ChromaStore,
    embedder: MiniLMEmbedding,
    lexical: LexicalIndex,
    *,
    where: ChunkFilter | None = None,
    lexical_leg: Executor | None = None,
) -> Retriever:
    """`lexical_leg`: the pool hybrid retrieval runs BM25 on (its owner stops it)."""
    recency = Recency(settings.recency_weight, settings.recency_half_life_days)
    if mode == "vector":
        return VectorRetriever(store, embedder, top_k=settings.top_k)
    if mode == "bm25":
        return BM25Retriever(store, lexical, top_k=settings.top_k, where=where, recency=recency)
    return HybridRetriever(
        store,
        embedder,
        lexical,
        top_k=settings.top_k,
        candidates=settings.retrieval_candidates,
        fusion=settings.retrieval_fusion,
        vector_weight=settings.retrieval_vector_weight,
        rrf_k=settings.retrieval_rrf_k,
        where=where,
        recency=recency,
        lexical_leg=lexical_leg,
    )
