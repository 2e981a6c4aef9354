"""BM25 over every chunk in the store, kept in step with Chroma change by change.

Design:
- Chroma's chunk collection is the only truth; the tantivy index under the data folder
  (`index.lexical.engine`) is derived from it and records the Chroma fingerprint it is in step
  with (the chunk count and a random generation token every write rewrites).
- A change goes through `write`: under a lock shared by every process on the host
  (`index.lexical.writer_lock`), the store is changed, the changed documents' chunks are deleted
  from the index and the written ones added, and one commit records the store's new fingerprint.
  An upload costs its own chunks, not a rebuild.
- Readers (every worker) compare the store's fingerprint with the one they last saw, one small
  Chroma call per search. When it moved, they reload (a millisecond) and find the writer's commit.
- A change the index missed (a writer killed between Chroma and the index, a writer on another
  host with its own data folder, `ingest --rebuild`) leaves the recorded fingerprint behind the
  store's while no writer holds the lock. The first process to notice reconciles by ids: chunk
  ids listed from Chroma against the index's, the extra ones deleted, only the missing ones read.
- Searches return chunk ids; callers read texts from Chroma and keep committed chunks, so a chunk
  the index still holds a moment after Chroma dropped it is never served.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.chunk_filter import ChunkFilter
from index.lexical.engine import ChunkIndex, Stored, Writing
from index.lexical.filters import filter_query
from index.lexical.writer_lock import WriterLock
from index.store import ChromaStore, ChunkHit

log = logging.getLogger(__name__)

_SPLITS_KEPT = 64
_STORED_KEPT = 100_000  # chunks whose sketch and day are remembered (ids name fixed texts)
_SYNC_PAGE = 1000  # chunks read from Chroma at a time when catching up
_INDEX_DIR = "tantivy"
_LOCK_FILE = "writer.lock"


@dataclass(frozen=True)
class DocumentSplit:
    kept: frozenset[str]
    left_out: frozenset[str]


@dataclass(frozen=True)
class LexicalHit:
    chunk_id: str
    doc_id: str
    score: float


class LexicalIndex:
    def __init__(self, store: ChromaStore, folder: Path, *, title_weight: int) -> None:
        self._store = store
        self._folder = folder
        self.title_weight = title_weight
        self._lock = WriterLock(folder / _LOCK_FILE)
        self._chunks: ChunkIndex | None = None
        self._seen: str | None = None  # the store fingerprint last found in step
        self._checking = threading.Lock()
        self._stored: dict[str, Stored] = {}
        self._splits: dict[tuple[str, ChunkFilter], DocumentSplit] = {}
        self._sources: tuple[str, list[str]] | None = None

    # -- reading -------------------------------------------------------------------------------

    def search(
        self, query: str, top_k: int, *, where: ChunkFilter | None = None
    ) -> list[LexicalHit]:
        """Best-scoring chunks first; chunks sharing no term with the query are left out."""
        chunks = self.current()
        allowed = filter_query(chunks.schema, where, self._sources_of(chunks)) if where else None
        return [
            LexicalHit(chunk_id=p.chunk_id, doc_id=p.doc_id, score=p.score)
            for p in chunks.search(query, top_k, allowed)
        ]

    def chunk_ids(self) -> frozenset[str]:
        return frozenset(self.current().chunk_ids())

    def signatures(self, chunk_ids: list[str]) -> dict[str, np.ndarray]:
        """Near-duplicate sketches of the chunks this index knows."""
        return {cid: found.sketch for cid, found in self._lookup(chunk_ids).items()}

    def days(self, chunk_ids: Sequence[str]) -> dict[str, str]:
        """Published days (YYYY-MM-DD) of the chunks this index knows that have one."""
        return {cid: found.day for cid, found in self._lookup(chunk_ids).items() if found.day}

    def sources(self) -> list[str]:
        """Every source name in the store, sorted: read once per store version (a request
        naming sources checks them against this list)."""
        return self._sources_of(self.current())

    def _sources_of(self, chunks: ChunkIndex) -> list[str]:
        """`sources` of an index `current` just returned (one store check per call, not two)."""
        key = self._seen or ""
        if self._sources is None or self._sources[0] != key or not key:
            self._sources = (key, chunks.sources())
        return self._sources[1]

    def document_split(self, where: ChunkFilter) -> DocumentSplit:
        """Which documents `where` keeps: worked out once per filter and store version (an
        as-of day or a source recurs across questions)."""
        chunks = self.current()
        key = (self._seen or "", where)
        split = self._splits.get(key) if self._seen else None
        if split is None:
            allowed = filter_query(chunks.schema, where, self._sources_of(chunks))
            every = chunks.doc_ids()
            kept = chunks.doc_ids(allowed) if allowed is not None else every
            split = DocumentSplit(kept=kept, left_out=every - kept)
            if len(self._splits) >= _SPLITS_KEPT:
                self._splits.pop(next(iter(self._splits)))
            self._splits[key] = split
        return split

    # -- keeping in step -----------------------------------------------------------------------

    def current(self) -> ChunkIndex:
        """The index as in step with the store as it can be without waiting for a writer."""
        chunks = self._open()
        fingerprint = self._store.chunk_fingerprint()
        if fingerprint == self._seen:
            return chunks
        with self._checking:
            state = chunks.reload()
            if state != fingerprint:
                with self._lock.held_if_free() as free:
                    if free:  # no writer is between Chroma and the index: it missed a change
                        self._catch_up_now(chunks)
                        state = chunks.reload()
            self._seen = fingerprint if state == fingerprint else None
        return chunks

    def refresh(self) -> None:
        self.current()

    def write(
        self, doc_ids: Sequence[str], change: Callable[[], Sequence[ChunkHit]]
    ) -> Sequence[ChunkHit]:
        """Change the store (`change` writes or deletes the documents `doc_ids` and returns the
        chunks it wrote) and the index with it, one writer at a time across processes."""
        chunks = self._open()  # before the lock: opening takes it too
        with self._lock.held():
            state = chunks.reload()
            began = time.perf_counter()
            with self._writing(chunks) as writing:
                if state != self._store.chunk_fingerprint():
                    self._catch_up(chunks, writing)
                written = change()
                writing.delete_documents(doc_ids)
                writing.add(written)
                writing.commit(self._store.chunk_fingerprint())
            log.debug(
                "lexical index: %d documents, %d chunks in %.1f ms",
                len(doc_ids),
                len(written),
                (time.perf_counter() - began) * 1000,
            )
        return written

    def _open(self) -> ChunkIndex:
        """The index folder, opened once (under the lock: two processes may create it at once)."""
        if self._chunks is None:
            with self._lock.held():
                if self._chunks is None:
                    folder = self._folder / _INDEX_DIR
                    self._chunks = ChunkIndex(folder, title_weight=self.title_weight)
        return self._chunks

    @contextlib.contextmanager
    def _writing(self, chunks: ChunkIndex) -> Iterator[Writing]:
        writing = chunks.writing()
        try:
            yield writing
        finally:
            writing.close()  # after a failure: what was not committed is dropped

    def _catch_up_now(self, chunks: ChunkIndex) -> None:
        with self._writing(chunks) as writing:
            fingerprint = self._catch_up(chunks, writing)
            writing.commit(fingerprint)

    def _catch_up(self, chunks: ChunkIndex, writing: Writing) -> str:
        """Reconcile by ids (the caller holds the lock): what the index lacks is read from
        Chroma, what Chroma lost is deleted. Returns the fingerprint read before the ids, which
        the result is at least as new as."""
        began = time.perf_counter()
        fingerprint = self._store.chunk_fingerprint()
        wanted = self._store.chunk_ids()
        held = chunks.chunk_ids()
        extra = held.difference(wanted)
        if len(extra) > len(held) // 2:  # mostly gone (a rebuilt store): start empty
            writing.delete_all()
            held, extra = set(), set()
        writing.delete_chunks(extra)
        missing = [cid for cid in wanted if cid not in held]
        for begin in range(0, len(missing), _SYNC_PAGE):
            page = missing[begin : begin + _SYNC_PAGE]
            writing.add(self._store.get_chunks(page, keep=False).values())
        log.log(
            logging.INFO if missing or extra else logging.DEBUG,
            "lexical index caught up with the store: %d chunks added, %d removed in %.2f s",
            len(missing),
            len(extra),
            time.perf_counter() - began,
        )
        return fingerprint

    def _lookup(self, chunk_ids: Sequence[str]) -> dict[str, Stored]:
        """Stored fields by chunk id, remembered: an id names one version of one text."""
        unknown = [cid for cid in chunk_ids if cid not in self._stored]
        if unknown:
            if len(self._stored) + len(unknown) > _STORED_KEPT:
                self._stored = {}
            self._stored.update(self._open().stored(unknown))
        return {cid: self._stored[cid] for cid in chunk_ids if cid in self._stored}
