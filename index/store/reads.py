"""Every read of the store: documents, chunks by id or by vector, counts and the change token.

Reads see chunks committed or not; callers that answer keep only chunks whose `content_hash`
equals their document record's (`index.store.commit`). Long reads go in pages: one unbounded
`get` fails past ~32k records (SQLite's variable limit).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from index.store.clients import store_errors
from index.store.layout import (
    FORMAT_KEY,
    GENERATION_KEY,
    INDEX_FORMAT,
    TEXT_KEY,
    documents_collection_name,
    text_id,
    version_chunk_id,
)
from index.store.records import ChunkHit, StoredDocument, chunk_hit

_READ_PAGE = 5000


class StoreReads:
    """The reading half of `ChromaStore`, over the collections it opened."""

    name: str
    _client: Any
    _chunks: Any
    _docs: Any
    _texts: Any

    @store_errors("read the document list")
    def document_hashes(self) -> dict[str, str]:
        """doc_id → content hash of every committed document; "" for a record of another format,
        so the next ingest rewrites it."""
        hashes = {}
        for doc_id, meta in self._document_records():
            current = meta.get(FORMAT_KEY) == INDEX_FORMAT
            hashes[doc_id] = str(meta.get("content_hash", "")) if current else ""
        return hashes

    @store_errors("read the document list")
    def document_paths(self) -> dict[str, str]:
        """doc_id → file path, for documents that came from a file."""
        return {
            doc_id: str(meta["path"])
            for doc_id, meta in self._document_records()
            if meta.get("path")
        }

    def _document_records(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every document record's id and metadata, read in pages."""
        offset = 0
        while True:
            got = self._docs.get(include=["metadatas"], limit=_READ_PAGE, offset=offset)
            for doc_id, meta in zip(got["ids"], got["metadatas"] or [], strict=False):
                yield doc_id, dict(meta or {})
            if len(got["ids"]) < _READ_PAGE:
                return
            offset += _READ_PAGE

    @store_errors("read documents")
    def get_documents(
        self, doc_ids: Iterable[str], *, with_text: bool = True
    ) -> dict[str, StoredDocument]:
        """Committed documents by id, each with the text of its committed version."""
        ids = sorted(set(doc_ids))
        if not ids:
            return {}
        got = self._docs.get(ids=ids, include=["metadatas"])
        metas = [dict(meta or {}) for meta in got["metadatas"] or []]
        texts: dict[str, str] = {}
        if with_text and got["ids"]:
            wanted = [
                text_id(doc_id, str(meta.get("content_hash", "")))
                for doc_id, meta in zip(got["ids"], metas, strict=True)
            ]
            found = self._texts.get(ids=wanted, include=["metadatas"])
            by_id = {
                tid: str((meta or {}).get(TEXT_KEY, ""))
                for tid, meta in zip(found["ids"], found["metadatas"] or [], strict=False)
            }
            texts = {d: by_id.get(tid, "") for d, tid in zip(got["ids"], wanted, strict=True)}
        return {
            doc_id: StoredDocument(doc_id=doc_id, text=texts.get(doc_id, ""), metadata=meta)
            for doc_id, meta in zip(got["ids"], metas, strict=True)
        }

    @store_errors("query chunks")
    def query(
        self, embedding: Sequence[float], top_k: int, *, where: dict[str, Any] | None = None
    ) -> list[ChunkHit]:
        """Nearest chunks; `where` is a Chroma metadata filter (e.g. on `source` or `doc_id`)."""
        if top_k <= 0 or self.chunk_count() == 0:
            return []
        got = self._chunks.query(
            query_embeddings=[list(embedding)],
            n_results=top_k,
            where=where or None,
            include=["metadatas", "distances"],
        )
        return [
            chunk_hit(cid, meta, 1.0 - float(dist))
            for cid, meta, dist in zip(
                got["ids"][0], got["metadatas"][0], got["distances"][0], strict=False
            )
        ]

    @store_errors("query chunks")
    def nearest(
        self, embedding: Sequence[float], top_k: int, *, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """Ids and cosine similarities only: ~10x cheaper than `query` for long candidate lists."""
        if top_k <= 0:
            return []
        got = self._chunks.query(
            query_embeddings=[list(embedding)], n_results=top_k, where=where, include=["distances"]
        )
        return [
            (cid, 1.0 - float(dist))
            for cid, dist in zip(got["ids"][0], got["distances"][0], strict=False)
        ]

    @store_errors("read chunks")
    def document_chunks(self, doc_id: str) -> list[ChunkHit]:
        """Every chunk of a committed document, in order, with sentence vectors: a whole
        article, for an answer about the article rather than the few chunks a search found."""
        got = self._docs.get(ids=[doc_id], include=["metadatas"])
        if not got["ids"]:
            return []
        meta = dict((got["metadatas"] or [{}])[0] or {})
        content_hash, count = str(meta.get("content_hash", "")), int(meta.get("chunks") or 0)
        ids = [version_chunk_id(doc_id, content_hash, i) for i in range(count)]
        found = self.get_chunks(ids)
        return [found[cid] for cid in ids if cid in found]

    @store_errors("count chunks")
    def chunk_count(self) -> int:
        return int(self._chunks.count())

    @store_errors("read chunks")
    def get_chunks(self, chunk_ids: Sequence[str], *, keep: bool = True) -> dict[str, ChunkHit]:
        """Chunks by id (score 0); ids that no longer exist are simply absent. `keep=False`
        leaves out the sentence vectors (for derived indexes)."""
        chunks: dict[str, ChunkHit] = {}
        for begin in range(0, len(chunk_ids), _READ_PAGE):
            page = list(chunk_ids[begin : begin + _READ_PAGE])
            got = self._chunks.get(ids=page, include=["metadatas"])
            for cid, meta in zip(got["ids"], got["metadatas"] or [], strict=False):
                chunks[cid] = chunk_hit(cid, meta, keep=keep)
        return chunks

    @store_errors("read chunk ids")
    def chunk_ids(self) -> list[str]:
        """Every chunk's id, committed or not, in the order `all_chunks` reads them."""
        ids: list[str] = []
        while True:
            got = self._chunks.get(include=[], limit=_READ_PAGE, offset=len(ids))
            ids += got["ids"]
            if len(got["ids"]) < _READ_PAGE:
                return ids

    @store_errors("read chunks")
    def all_chunks(self) -> list[ChunkHit]:
        """Every chunk with text and metadata but no sentence vectors, committed or not (a
        whole-store read: derived indexes catch up by ids instead; tests compare with it)."""
        chunks: dict[str, ChunkHit] = {}
        offset = 0
        while True:
            got = self._chunks.get(include=["metadatas"], limit=_READ_PAGE, offset=offset)
            for cid, meta in zip(got["ids"], got["metadatas"] or [], strict=False):
                chunks[cid] = chunk_hit(cid, meta, keep=False)
            if len(got["ids"]) < _READ_PAGE:
                return list(chunks.values())
            offset += _READ_PAGE

    @store_errors("read the collection state")
    def chunk_fingerprint(self) -> str:
        """Changes whenever the chunk collection may have changed, in any process sharing it.

        Chunk count plus a random generation token rewritten after every write and delete;
        random rather than a counter, so two writers racing can never produce the same value.
        """
        return f"{self.chunk_count()}:{self.generation()}"

    @store_errors("read the collection state")
    def generation(self) -> str:
        """The random token every write and delete rewrites, before and after: one read that
        tells whether the chunks changed between two moments (the count guards crashed writes
        too; `chunk_fingerprint`)."""
        docs = self._client.get_collection(
            documents_collection_name(self.name), embedding_function=None
        )
        return str((docs.metadata or {}).get(GENERATION_KEY, ""))

    @store_errors("count documents")
    def document_count(self) -> int:
        return int(self._docs.count())

    @store_errors("list documents")
    def list_documents(self, *, limit: int, offset: int = 0) -> list[StoredDocument]:
        """A page of document records, metadata only."""
        got = self._docs.get(include=["metadatas"], limit=limit, offset=offset)
        return [
            StoredDocument(doc_id=doc_id, text="", metadata=dict(meta or {}))
            for doc_id, meta in zip(got["ids"], got["metadatas"] or [], strict=False)
        ]

    @store_errors("search documents")
    def find_documents(
        self, title_contains: str, *, limit: int, offset: int = 0
    ) -> tuple[list[StoredDocument], int]:
        """A page of the document records whose title contains the text (any case), and how
        many there are in all."""
        wanted = title_contains.casefold()
        found = [
            StoredDocument(doc_id=doc_id, text="", metadata=meta)
            for doc_id, meta in self._document_records()
            if wanted in str(meta.get("title", doc_id)).casefold()
        ]
        return found[offset : offset + limit], len(found)

    @store_errors("count sources")
    def source_counts(self) -> dict[str, int]:
        """Documents per source name."""
        counts: dict[str, int] = {}
        for _, meta in self._document_records():
            source = str(meta.get("source", ""))
            counts[source] = counts.get(source, 0) + 1
        return counts
