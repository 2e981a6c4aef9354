"""The Chroma store: one collection of chunk vectors and one of whole documents.

The document record is written after its chunks and acts as the commit marker: a chunk counts only
while its `content_hash` equals its document record's. So an interrupted or in-progress re-ingest
never shows a half-written document, and old chunks keep answering until the new ones are complete.
Embeddings are always passed explicitly: Chroma's default embedding function downloads a model.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import StoreError
from index.chunker import Chunk
from index.document import SourceDocument

_DOCS_SUFFIX = "-documents"
_PLACEHOLDER_VECTOR = [1.0]  # document records are looked up by id only
_WRITE_BATCH = 1000


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
class ChunkHit:
    chunk_id: str
    text: str
    score: float  # cosine similarity
    metadata: dict[str, Any]


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


class ChromaStore:
    def __init__(self, client: Any, name: str) -> None:
        self.name = name
        try:
            self._chunks = client.get_or_create_collection(
                name, metadata={"hnsw:space": "cosine"}, embedding_function=None
            )
            self._docs = client.get_or_create_collection(
                name + _DOCS_SUFFIX, embedding_function=None
            )
        except Exception as exc:
            raise StoreError(f"cannot open collection {name!r}: {exc}") from None

    # -- reading ---------------------------------------------------------------------------

    def document_hashes(self) -> dict[str, str]:
        """doc_id → content hash of every committed document."""
        got = self._docs.get(include=["metadatas"])
        return {
            doc_id: str((meta or {}).get("content_hash", ""))
            for doc_id, meta in zip(got["ids"], got["metadatas"] or [], strict=False)
        }

    def document_paths(self) -> dict[str, str]:
        """doc_id → file path, for documents that came from a file."""
        got = self._docs.get(include=["metadatas"])
        return {
            doc_id: str(meta["path"])
            for doc_id, meta in zip(got["ids"], got["metadatas"] or [], strict=False)
            if meta and meta.get("path")
        }

    def get_documents(
        self, doc_ids: Iterable[str], *, with_text: bool = True
    ) -> dict[str, StoredDocument]:
        ids = sorted(set(doc_ids))
        if not ids:
            return {}
        include = ["metadatas", "documents"] if with_text else ["metadatas"]
        got = self._docs.get(ids=ids, include=include)
        texts = got.get("documents") or [""] * len(got["ids"])
        return {
            doc_id: StoredDocument(doc_id=doc_id, text=text or "", metadata=dict(meta or {}))
            for doc_id, text, meta in zip(got["ids"], texts, got["metadatas"] or [], strict=False)
        }

    def query(self, embedding: Sequence[float], top_k: int) -> list[ChunkHit]:
        if top_k <= 0 or self.chunk_count() == 0:
            return []
        got = self._chunks.query(
            query_embeddings=[list(embedding)],
            n_results=top_k,
            include=["documents", "metadatas", "distances"],
        )
        return [
            ChunkHit(
                chunk_id=cid, text=text or "", score=1.0 - float(dist), metadata=dict(meta or {})
            )
            for cid, text, meta, dist in zip(
                got["ids"][0],
                got["documents"][0],
                got["metadatas"][0],
                got["distances"][0],
                strict=False,
            )
        ]

    def chunk_count(self) -> int:
        return int(self._chunks.count())

    def document_count(self) -> int:
        return int(self._docs.count())

    def list_documents(self, *, limit: int, offset: int = 0) -> list[StoredDocument]:
        """A page of document records, metadata only."""
        got = self._docs.get(include=["metadatas"], limit=limit, offset=offset)
        return [
            StoredDocument(doc_id=doc_id, text="", metadata=dict(meta or {}))
            for doc_id, meta in zip(got["ids"], got["metadatas"] or [], strict=False)
        ]

    # -- writing ---------------------------------------------------------------------------

    def write_document(
        self, doc: SourceDocument, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]]
    ) -> None:
        """Chunks first, then the document record (the commit), then the old version's chunks go."""
        base = doc.metadata()
        ids = [chunk_id(doc, chunk.index) for chunk in chunks]
        metadatas = [
            {**base, "chunk_index": c.index, "start": c.start, "end": c.end} for c in chunks
        ]
        for begin in range(0, len(ids), _WRITE_BATCH):
            end = begin + _WRITE_BATCH
            self._chunks.upsert(
                ids=ids[begin:end],
                embeddings=[list(v) for v in vectors[begin:end]],
                documents=[c.text for c in chunks[begin:end]],
                metadatas=metadatas[begin:end],
            )
        self._docs.upsert(
            ids=[doc.doc_id],
            embeddings=[_PLACEHOLDER_VECTOR],
            documents=[doc.text],
            metadatas=[{**base, "chunks": len(chunks)}],
        )
        self._chunks.delete(
            where={"$and": [{"doc_id": doc.doc_id}, {"content_hash": {"$ne": doc.content_hash}}]}
        )

    def delete_document(self, doc_id: str) -> None:
        """Record first, so the chunks stop counting at once; then the chunks."""
        self._docs.delete(ids=[doc_id])
        self._chunks.delete(where={"doc_id": doc_id})


def chunk_id(doc: SourceDocument, index: int) -> str:
    """Ids carry the content hash, so a new version never overwrites the live one."""
    return f"{doc.doc_id}#{doc.content_hash[:16]}#{index}"
