"""BM25 over every chunk in the store, derived from Chroma so that it cannot disagree with it.

Design:
- Chroma's chunk collection is the only truth; this index is a cache of it, rebuilt whole from
  the collection (ids, texts, titles) whenever `ChromaStore.chunk_fingerprint()` differs from the
  fingerprint it was built at. The fingerprint is the chunk count plus a random generation token
  that the store rewrites after every write and delete, whichever process made them.
- Every search compares fingerprints first (one small Chroma call), so several API workers
  sharing one Chroma server each keep their own copy in step without talking to each other.
- A rebuild is cheap at our scale (SciFact's 5,183 abstracts in a few seconds) and runs at the end
  of every ingest that changed something, so questions rarely wait for one.
- Saved under `<data_dir>/lexical/<collection>/` (bm25s arrays plus chunk ids and the metadata
  filters need) and swapped in by rename; a new process loads it when the fingerprint matches.
- Terms: title and chunk text, lower-cased, English stop words dropped, Snowball-stemmed.
- Searches return chunk ids only; callers read texts from Chroma and keep committed chunks, so a
  row gone stale between two fingerprint checks can at worst be dropped, never served.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import uuid4

import bm25s
import numpy as np
import Stemmer

from index.chunk_filter import DATE_CHARS, ChunkFilter
from index.near_duplicates import SKETCH_SIZE, signature
from index.store import ChromaStore, ChunkHit

log = logging.getLogger(__name__)
logging.getLogger("bm25s").setLevel(logging.WARNING)  # it sets DEBUG on itself at import
_MANIFEST = "chunks.json"
_SIGNATURES = "signatures.npy"
_BM25_DIR = "bm25"


@dataclass(frozen=True)
class LexicalHit:
    chunk_id: str
    doc_id: str
    score: float


@dataclass(frozen=True)
class _Snapshot:
    """One built index; replaced whole, so a search never sees half a rebuild."""

    key: str
    bm25: Any  # bm25s.BM25, or None for an empty store
    chunk_ids: list[str]
    doc_ids: np.ndarray
    sources: np.ndarray
    days: np.ndarray  # published date, YYYY-MM-DD, or ""
    signatures: np.ndarray  # one MinHash sketch (row) per chunk
    rows: dict[str, int]


class LexicalIndex:
    def __init__(
        self, store: ChromaStore, folder: Path, *, k1: float, b: float, title_weight: int
    ) -> None:
        self._store = store
        self._folder = folder
        self.k1, self.b, self.title_weight = k1, b, title_weight
        self._stemmer = Stemmer.Stemmer("english")
        self._snapshot: _Snapshot | None = None
        self._lock = threading.Lock()

    # -- reading -------------------------------------------------------------------------------

    def search(
        self, query: str, top_k: int, *, where: ChunkFilter | None = None
    ) -> list[LexicalHit]:
        """Best-scoring chunks first; chunks sharing no term with the query are left out."""
        snap = self.current()
        terms = self._terms([query])[0]
        if snap.bm25 is None or not terms or top_k <= 0:
            return []
        mask = self._mask(snap, where)
        k = min(top_k, len(snap.chunk_ids))
        rows, scores = snap.bm25.retrieve(
            [terms], k=k, show_progress=False, n_threads=1, weight_mask=mask
        )
        return [
            LexicalHit(chunk_id=snap.chunk_ids[row], doc_id=str(snap.doc_ids[row]), score=score)
            for row, score in zip(rows[0].tolist(), scores[0].tolist(), strict=True)
            if score > 0
        ]

    def chunk_ids(self) -> frozenset[str]:
        return frozenset(self.current().chunk_ids)

    def signatures(self, chunk_ids: list[str]) -> dict[str, np.ndarray]:
        """Near-duplicate sketches of the chunks this index knows.

        No fingerprint check: a chunk id names one version of one text, so even a snapshot a
        moment old has the right sketch for every id it holds.
        """
        snap = self._snapshot or self.current()
        return {cid: snap.signatures[snap.rows[cid]] for cid in chunk_ids if cid in snap.rows}

    def doc_ids_matching(self, where: ChunkFilter) -> list[str]:
        snap = self.current()
        mask = self._mask(snap, where)
        return sorted(set(snap.doc_ids[mask > 0].tolist())) if mask is not None else []

    # -- keeping in step -----------------------------------------------------------------------

    def current(self) -> _Snapshot:
        """The index for the store as it is now: kept, loaded from disk, or rebuilt."""
        key = self._key()
        snap = self._snapshot
        if snap is not None and snap.key == key:
            return snap
        with self._lock:
            key = self._key()
            snap = self._snapshot
            if snap is None or snap.key != key:
                snap = self._load(key) or self._rebuild(key)
                self._snapshot = snap
            return snap

    def refresh(self) -> None:
        self.current()

    def _key(self) -> str:
        params = {"k1": self.k1, "b": self.b, "title_weight": self.title_weight, "stem": "english"}
        return json.dumps([self._store.chunk_fingerprint(), params], sort_keys=True)

    def _rebuild(self, key: str) -> _Snapshot:
        began = time.perf_counter()
        chunks = self._store.all_chunks()
        snap = self._build(key, chunks)
        self._save(snap)
        log.info("BM25 rebuilt: %d chunks in %.2f s", len(chunks), time.perf_counter() - began)
        return snap

    def _build(self, key: str, chunks: list[ChunkHit]) -> _Snapshot:
        bm25 = None
        if chunks:
            texts = [
                "\n".join([str(c.metadata.get("title", ""))] * self.title_weight + [c.text])
                for c in chunks
            ]
            tokens = bm25s.tokenize(
                texts, stopwords="en", stemmer=self._stemmer, show_progress=False
            )
            bm25 = bm25s.BM25(k1=self.k1, b=self.b)
            bm25.index(tokens, show_progress=False)
        return _snapshot(
            key,
            bm25,
            [c.chunk_id for c in chunks],
            [str(c.metadata.get("doc_id", "")) for c in chunks],
            [str(c.metadata.get("source", "")) for c in chunks],
            [str(c.metadata.get("published") or "")[:DATE_CHARS] for c in chunks],
            np.array([signature(c.text) for c in chunks], dtype=np.uint32).reshape(
                len(chunks), SKETCH_SIZE
            ),
        )

    def _terms(self, texts: list[str]) -> list[list[str]]:
        tokens: list[list[str]] = bm25s.tokenize(
            texts, stopwords="en", stemmer=self._stemmer, return_ids=False, show_progress=False
        )
        return tokens

    @staticmethod
    def _mask(snap: _Snapshot, where: ChunkFilter | None) -> np.ndarray | None:
        if where is None:
            return None
        mask = np.ones(len(snap.chunk_ids), dtype=bool)
        if where.sources is not None:
            mask &= np.isin(snap.sources, list(where.sources))
        if where.by_date:
            mask &= snap.days != ""
            if where.published_from is not None:
                mask &= snap.days >= where.published_from[:DATE_CHARS]
            if where.published_to is not None:
                mask &= snap.days <= where.published_to[:DATE_CHARS]
        return mask.astype(np.float32)

    # -- on disk -------------------------------------------------------------------------------

    def _save(self, snap: _Snapshot) -> None:
        """Write beside the live copy, then swap by rename; a lost race just keeps the other."""
        self._folder.parent.mkdir(parents=True, exist_ok=True)
        fresh = self._folder.with_name(f".{self._folder.name}.{uuid4().hex}")
        stale = self._folder.with_name(f".{self._folder.name}.old.{uuid4().hex}")
        try:
            fresh.mkdir()
            if snap.bm25 is not None:
                snap.bm25.save(str(fresh / _BM25_DIR), show_progress=False)
            np.save(fresh / _SIGNATURES, snap.signatures)
            manifest = {
                "key": snap.key,
                "chunk_ids": snap.chunk_ids,
                "doc_ids": snap.doc_ids.tolist(),
                "sources": snap.sources.tolist(),
                "days": snap.days.tolist(),
            }
            (fresh / _MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
            if self._folder.exists():
                os.replace(self._folder, stale)
            os.replace(fresh, self._folder)
        except OSError as exc:
            log.warning("BM25 index not saved (it stays in memory): %s", exc)
        finally:
            shutil.rmtree(fresh, ignore_errors=True)
            shutil.rmtree(stale, ignore_errors=True)

    def _load(self, key: str) -> _Snapshot | None:
        try:
            manifest = json.loads((self._folder / _MANIFEST).read_text(encoding="utf-8"))
            if manifest.get("key") != key:
                return None
            bm25_dir = self._folder / _BM25_DIR
            bm25 = (
                bm25s.BM25.load(str(bm25_dir), mmap=False, show_progress=False)
                if bm25_dir.exists()
                else None
            )
            return _snapshot(
                key,
                bm25,
                manifest["chunk_ids"],
                manifest["doc_ids"],
                manifest["sources"],
                manifest["days"],
                np.load(self._folder / _SIGNATURES),
            )
        except (OSError, ValueError, KeyError) as exc:
            log.info("BM25 index on disk not usable, rebuilding: %s", exc)
            return None


def _snapshot(
    key: str,
    bm25: Any,
    chunk_ids: list[str],
    doc_ids: list[str],
    sources: list[str],
    days: list[str],
    signatures: np.ndarray,
) -> _Snapshot:
    return _Snapshot(
        key=key,
        bm25=bm25,
        chunk_ids=chunk_ids,
        doc_ids=np.array(doc_ids, dtype=str),
        sources=np.array(sources, dtype=str),
        days=np.array(days, dtype=str),
        signatures=signatures,
        rows={cid: row for row, cid in enumerate(chunk_ids)},
    )
