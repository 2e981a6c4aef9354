"""What the BM25 index keeps of every chunk, by chunk id: its terms and near-duplicate sketch.

A chunk id names one version of one text, so a row never goes stale: rows are learned as an
ingest writes chunks (or read once), and a rebuild tokenizes only chunks it has not seen.
Terms: title and chunk text, lower-cased, English stop words dropped, Snowball-stemmed.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

import bm25s
import numpy as np
import Stemmer

from index.chunk_filter import DATE_CHARS
from index.near_duplicates import signature
from index.store import ChunkHit


@dataclass(frozen=True)
class Row:
    """What the index keeps of one chunk."""

    terms: np.ndarray  # int32 ids into `ChunkRows.vocabulary`, in text order
    signature: np.ndarray  # MinHash sketch
    doc_id: str
    source: str
    day: str  # published date, YYYY-MM-DD, or ""


class ChunkRows:
    """Rows by chunk id and the vocabulary their terms index; learned on an ingest's writer
    thread while questions read them, hence the lock."""

    def __init__(self, *, title_weight: int) -> None:
        self._title_weight = title_weight
        self._stemmer = Stemmer.Stemmer("english")
        self._rows: dict[str, Row] = {}
        self._term_ids: dict[str, int] = {}  # every term any row uses
        self._vocabulary: list[str] = []  # term by id
        self._lock = threading.Lock()

    @property
    def vocabulary(self) -> list[str]:
        """Term by id; append-only, so safe to read without the lock."""
        return self._vocabulary

    def terms(self, texts: list[str]) -> list[list[str]]:
        tokens: list[list[str]] = bm25s.tokenize(
            texts, stopwords="en", stemmer=self._stemmer, return_ids=False, show_progress=False
        )
        return tokens

    def known(self) -> set[str]:
        with self._lock:
            return set(self._rows)

    def learn(self, chunks: Sequence[ChunkHit]) -> None:
        texts = [
            "\n".join([str(c.metadata.get("title", ""))] * self._title_weight + [c.text])
            for c in chunks
        ]
        terms = self.terms(texts) if texts else []
        sketches = [signature(c.text) for c in chunks]
        with self._lock:
            for chunk, words, sketch in zip(chunks, terms, sketches, strict=True):
                self._rows[chunk.chunk_id] = Row(
                    terms=np.fromiter(map(self._term_id, words), dtype=np.int32, count=len(words)),
                    signature=sketch,
                    doc_id=str(chunk.metadata.get("doc_id", "")),
                    source=str(chunk.metadata.get("source", "")),
                    day=str(chunk.metadata.get("published") or "")[:DATE_CHARS],
                )

    def settle(self, ids: list[str], known: set[str]) -> tuple[list[str], list[Row]]:
        """The rows of `ids`, in order, after forgetting the rows of `known` not among them
        (rows learned since `known` was taken stay); ids deleted while being read are left out."""
        with self._lock:
            for gone in known.difference(ids):
                del self._rows[gone]
            kept = [cid for cid in ids if cid in self._rows]
            return kept, [self._rows[cid] for cid in kept]

    def _term_id(self, term: str) -> int:
        """The term's id, a new one for a new term (caller holds the lock)."""
        found = self._term_ids.get(term)
        if found is None:
            found = self._term_ids[term] = len(self._vocabulary)
            self._vocabulary.append(term)
        return found
