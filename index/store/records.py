"""What the store hands out and takes in: documents, documents ready to write, chunk hits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from index.chunker import Chunk
from index.document import SourceDocument
from index.sentence_vectors import METADATA_KEY
from index.store.layout import TEXT_KEY


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


def chunk_hit(chunk_id: str, meta: Any, score: float = 0.0, *, keep: bool = True) -> ChunkHit:
    """A stored chunk, its text taken out of the metadata. `keep=False` also leaves out the
    sentence vectors: they are for answering the few retrieved chunks, not for derived indexes."""
    metadata = dict(meta or {})
    text = metadata.pop(TEXT_KEY, "")
    if not keep:
        metadata.pop(METADATA_KEY, None)
    return ChunkHit(chunk_id=chunk_id, text=str(text), score=score, metadata=metadata)
