"""The Chroma store: a collection of chunk vectors, one of document records, one of their texts.

The document record is written after its chunks and acts as the commit marker: a chunk counts only
while its `content_hash` equals its document record's. So an interrupted or in-progress re-ingest
never shows a half-written document, and old chunks keep answering until the new ones are complete.
Embeddings are always passed explicitly: Chroma's default embedding function downloads a model.

A chunk's text is stored as metadata (`text`), not as a Chroma document: Chroma runs every
document through a trigram full-text index we never query, which made a chunk's write about
40 % dearer. Chunks written before (text as document) still read, so no re-index is needed.
For the same reason a document's text has a collection of its own, as metadata, one record per
version (`<doc_id>#<hash>`, like chunks): a re-ingest in progress never shows the new text beside
the old chunks, and listing the document records reads no text. Texts written as documents of
the record (before) still read.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec, TypeVar
from urllib.parse import urlsplit
from uuid import uuid4

import numpy as np

from assistant.errors import AssistantError, StoreError
from index.chunker import Chunk
from index.document import SourceDocument
from index.sentence_vectors import METADATA_KEY

P = ParamSpec("P")
R = TypeVar("R")

_DOCS_SUFFIX = "-documents"
_TEXTS_SUFFIX = "-texts"
_PLACEHOLDER_VECTOR = [1.0]  # document records are looked up by id only
_CHUNK_KEYS = frozenset({"doc_id", "title", "source", "published", "content_hash"})
_WRITE_BATCH = 1000
_READ_PAGE = 5000
_CLEANUP_KEY = "cleanup"  # on a document record: its old version's chunks may still exist
_GENERATION_KEY = "generation"  # on the document collection; rewritten after every change
# On a document record: how its chunks were indexed. A record of another format reads as changed,
# so the next ingest re-indexes it (format 2 added the per-sentence vectors).
_FORMAT_KEY = "index_format"
INDEX_FORMAT = 2  # chunk text moved into metadata without a new format: both layouts read
_TEXT_KEY = "text"


@dataclass(frozen=True)
class StoredDocument:
    doc_id: str
    text: str
    metadata: dict[str, Any]

    @property
    def content_hash(self) -> str:
        return str(self.metadata.get("content_hash", ""))

    @property
    def title(self) -> str:
        return str(self.metadata.get("title", self.doc_id))

    @property
    def source(self) -> str:
        return str(self.metadata.get("source", self.doc_id))


@dataclass(frozen=True)
class EmbeddedDocument:
    """A document ready to store: its chunks, their vectors and (optionally) sentence vectors."""

    doc: SourceDocument
    chunks: Sequence[Chunk]
    vectors: Sequence[Sequence[float]] | np.ndarray  # one row per chunk
    sentence_vectors: Sequence[str] = ()  # one encoded string per chunk; empty: none stored


@dataclass(frozen=True)
class ChunkHit:
    chunk_id: str
    text: str
    score: float  # cosine similarity
    metadata: dict[str, Any]


def _chunk_hit(
    chunk_id: str, document: str | None, meta: Any, score: float = 0.0, *, keep: bool = True
) -> ChunkHit:
    """A stored chunk; its text comes out of the metadata (or, in older stores, the document).
    `keep=False` also leaves out the sentence vectors (for derived indexes, not answering)."""
    metadata = dict(meta or {})
    text = metadata.pop(_TEXT_KEY, None)
    if not keep:
        metadata.pop(METADATA_KEY, None)
    return ChunkHit(
        chunk_id=chunk_id, text=str(text or document or ""), score=score, metadata=metadata
    )


def _store_errors(action: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Chroma's own exceptions (SQLite, HNSW, HTTP to a server) become one-line StoreErrors."""

    def wrap(method: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(method)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return method(*args, **kwargs)
            except AssistantError:
                raise
            except Exception as exc:
                reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
                raise StoreError(f"cannot {action} in Chroma: {reason}") from exc

        return guarded

    return wrap


def open_client(path: Path) -> Any:
    """An embedded Chroma client under `path`, telemetry off."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    try:
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(
            path=str(path), settings=ChromaSettings(anonymized_telemetry=False)
        )
    except Exception as exc:
        raise StoreError(f"cannot open the Chroma store at {path}: {exc}") from None


def open_server_client(
    url: str,
    *,
    headers: dict[str, str] | None = None,
    tenant: str = "default_tenant",
    database: str = "default_database",
) -> Any:
    """A client of a Chroma server (`chroma run`) that every API worker and host can share."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    parts = urlsplit(url)
    secure = parts.scheme == "https"
    try:
        return chromadb.HttpClient(
            host=parts.hostname or "localhost",
            port=parts.port or (443 if secure else 80),
            ssl=secure,
            headers=headers or None,
            tenant=tenant,
            database=database,
            settings=ChromaSettings(anonymized_telemetry=False),
        )
    except Exception as exc:
        raise StoreError(f"cannot reach the Chroma server at {url}: {exc}") from None


class ChromaStore:
    def __init__(self, client: Any, name: str) -> None:
        self.name = name
        self._client = client
        try:
            self._chunks = client.get_or_create_collection(
                name, metadata={"hnsw:space": "cosine"}, embedding_function=None
            )
            self._docs = client.get_or_create_collection(
                documents_collection_name(name), embedding_function=None
            )
            self._texts = client.get_or_create_collection(
                name + _TEXTS_SUFFIX, embedding_function=None
            )
        except Exception as exc:
            raise StoreError(f"cannot open collection {name!r}: {exc}") from None

    @property
    def client(self) -> Any:
        """The Chroma client underneath (embedded or server), for tools and tests."""
        return self._client

    # -- reading ---------------------------------------------------------------------------

    @_store_errors("read the document list")
    def document_hashes(self) -> dict[str, str]:
        """doc_id → content hash of every committed document ("" when indexed in an old format)."""
        hashes = {}
        for doc_id, meta in self._document_records():
            current = meta.get(_FORMAT_KEY) == INDEX_FORMAT
            hashes[doc_id] = str(meta.get("content_hash", "")) if current else ""
        return hashes

    @_store_errors("read the document list")
    def document_paths(self) -> dict[str, str]:
        """doc_id → file path, for documents that came from a file."""
        return {
            doc_id: str(meta["path"])
            for doc_id, meta in self._document_records()
            if meta.get("path")
        }

    def _document_records(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every document record's id and metadata, read in pages (see `all_chunks`)."""
        offset = 0
        while True:
            got = self._docs.get(include=["metadatas"], limit=_READ_PAGE, offset=offset)
            for doc_id, meta in zip(got["ids"], got["metadatas"] or [], strict=False):
                yield doc_id, dict(meta or {})
            if len(got["ids"]) < _READ_PAGE:
                return
            offset += _READ_PAGE

    @_store_errors("read documents")
    def get_documents(
        self, doc_ids: Iterable[str], *, with_text: bool = True
    ) -> dict[str, StoredDocument]:
        ids = sorted(set(doc_ids))
        if not ids:
            return {}
        include = ["metadatas", "documents"] if with_text else ["metadatas"]
        got = self._docs.get(ids=ids, include=include)
        metas = [dict(meta or {}) for meta in got["metadatas"] or []]
        texts = got.get("documents") or [""] * len(got["ids"])
        if with_text and got["ids"]:  # each version's text; older stores kept it on the record
            wanted = [
                text_id(d, str(m.get("content_hash", "")))
                for d, m in zip(got["ids"], metas, strict=True)
            ]
            found = self._texts.get(ids=wanted, include=["metadatas"])
            by_id = {
                tid: (m or {}).get(_TEXT_KEY)
                for tid, m in zip(found["ids"], found["metadatas"] or [], strict=False)
            }
            texts = [by_id.get(tid) or text for tid, text in zip(wanted, texts, strict=True)]
        return {
            doc_id: StoredDocument(doc_id=doc_id, text=text or "", metadata=meta)
            for doc_id, text, meta in zip(got["ids"], texts, metas, strict=False)
        }

    @_store_errors("query chunks")
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
            include=["documents", "metadatas", "distances"],
        )
        return [
            _chunk_hit(cid, text, meta, 1.0 - float(dist))
            for cid, text, meta, dist in zip(
                got["ids"][0],
                got["documents"][0],
                got["metadatas"][0],
                got["distances"][0],
                strict=False,
            )
        ]

    @_store_errors("query chunks")
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

    @_store_errors("count chunks")
    def chunk_count(self) -> int:
        return int(self._chunks.count())

    @_store_errors("read chunks")
    def get_chunks(self, chunk_ids: Sequence[str], *, keep: bool = True) -> dict[str, ChunkHit]:
        """Chunks by id (score 0); ids that no longer exist are simply absent. `keep=False`
        leaves out the sentence vectors (for derived indexes). Read in pages, like `all_chunks`."""
        chunks: dict[str, ChunkHit] = {}
        for begin in range(0, len(chunk_ids), _READ_PAGE):
            got = self._chunks.get(
                ids=list(chunk_ids[begin : begin + _READ_PAGE]), include=["documents", "metadatas"]
            )
            for cid, text, meta in zip(
                got["ids"], got["documents"] or [], got["metadatas"] or [], strict=False
            ):
                chunks[cid] = _chunk_hit(cid, text, meta, keep=keep)
        return chunks

    @_store_errors("read chunk ids")
    def chunk_ids(self) -> list[str]:
        """Every chunk's id, committed or not, in the order `all_chunks` reads them."""
        ids: list[str] = []
        while True:
            got = self._chunks.get(include=[], limit=_READ_PAGE, offset=len(ids))
            ids += got["ids"]
            if len(got["ids"]) < _READ_PAGE:
                return ids

    @_store_errors("read chunks")
    def all_chunks(self) -> list[ChunkHit]:
        """Every chunk with text and metadata, committed or not: what derived indexes read.

        Read in pages: one unbounded `get` fails past ~32k chunks (SQLite's variable limit).
        """
        chunks: dict[str, ChunkHit] = {}
        offset = 0
        while True:
            got = self._chunks.get(
                include=["documents", "metadatas"], limit=_READ_PAGE, offset=offset
            )
            for cid, text, meta in zip(
                got["ids"], got["documents"] or [], got["metadatas"] or [], strict=False
            ):
                # Sentence vectors are for answering the few retrieved chunks, not for indexes.
                chunks[cid] = _chunk_hit(cid, text, meta, keep=False)
            if len(got["ids"]) < _READ_PAGE:
                return list(chunks.values())
            offset += _READ_PAGE

    @_store_errors("read the collection state")
    def chunk_fingerprint(self) -> str:
        """Changes whenever the chunk collection may have changed, in any process sharing it.

        Chunk count plus a random generation token rewritten after every write and delete;
        random rather than a counter, so two writers racing can never produce the same value.
        """
        return f"{self.chunk_count()}:{self.generation()}"

    @_store_errors("read the collection state")
    def generation(self) -> str:
        """The random token every write and delete rewrites, before and after: one read that
        tells whether the chunks changed between two moments (the count guards crashed writes
        too; `chunk_fingerprint`)."""
        docs = self._client.get_collection(
            documents_collection_name(self.name), embedding_function=None
        )
        return str((docs.metadata or {}).get(_GENERATION_KEY, ""))

    @_store_errors("count documents")
    def document_count(self) -> int:
        return int(self._docs.count())

    @_store_errors("list documents")
    def list_documents(self, *, limit: int, offset: int = 0) -> list[StoredDocument]:
        """A page of document records, metadata only."""
        got = self._docs.get(include=["metadatas"], limit=limit, offset=offset)
        return [
            StoredDocument(doc_id=doc_id, text="", metadata=dict(meta or {}))
            for doc_id, meta in zip(got["ids"], got["metadatas"] or [], strict=False)
        ]

    # -- writing ---------------------------------------------------------------------------

    def write_document(
        self,
        doc: SourceDocument,
        chunks: Sequence[Chunk],
        vectors: Sequence[Sequence[float]] | np.ndarray,
        sentence_vectors: Sequence[str] = (),
    ) -> list[ChunkHit]:
        """Chunks first, then the document record (the commit), then the old version's chunks go.

        The record is committed with `cleanup` set and cleared once the old chunks are gone, so a
        crash between the two is finished by the next ingest (`finish_interrupted_writes`).
        `sentence_vectors`, one encoded string per chunk (`index.sentence_vectors`), ride along.
        """
        return self.write_documents([EmbeddedDocument(doc, chunks, vectors, sentence_vectors)])

    @_store_errors("write documents")
    def write_documents(self, items: Sequence[EmbeddedDocument]) -> list[ChunkHit]:
        """`write_document` for several documents with one call per step instead of per document.

        Same order, so the same guarantees: every chunk of the group, then every record (the
        commits, `cleanup` set), then the stale chunks go, then `cleanup` is cleared. Chroma's cost
        is mostly per call, so an ingest writes in groups (a few times less CPU). Returns the
        chunks as stored, without sentence vectors (as `all_chunks` would read them back), so
        derived indexes can learn them without a read.
        """
        if not items:
            return []
        self._new_generation()  # derived indexes must rebuild even if this write is cut short
        bases = [item.doc.metadata() for item in items]
        # Chroma stores one row per metadata key per chunk: chunks carry only what retrieval
        # and answering read; the rest (path, url, author) lives on the document record.
        chunk_bases = [{k: v for k, v in base.items() if k in _CHUNK_KEYS} for base in bases]
        ids: list[str] = []
        vectors: list[np.ndarray] = []
        metadatas: list[dict[str, Any]] = []
        for item, base in zip(items, chunk_bases, strict=True):
            ids += [chunk_id(item.doc, chunk.index) for chunk in item.chunks]
            if item.chunks:
                vectors.append(np.asarray(item.vectors, dtype=np.float32))  # (chunks, dimensions)
            blobs = list(item.sentence_vectors) or [""] * len(item.chunks)
            metadatas += [
                {**base, "start": c.start, "end": c.end, _TEXT_KEY: c.text}
                | ({METADATA_KEY: blob} if blob else {})
                for c, blob in zip(item.chunks, blobs, strict=True)
            ]
        embeddings = np.concatenate(vectors) if vectors else np.zeros((0, 0), dtype=np.float32)
        for begin in range(0, len(ids), _WRITE_BATCH):
            end = begin + _WRITE_BATCH
            self._chunks.upsert(
                ids=ids[begin:end], embeddings=embeddings[begin:end], metadatas=metadatas[begin:end]
            )
        doc_ids = [item.doc.doc_id for item in items]
        records = [
            {**base, "chunks": len(item.chunks), _FORMAT_KEY: INDEX_FORMAT}
            for item, base in zip(items, bases, strict=True)
        ]
        self._texts.upsert(
            ids=[text_id(item.doc.doc_id, item.doc.content_hash) for item in items],
            embeddings=[_PLACEHOLDER_VECTOR] * len(items),
            metadatas=[
                {"doc_id": item.doc.doc_id, "content_hash": item.doc.content_hash}
                | {_TEXT_KEY: item.doc.text}
                for item in items
            ],
        )
        self._docs.upsert(
            ids=doc_ids,
            embeddings=[_PLACEHOLDER_VECTOR] * len(items),
            metadatas=[{**record, _CLEANUP_KEY: True} for record in records],
        )
        self._drop_stale_chunks({item.doc.doc_id: item.doc.content_hash for item in items})
        # Chroma merges an update into the stored metadata: one key to rewrite, not the record.
        self._docs.update(ids=doc_ids, metadatas=[{_CLEANUP_KEY: False}] * len(doc_ids))
        self._new_generation()
        return [
            _chunk_hit(cid, None, meta, keep=False)
            for cid, meta in zip(ids, metadatas, strict=True)
        ]

    @_store_errors("delete a document")
    def delete_document(self, doc_id: str) -> None:
        """Chunks first, then the record, then the text: a crash in between leaves a record with
        no chunks, which answers nothing and which the next delete or prune removes."""
        self._new_generation()
        self._chunks.delete(where={"doc_id": doc_id})
        self._docs.delete(ids=[doc_id])
        self._texts.delete(where={"doc_id": doc_id})
        self._new_generation()

    @_store_errors("finish interrupted writes")
    def finish_interrupted_writes(self) -> list[str]:
        """Remove the old chunks of documents whose last write stopped after its commit."""
        got = self._docs.get(where={_CLEANUP_KEY: True}, include=["metadatas"])
        finished = []
        for doc_id, meta in zip(got["ids"], got["metadatas"] or [], strict=False):
            meta = dict(meta or {})
            self._drop_stale_chunks({doc_id: str(meta.get("content_hash", ""))})
            self._docs.update(ids=[doc_id], metadatas=[{_CLEANUP_KEY: False}])
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
        """Tell derived indexes (BM25) in every process that the chunks changed."""
        self._docs.modify(metadata={_GENERATION_KEY: uuid4().hex})


def collection_names(name: str) -> list[str]:
    """Every Chroma collection a store of this name uses (chunks, document records, texts)."""
    return [name, documents_collection_name(name), name + _TEXTS_SUFFIX]


def documents_collection_name(name: str) -> str:
    """The collection of document records; its metadata carries the store's generation token."""
    return name + _DOCS_SUFFIX


def text_id(doc_id: str, content_hash: str) -> str:
    """One version of a document's text."""
    return f"{doc_id}#{content_hash[:16]}"


def chunk_id(doc: SourceDocument, index: int) -> str:
    """Ids carry the content hash, so a new version never overwrites the live one."""
    return f"{doc.doc_id}#{doc.content_hash[:16]}#{index}"
