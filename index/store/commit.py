"""Writes and deletes, in the order that makes them safe to interrupt: the commit protocol.

The document record is written after its chunks and is the commit marker: a chunk counts only
while its `content_hash` equals its document record's. So an interrupted or in-progress
re-ingest never shows a half-written document, and the old chunks keep answering until the new
ones are complete. A write, for a group of documents with one Chroma call per step:

1. a new generation token (derived indexes must rebuild even if the write is cut short);
2. every chunk of the new versions (ids carry the content hash: nothing live is overwritten);
3. the new versions' texts (`<doc_id>#<hash>`: the committed text keeps reading meanwhile);
4. the document records with `cleanup` set: the commit;
5. the old versions' chunks and texts go;
6. `cleanup` cleared, then a new generation token again.

A crash after 4 leaves `cleanup` set, and the next ingest finishes the job
(`finish_interrupted_writes`). A delete goes chunks, record, text: a crash in between leaves a
record with no chunks, which answers nothing and which the next delete or prune removes.
Embeddings are always passed explicitly: Chroma's default embedding function downloads a model.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import uuid4

import numpy as np

from index.chunker import Chunk
from index.document import SourceDocument
from index.sentence_vectors import METADATA_KEY
from index.store.clients import store_errors
from index.store.layout import (
    CHUNK_KEYS,
    CLEANUP_KEY,
    FORMAT_KEY,
    GENERATION_KEY,
    INDEX_FORMAT,
    PLACEHOLDER_VECTOR,
    TEXT_KEY,
    chunk_id,
    text_id,
)
from index.store.records import ChunkHit, EmbeddedDocument, chunk_hit

_WRITE_BATCH = 1000


class StoreCommits:
    """The writing half of `ChromaStore`, over the collections it opened."""

    _chunks: Any
    _docs: Any
    _texts: Any

    def write_document(
        self,
        doc: SourceDocument,
        chunks: Sequence[Chunk],
        vectors: Sequence[Sequence[float]] | np.ndarray,
        sentence_vectors: Sequence[str] = (),
    ) -> list[ChunkHit]:
        """One document through the commit protocol. `sentence_vectors`, one encoded string per
        chunk (`index.sentence_vectors`), ride along."""
        return self.write_documents([EmbeddedDocument(doc, chunks, vectors, sentence_vectors)])

    @store_errors("write documents")
    def write_documents(self, items: Sequence[EmbeddedDocument]) -> list[ChunkHit]:
        """Several documents through the commit protocol, one call per step for all of them.

        Chroma's cost is mostly per call, so an ingest writes in groups (a few times less CPU).
        Returns the chunks as stored, without sentence vectors (as `all_chunks` would read them
        back), so derived indexes can learn them without a read.
        """
        if not items:
            return []
        self._new_generation()
        bases = [item.doc.metadata() for item in items]
        chunk_bases = [{k: v for k, v in base.items() if k in CHUNK_KEYS} for base in bases]
        ids: list[str] = []
        vectors: list[np.ndarray] = []
        metadatas: list[dict[str, Any]] = []
        for item, base in zip(items, chunk_bases, strict=True):
            ids += [chunk_id(item.doc, chunk.index) for chunk in item.chunks]
            if item.chunks:
                vectors.append(np.asarray(item.vectors, dtype=np.float32))  # (chunks, dimensions)
            blobs = list(item.sentence_vectors) or [""] * len(item.chunks)
            metadatas += [
                {**base, "start": c.start, "end": c.end, TEXT_KEY: c.text}
                | ({METADATA_KEY: blob} if blob else {})
                for c, blob in zip(item.chunks, blobs, strict=True)
            ]
        embeddings = np.concatenate(vectors) if vectors else np.zeros((0, 0), dtype=np.float32)
        for begin in range(0, len(ids), _WRITE_BATCH):
            end = begin + _WRITE_BATCH
            self._chunks.upsert(
                ids=ids[begin:end], embeddings=embeddings[begin:end], metadatas=metadatas[begin:end]
            )
        self._texts.upsert(
            ids=[text_id(item.doc.doc_id, item.doc.content_hash) for item in items],
            embeddings=[PLACEHOLDER_VECTOR] * len(items),
            metadatas=[
                {"doc_id": item.doc.doc_id, "content_hash": item.doc.content_hash}
                | {TEXT_KEY: item.doc.text}
                for item in items
            ],
        )
        doc_ids = [item.doc.doc_id for item in items]
        self._docs.upsert(
            ids=doc_ids,
            embeddings=[PLACEHOLDER_VECTOR] * len(items),
            metadatas=[
                {**base, "chunks": len(item.chunks), FORMAT_KEY: INDEX_FORMAT, CLEANUP_KEY: True}
                for item, base in zip(items, bases, strict=True)
            ],
        )
        self._drop_stale_chunks({item.doc.doc_id: item.doc.content_hash for item in items})
        # Chroma merges an update into the stored metadata: one key to rewrite, not the record.
        self._docs.update(ids=doc_ids, metadatas=[{CLEANUP_KEY: False}] * len(doc_ids))
        self._new_generation()
        return [chunk_hit(cid, meta, keep=False) for cid, meta in zip(ids, metadatas, strict=True)]

    @store_errors("delete a document")
    def delete_document(self, doc_id: str) -> None:
        """Chunks first, then the record, then the text (see the module docstring)."""
        self._new_generation()
        self._chunks.delete(where={"doc_id": doc_id})
        self._docs.delete(ids=[doc_id])
        self._texts.delete(where={"doc_id": doc_id})
        self._new_generation()

    @store_errors("finish interrupted writes")
    def finish_interrupted_writes(self) -> list[str]:
        """Remove the old chunks of documents whose last write stopped after its commit."""
        got = self._docs.get(where={CLEANUP_KEY: True}, include=["metadatas"])
        finished = []
        for doc_id, meta in zip(got["ids"], got["metadatas"] or [], strict=False):
            self._drop_stale_chunks({doc_id: str((meta or {}).get("content_hash", ""))})
            self._docs.update(ids=[doc_id], metadatas=[{CLEANUP_KEY: False}])
            finished.append(doc_id)
        if finished:
            self._new_generation()
        return finished

    def _drop_stale_chunks(self, current: dict[str, str]) -> None:
        """Delete every chunk and text of these documents (doc_id → current hash) of another
        version, one call per collection (one per document cost a millisecond each)."""
        stale: list[dict[str, Any]] = [
            {"$and": [{"doc_id": doc_id}, {"content_hash": {"$ne": content_hash}}]}
            for doc_id, content_hash in current.items()
        ]
        if stale:
            where = stale[0] if len(stale) == 1 else {"$or": stale}
            self._chunks.delete(where=where)
            self._texts.delete(where=where)

    def _new_generation(self) -> None:
        """Tell derived indexes (BM25) in every process that the chunks changed. Chroma replaces
        a collection's metadata whole, so the store's format is written with it every time."""
        self._docs.modify(metadata={GENERATION_KEY: uuid4().hex, FORMAT_KEY: INDEX_FORMAT})
