"""Ingestion: find files, load them, skip what is unchanged, chunk, embed, write, prune."""

from __future__ import annotations

import queue
import threading
import time
from collections import deque
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.errors import IngestError
from index.chunker import Chunk, Chunker
from index.discover import discover
from index.document import SourceDocument
from index.embedding import MiniLMEmbedding
from index.embedding.minilm import Texts
from index.read import read_document
from index.sentence_vectors import encode as encode_sentence_vectors
from index.sentences import split_sentences
from index.store import ChromaStore, ChunkHit, EmbeddedDocument
from index.tokens import Encoded

# Chunks embedded and written together, across documents. Larger groups pad less (each group is
# sorted by length on its own) and cost Chroma fewer calls: 512 took 5 % less CPU than 256, 1,024
# another 3 % less than 512 (padding 4.9 % against 5.6 %; 2,048 was slower again).
_EMBED_GROUP_CHUNKS = 1024
_FIRST_GROUP_CHUNKS = 32  # then four times larger each group, up to _EMBED_GROUP_CHUNKS
_LAST_PIECE_CHUNKS = 128
# An ingest of this many documents embeds on the runtime's bulk set-up from its first batch.
_BULK_DOCUMENTS = 16
_GROUPS_IN_FLIGHT = 3  # chunked but not yet stored: bounds memory, lets each stage run ahead


class DerivedIndex(Protocol):
    """An index derived from the store (BM25): learns chunks as they are written, so that
    catching up after an ingest reads little back."""

    def learn(self, chunks: Sequence[ChunkHit]) -> None: ...

    def refresh(self) -> None: ...


class Progress(Protocol):
    def start(self, total: int) -> None: ...
    def advance(self, label: str) -> None: ...


class _NoProgress:
    def start(self, total: int) -> None:
        pass

    def advance(self, label: str) -> None:
        pass


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    chunks_embedded: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """False when a named path did not exist (skipped documents are reported, not failures)."""
        return not any(s.reason == "path does not exist" for s in self.skipped)


def embedding_text(doc: SourceDocument, chunk: Chunk) -> str:
    """The title gives every chunk its article's context (chunks stay within the model's window)."""
    return f"{doc.title}\n{chunk.text}"


@dataclass(frozen=True)
class Chunked:
    """A document cut into chunks, with what the model reads for each: the tokens of its
    `embedding_text`, sliced from the document's one tokenizer pass, or the text itself."""

    doc: SourceDocument
    chunks: list[Chunk]
    inputs: list[str | Encoded]


def sentence_spans(doc: SourceDocument, chunk: Chunk) -> list[tuple[int, int]]:
    """Each sentence of the chunk as a span of its `embedding_text`, in `split_sentences` order."""
    shift = len(doc.title) + 1
    return [(shift + s.start, shift + s.end) for s in split_sentences(chunk.text)]


class Ingestor:
    def __init__(
        self,
        store: ChromaStore,
        embedder: MiniLMEmbedding,
        chunker: Chunker,
        *,
        max_bytes: int,
        derived: Sequence[DerivedIndex] = (),
    ) -> None:
        self._store = store
        self._embedder = embedder
        self._chunker = chunker
        self._max_bytes = max_bytes
        self._derived = derived
        self._embed_stage = ThreadPoolExecutor(max_workers=1, thread_name_prefix="embed")
        self._write_stage = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chroma-write")
        self._slots = threading.BoundedSemaphore(_GROUPS_IN_FLIGHT)
        self._stages: deque[Future[None]] = deque()  # every handed-over step, oldest first
        self._feed: queue.Queue[Texts | None] | None = None  # groups to embed, this ingest
        self._groups = 0  # groups handed over, this ingest
        self._handed: deque[list[Chunked]] = deque()  # not embedded
        self._bulk = False  # this ingest is long enough for the runtime's bulk set-up

    def ingest(
        self, paths: Sequence[Path], *, prune: bool = False, progress: Progress | None = None
    ) -> IngestReport:
        began = time.perf_counter()
        progress = progress or _NoProgress()
        report = IngestReport()
        found = discover(list(paths))
        report.skipped.extend(Skipped(str(p), "path does not exist") for p in found.missing)
        self._store.finish_interrupted_writes()
        existing = self._store.document_hashes()
        seen: dict[str, str] = {}
        pending: list[Chunked] = []
        progress.start(len(found.files))
        self._bulk = len(found.files) >= _BULK_DOCUMENTS
        for item in found.files:
            try:
                doc = read_document(item, max_bytes=self._max_bytes)
            except IngestError as exc:
                report.skipped.append(Skipped(str(item.path), str(exc)))
                progress.advance(item.relative_id)
                continue
            if doc.doc_id in seen:
                reason = f"same document id {doc.doc_id!r} as {seen[doc.doc_id]}"
                report.skipped.append(Skipped(str(item.path), reason))
            elif existing.get(doc.doc_id) == doc.content_hash:
                report.unchanged.append(doc.doc_id)
            else:
                chunked = self._chunk(doc)
                if not chunked.chunks:
                    report.skipped.append(Skipped(str(item.path), "no text to index"))
                else:
                    pending.append(chunked)
                    if sum(len(c.chunks) for c in pending) >= self._group_chunks():
                        self._write(pending, existing, report)
                        pending = []
            seen.setdefault(doc.doc_id, str(item.path))
            progress.advance(item.relative_id)
        self._write_last(pending, existing, report)
        self._finish_writes()
        if prune:
            on_disk = {str(item.path) for item in found.files}
            report.removed.extend(self._prune(found.roots, set(seen), on_disk))
        self._refresh_derived(report)
        report.seconds = time.perf_counter() - began
        return report

    def ingest_documents(
        self, docs: Iterable[SourceDocument], *, progress: Progress | None = None
    ) -> IngestReport:
        """Index documents already in memory (benchmark corpora); unchanged ones cost nothing."""
        began = time.perf_counter()
        progress = progress or _NoProgress()
        report = IngestReport()
        self._store.finish_interrupted_writes()
        existing = self._store.document_hashes()
        seen: set[str] = set()
        pending: list[Chunked] = []
        docs = list(docs)
        progress.start(len(docs))
        self._bulk = len(docs) >= _BULK_DOCUMENTS
        for doc in docs:
            if doc.doc_id in seen:
                report.skipped.append(Skipped(doc.doc_id, "same document id twice"))
            elif existing.get(doc.doc_id) == doc.content_hash:
                report.unchanged.append(doc.doc_id)
            elif not (chunked := self._chunk(doc)).chunks:
                report.skipped.append(Skipped(doc.doc_id, "no text to index"))
            else:
                pending.append(chunked)
                if sum(len(c.chunks) for c in pending) >= self._group_chunks():
                    self._write(pending, existing, report)
                    pending = []
            seen.add(doc.doc_id)
            progress.advance(doc.doc_id)
        self._write_last(pending, existing, report)
        self._finish_writes()
        self._refresh_derived(report)
        report.seconds = time.perf_counter() - began
        return report

    def _chunk(self, doc: SourceDocument) -> Chunked:
        """Chunks and model inputs from one tokenizer pass over the document (`index.tokens`)."""
        tokens = self._chunker.tokens(doc.text)
        chunks = self._chunker.chunk(doc.text, tokens)
        title = self._chunker.tokens(doc.title) if tokens is not None and chunks else None
        inputs: list[str | Encoded] = []
        for chunk in chunks:
            given = None
            if tokens is not None and title is not None:
                given = tokens.model_input(
                    title, chunk.start, chunk.end, limits=self._embedder.limits
                )
            inputs.append(embedding_text(doc, chunk) if given is None else given)
        return Chunked(doc, chunks, inputs)

    def _group_chunks(self) -> int:
        """Small first groups get the embedder going while the rest is still being chunked."""
        return min(_EMBED_GROUP_CHUNKS, _FIRST_GROUP_CHUNKS << (2 * min(self._groups, 4)))

    def _write_last(
        self,
        pending: list[Chunked],
        existing: dict[str, str],
        report: IngestReport,
    ) -> None:
        """The last group in smaller pieces: nothing overlaps the write after the last embedding,
        so a small last piece keeps that tail short (a whole group's write took 0.4 s)."""
        piece: list[Chunked] = []
        size = 0
        for item in pending:
            piece.append(item)
            size += len(item.chunks)
            if size >= _LAST_PIECE_CHUNKS:
                self._write(piece, existing, report)
                piece, size = [], 0
        self._write(piece, existing, report)

    def _refresh_derived(self, report: IngestReport) -> None:
        """Rebuild derived indexes now, so the first question after an ingest does not wait."""
        if report.added or report.updated or report.removed:
            for index in self._derived:
                index.refresh()

    def _write(
        self,
        pending: list[Chunked],
        existing: dict[str, str],
        report: IngestReport,
    ) -> None:
        """Hand this group to a three-stage pipeline: chunk → embed → store.

        Each stage is one thread taking groups in order, so groups are written in order, and
        none waits for the next: the caller goes on reading and chunking while earlier groups
        are embedded and written. The embedder takes the groups as one stream, so the model
        runs on from one group into the next (`MiniLMEmbedding.embed_stream`) while a
        finished group is written: Chroma holds the GIL for a whole write, and with a model
        that drained at every group the writes had left it idle ~15 % of an ingest. At most
        `_GROUPS_IN_FLIGHT` groups are chunked but not yet embedded, which bounds memory
        (writing is several times faster than embedding).
        """
        if not pending:
            return
        self._raise_failed_stage()
        texts = [given for item in pending for given in item.inputs]
        spans = [sentence_spans(item.doc, chunk) for item in pending for chunk in item.chunks]
        if self._feed is None:
            self._feed = queue.Queue()
            self._stages.append(
                self._embed_stage.submit(self._embed_all, self._feed, existing, report)
            )
        while not self._slots.acquire(timeout=0.2):
            self._raise_failed_stage()
        self._handed.append(pending)
        self._feed.put((texts, spans))
        self._groups += 1
        report.chunks_embedded += len(texts)

    def _embed_all(
        self, feed: queue.Queue[Texts | None], existing: dict[str, str], report: IngestReport
    ) -> None:
        for vectors, sentences in self._embedder.embed_stream(feed, bulk=self._bulk):
            pending = self._handed.popleft()
            self._slots.release()
            blobs = [encode_sentence_vectors(s) for s in sentences]
            writing = self._write_stage.submit(
                self._store_group, pending, vectors, blobs, existing, report
            )
            self._stages.append(writing)

    def _store_group(
        self,
        pending: list[Chunked],
        vectors: np.ndarray,
        blobs: list[str],
        existing: dict[str, str],
        report: IngestReport,
    ) -> None:
        items = []
        offset = 0
        for item in pending:
            end = offset + len(item.chunks)
            items.append(
                EmbeddedDocument(item.doc, item.chunks, vectors[offset:end], blobs[offset:end])
            )
            offset = end
        written = self._store.write_documents(items)
        for index in self._derived:
            index.learn(written)
        for doc in (item.doc for item in pending):
            (report.updated if doc.doc_id in existing else report.added).append(doc.doc_id)

    def _raise_failed_stage(self) -> None:
        """Stop handing over groups once a stage has failed: let the others finish, then raise."""
        if any(stage.done() and stage.exception() is not None for stage in list(self._stages)):
            self._finish_writes()

    def _finish_writes(self) -> None:
        """Wait until every handed-over group is stored; the first stage error surfaces here,
        after the others have finished (so nothing is still writing when the caller goes on)."""
        if self._feed is not None:
            self._feed.put(None)  # the end of this ingest's groups
        failure: BaseException | None = None
        while self._stages:
            stage = self._stages.popleft()
            try:
                stage.result()
            except BaseException as exc:  # the first is re-raised below
                failure = failure or exc
        self._feed = None
        self._groups = 0
        while self._handed:  # groups a failed embedder never took
            self._handed.popleft()
            self._slots.release()
        if failure is not None:
            raise failure

    def _prune(self, roots: list[Path], seen: set[str], on_disk: set[str]) -> list[str]:
        """Remove documents that came from under the given roots and whose file is gone.

        A file that is still there but failed to load keeps its last good version indexed.
        """
        removed = []
        for doc_id, path in self._store.document_paths().items():
            if doc_id in seen or path in on_disk:
                continue
            if any(_is_within(Path(path), root) for root in roots):
                self._store.delete_document(doc_id)
                removed.append(doc_id)
        return removed


def _is_within(path: Path, root: Path) -> bool:
    return path == root or root in path.parents
