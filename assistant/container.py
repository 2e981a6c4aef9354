"""Composition root: settings → the components every surface (CLI, HTTP, Slack, evals) uses."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.answer.extractive import ExtractiveAnswerer
from assistant.config import Settings
from assistant.engine import AnswerEngine
from assistant.offline import apply_offline_env
from assistant.retrieval.vector import VectorRetriever
from index.chunker import Chunker
from index.embedding import MiniLMOnnxEmbedding, load_tokenizer
from index.pipeline import Ingestor
from index.store import ChromaStore, open_client


@dataclass(frozen=True)
class Container:
    settings: Settings
    store: ChromaStore
    embedder: MiniLMOnnxEmbedding
    ingestor: Ingestor
    engine: AnswerEngine


def build_container(settings: Settings) -> Container:
    apply_offline_env()
    embedder = MiniLMOnnxEmbedding(
        threads=settings.embed_threads, embed_batch_size=settings.embed_batch_size
    )
    store = ChromaStore(open_client(settings.chroma_path), settings.collection)
    chunker = Chunker(
        load_tokenizer(for_model=False),
        chunk_tokens=settings.chunk_tokens,
        overlap_tokens=settings.chunk_overlap_tokens,
    )
    ingestor = Ingestor(store, embedder, chunker, max_bytes=settings.max_document_bytes)
    retriever = VectorRetriever(store, embedder, top_k=settings.top_k)
    answerer = ExtractiveAnswerer(
        embedder,
        min_confidence=settings.min_confidence,
        max_sentences=settings.max_answer_sentences,
    )
    engine = AnswerEngine(
        retriever,
        answerer,
        store,
        top_k=settings.top_k,
        max_question_chars=settings.max_question_chars,
        history_turns=settings.history_turns,
    )
    return Container(
        settings=settings, store=store, embedder=embedder, ingestor=ingestor, engine=engine
    )
