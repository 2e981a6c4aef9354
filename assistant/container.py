"""Composition root: settings → the components every surface (CLI, HTTP, Slack, evals) uses."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from assistant.ask.answer.extractive import ExtractiveAnswerer
from assistant.ask.answer.llm import LLMAnswerer
from assistant.ask.answer.summary import Summarizer
from assistant.ask.engine import AnswerEngine
from assistant.ask.llm.condense import Condenser
from assistant.ask.llm.endpoint import chat_client, is_remote, local_client
from assistant.ask.llm.local_server import LocalServer
from assistant.ask.retrieval.base import Retriever
from assistant.ask.retrieval.hybrid import lexical_leg_pool
from assistant.ask.retrieval.modes import build_retriever, open_lexical
from assistant.feedback.answer_log import AnswerLog
from assistant.feedback.feedback_store import FeedbackStore
from assistant.offline import apply_offline_env
from assistant.prompts import Prompts
from assistant.schema import Answer, Scope, Turn
from assistant.settings import Settings
from index.chunker import Chunker
from index.embedding import MiniLMEmbedding, load_tokenizer
from index.embedding.backends import open_embedder
from index.lexical import LexicalIndex
from index.pipeline import Ingestor
from index.store import ChromaStore, drop_store, open_client, open_server_client


@dataclass(frozen=True)
class Container:
    settings: Settings
    store: ChromaStore
    embedder: MiniLMEmbedding
    ingestor: Ingestor
    engine: AnswerEngine
    lexical: LexicalIndex
    retriever: Retriever
    lexical_leg: ThreadPoolExecutor  # hybrid retrieval's BM25 threads
    answer_log: AnswerLog
    feedback: FeedbackStore
    llm_server: LocalServer | None = None  # the local model's server, when the assistant runs it
    owns_llm_server: bool = False  # started for this container, not shared with it

    def close(self) -> None:
        """Stops the threads and processes it owns; safe to call twice. Every step runs even
        when an earlier one fails."""
        with ExitStack() as steps:
            steps.callback(self.ingestor.close)
            steps.callback(self.lexical_leg.shutdown)
            if self.owns_llm_server and self.llm_server is not None:
                steps.callback(self.llm_server.stop)

    def __enter__(self) -> Container:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def build_container(
    settings: Settings,
    *,
    llm_server: LocalServer | None = None,
    embedder: MiniLMEmbedding | None = None,
) -> Container:
    """The components for `settings`; `llm_server` shares a running local model instead of
    starting another (benchmark stores answer with the run's model), `embedder` a loaded one
    (or one on another runtime)."""
    apply_offline_env()
    if embedder is None:
        embedder = open_embedder(
            settings.embed_backend,
            models_dir=settings.models_dir,
            threads=settings.embed_threads,
            batch_size=settings.embed_batch_size,
        )
    store = ChromaStore(_chroma_client(settings), settings.collection)
    chunker = Chunker(
        load_tokenizer(for_model=False),
        chunk_tokens=settings.chunk_tokens,
        overlap_tokens=settings.chunk_overlap_tokens,
    )
    lexical = open_lexical(settings, store)
    ingestor = Ingestor(
        store, embedder, chunker, max_bytes=settings.max_document_bytes, derived=[lexical]
    )
    lexical_leg = lexical_leg_pool()
    retriever = build_retriever(
        settings.retrieval_mode, settings, store, embedder, lexical, lexical_leg=lexical_leg
    )
    answerer = ExtractiveAnswerer(
        embedder,
        min_confidence=settings.min_confidence,
        max_sentences=settings.max_answer_sentences,
    )
    llm: LLMAnswerer | None = None
    condenser: Condenser | None = None
    owns_llm_server = False
    if settings.answer_mode == "llm":
        if llm_server is not None and not is_remote(settings):
            chat = local_client(llm_server, settings)
        else:
            chat, llm_server = chat_client(settings)
            owns_llm_server = llm_server is not None
        prompts = Prompts(settings.prompts_dir)
        llm = LLMAnswerer(
            chat,
            answerer,
            prompts,
            store,
            source_mode=settings.llm_sources,
            max_sources=settings.llm_max_sources,
            source_ratio=settings.llm_source_ratio,
            max_tokens=settings.llm_max_tokens,
        )
        condenser = Condenser(
            chat, prompts, turns=settings.history_turns, max_chars=settings.max_question_chars
        )
    else:
        llm_server = None
    answer_log = AnswerLog(store.client, settings.collection, keep_days=settings.answer_log_days)

    def log_answer(answer: Answer, history: Sequence[Turn], scope: Scope | None) -> Answer:
        mode, generation = settings.answer_mode, store.generation()
        return answer_log.record(answer, history, scope, mode=mode, generation=generation)

    engine = AnswerEngine(
        retriever,
        answerer,
        store,
        summarizer=Summarizer(store, embedder),
        top_k=settings.top_k,
        max_question_chars=settings.max_question_chars,
        history_turns=settings.history_turns,
        llm=llm,
        condenser=condenser,
        known_sources=lexical.sources,
        on_answer=log_answer if answer_log.enabled else None,
    )
    return Container(
        settings=settings,
        store=store,
        embedder=embedder,
        ingestor=ingestor,
        engine=engine,
        lexical=lexical,
        retriever=retriever,
        lexical_leg=lexical_leg,
        answer_log=answer_log,
        feedback=FeedbackStore(
            store.client, settings.collection, answer_log, secret=settings.feedback_secret
        ),
        llm_server=llm_server,
        owns_llm_server=owns_llm_server,
    )


def drop_index(settings: Settings) -> list[str]:
    """Deletes the store's collections (`assistant ingest --rebuild`); the BM25 copy, derived
    from them, rebuilds itself on the next search."""
    return drop_store(_chroma_client(settings), settings.collection)


def _chroma_client(settings: Settings) -> Any:
    """The Chroma server at `chroma_url` (shared by every worker), else the embedded store."""
    if not settings.chroma_url:
        return open_client(settings.chroma_path)
    headers: dict[str, str] = {}
    if settings.chroma_auth_token is not None:
        token = settings.chroma_auth_token.get_secret_value()
        is_bearer = settings.chroma_auth_header == "Authorization"
        headers[settings.chroma_auth_header] = f"Bearer {token}" if is_bearer else token
    return open_server_client(
        settings.chroma_url,
        headers=headers,
        tenant=settings.chroma_tenant,
        database=settings.chroma_database,
    )


def open_feedback(settings: Settings) -> FeedbackStore:
    """The feedback store alone (no embedder, no index): what `assistant feedback` reads."""
    apply_offline_env()
    client = _chroma_client(settings)
    answers = AnswerLog(client, settings.collection, keep_days=settings.answer_log_days)
    return FeedbackStore(client, settings.collection, answers, secret=settings.feedback_secret)
