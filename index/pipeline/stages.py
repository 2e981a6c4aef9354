"""The stages after chunking, embed → store, each one thread taking groups of chunks in order.

Groups are written in the order they were handed over, and no stage waits for the next: the
caller goes on reading and chunking while earlier groups are embedded and written. The embedder
takes a run's groups as one stream, so the model runs on from one group into the next
(`MiniLMEmbedding.embed_stream`) while a finished group is written: Chroma holds the GIL for a
whole write, and with a model that drained at every group the writes had left it idle ~15 % of
an ingest. At most `_GROUPS_IN_FLIGHT` groups are chunked but not yet embedded, which bounds
memory (writing is several times faster than embedding).
"""

from __future__ import annotations

import functools
import queue
import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from index.document import SourceDocument
from index.embedding import MiniLMEmbedding
from index.embedding.batches import Texts
from index.pipeline.chunked import Chunked, sentence_spans
from index.sentence_vectors import encode as encode_sentence_vectors
from index.store import ChromaStore, ChunkHit, EmbeddedDocument

_GROUPS_IN_FLIGHT = 3  # chunked but not yet stored: bounds memory, lets each stage run ahead


class DerivedIndex(Protocol):
    """An index derived from the store (BM25): changed together with the store, document by
    document, so it never rebuilds or reads back what was just written."""

    def write(
        self, doc_ids: Sequence[str], change: Callable[[], Sequence[ChunkHit]]
    ) -> Sequence[ChunkHit]: ...

    def refresh(self) -> None: ...


def through_derived(
    derived: Sequence[DerivedIndex],
    doc_ids: Sequence[str],
    change: Callable[[], Sequence[ChunkHit]],
) -> Sequence[ChunkHit]:
    """Run a store change inside every derived index's write."""
    for index in derived:
        change = functools.partial(index.write, doc_ids, change)
    return change()


def _one_thread(name: str) -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)


@dataclass(frozen=True)
class Stages:
    """What every group goes through, and one thread per stage; an `Ingestor` keeps one, and
    its runs take the threads in turn."""

    embedder: MiniLMEmbedding
    store: ChromaStore
    derived: Sequence[DerivedIndex] = ()
    embed_thread: ThreadPoolExecutor = field(
        default_factory=functools.partial(_one_thread, "embed")
    )
    write_thread: ThreadPoolExecutor = field(
        default_factory=functools.partial(_one_thread, "chroma-write")
    )

    def close(self) -> None:
        """Let handed-over work finish, then end the threads; closing twice is harmless."""
        self.embed_thread.shutdown()
        self.write_thread.shutdown()


class StagedWrites:
    """One run's groups on their way through the stages; `on_stored` hears of each group's
    documents once they are written (on the write thread)."""

    def __init__(
        self,
        stages: Stages,
        *,
        bulk: bool,
        on_stored: Callable[[list[SourceDocument]], None],
    ) -> None:
        self._stages = stages
        self._bulk = bulk  # long enough for the runtime's bulk set-up from the first batch
        self._on_stored = on_stored
        self._slots = threading.BoundedSemaphore(_GROUPS_IN_FLIGHT)
        self._steps: deque[Future[None]] = deque()  # every handed-over step, oldest first
        self._feed: queue.Queue[Texts | None] | None = None  # groups to embed
        self._handed: deque[list[Chunked]] = deque()  # not embedded yet

    def hand_over(self, group: list[Chunked]) -> None:
        """Queue the group for embedding; waits only while `_GROUPS_IN_FLIGHT` are queued."""
        self._raise_failed_step()
        texts = [given for item in group for given in item.inputs]
        spans = [sentence_spans(item.doc, chunk) for item in group for chunk in item.chunks]
        if self._feed is None:
            self._feed = queue.Queue()
            self._steps.append(self._stages.embed_thread.submit(self._embed_all, self._feed))
        while not self._slots.acquire(timeout=0.2):
            self._raise_failed_step()
        self._handed.append(group)
        self._feed.put((texts, spans))

    def finish(self) -> None:
        """Wait until every handed-over group is stored; the first step's error surfaces here,
        after the others have finished (so nothing is still writing when the caller goes on)."""
        failure = self._drain()
        if failure is not None:
            raise failure

    def stop(self) -> None:
        """Wait for the steps after the run failed elsewhere: that error is the one to raise."""
        self._drain()

    def _drain(self) -> BaseException | None:
        if self._feed is not None:
            self._feed.put(None)  # the end of this run's groups
            self._feed = None
        failure: BaseException | None = None
        while self._steps:
            step = self._steps.popleft()
            try:
                step.result()
            except BaseException as exc:  # the first is handed back
                failure = failure or exc
        self._handed.clear()  # groups a failed embedder never took
        return failure

    def _raise_failed_step(self) -> None:
        """Stop handing over groups once a step has failed: let the others finish, then raise."""
        if any(step.done() and step.exception() is not None for step in list(self._steps)):
            self.finish()

    def _embed_all(self, feed: queue.Queue[Texts | None]) -> None:
        for vectors, sentences in self._stages.embedder.embed_stream(feed, bulk=self._bulk):
            group = self._handed.popleft()
            self._slots.release()
            blobs = [encode_sentence_vectors(s) for s in sentences]
            writing = self._stages.write_thread.submit(self._store, group, vectors, blobs)
            self._steps.append(writing)

    def _store(self, group: list[Chunked], vectors: np.ndarray, blobs: list[str]) -> None:
        items = []
        offset = 0
        for item in group:
            end = offset + len(item.chunks)
            items.append(
                EmbeddedDocument(item.doc, item.chunks, vectors[offset:end], blobs[offset:end])
            )
            offset = end
        doc_ids = [item.doc.doc_id for item in items]
        write = functools.partial(self._stages.store.write_documents, items)
        through_derived(self._stages.derived, doc_ids, write)
        self._on_stored([item.doc for item in group])
