"""One built BM25 index over a set of chunk rows, with what searches filter on; replaced whole,
so a search never sees half a rebuild."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from index.chunk_filter import DATE_CHARS, ChunkFilter
from index.lexical.bm25 import ArrayBM25
from index.lexical.rows import Row
from index.near_duplicates import SKETCH_SIZE


@dataclass(frozen=True)
class Snapshot:
    key: str  # the store's chunk fingerprint and the BM25 parameters it was built at
    bm25: Any  # bm25s.BM25, or None for an empty store
    chunk_ids: list[str]
    doc_ids: np.ndarray
    sources: np.ndarray
    days: np.ndarray  # published date, YYYY-MM-DD, or ""
    signatures: np.ndarray  # one MinHash sketch (row) per chunk
    rows: dict[str, int]

    @classmethod
    def of(
        cls,
        key: str,
        bm25: Any,
        chunk_ids: list[str],
        doc_ids: list[str],
        sources: list[str],
        days: list[str],
        signatures: np.ndarray,
    ) -> Snapshot:
        return cls(
            key=key,
            bm25=bm25,
            chunk_ids=chunk_ids,
            doc_ids=np.array(doc_ids, dtype=str),
            sources=np.array(sources, dtype=str),
            days=np.array(days, dtype=str),
            signatures=signatures,
            rows={cid: row for row, cid in enumerate(chunk_ids)},
        )

    def mask(self, where: ChunkFilter | None) -> np.ndarray | None:
        """BM25 weights that keep only the chunks `where` allows; None keeps every chunk."""
        if where is None:
            return None
        mask = np.ones(len(self.chunk_ids), dtype=bool)
        if where.sources is not None:
            mask &= np.isin(self.sources, where.allowed_sources(np.unique(self.sources).tolist()))
        if where.by_date:
            mask &= self.days != ""
        if where.published_from is not None:
            mask &= self.days >= where.published_from[:DATE_CHARS]
        if where.published_to is not None:
            mask &= self.days <= where.published_to[:DATE_CHARS]
        if where.not_after is not None:  # "" sorts first: undated chunks pass
            mask &= self.days <= where.not_after[:DATE_CHARS]
        return mask.astype(np.float32)


def build_snapshot(
    key: str, ids: list[str], rows: list[Row], vocabulary: list[str], *, k1: float, b: float
) -> Snapshot:
    bm25 = None
    if rows:
        # Only the terms these rows use, numbered afresh: the index is the same as one built
        # from their texts, whatever else was ever learned.
        used, compact = np.unique(np.concatenate([row.terms for row in rows]), return_inverse=True)
        ends = np.cumsum([len(row.terms) for row in rows])[:-1]
        corpus = np.split(compact.astype(np.int64), ends)
        vocab = {vocabulary[term]: number for number, term in enumerate(used.tolist())}
        if not vocab:  # no chunk has a term: one placeholder keeps bm25s' shapes valid
            vocab = {"": 0}
        bm25 = ArrayBM25(k1=k1, b=b)
        bm25.index((corpus, vocab), show_progress=False)
    return Snapshot.of(
        key,
        bm25,
        ids,
        [row.doc_id for row in rows],
        [row.source for row in rows],
        [row.day for row in rows],
        np.array([row.signature for row in rows], dtype=np.uint32).reshape(len(rows), SKETCH_SIZE),
    )
