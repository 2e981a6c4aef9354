"""BM25 over every chunk in the store, derived from Chroma so that it cannot disagree with it.

Design:
- Chroma's chunk collection is the only truth; this index is a cache of it, rebuilt whole from
  the collection (ids, texts, titles) whenever `ChromaStore.chunk_fingerprint()` differs from the
  fingerprint it was built at. The fingerprint is the chunk count plus a random generation token
  that the store rewrites after every write and delete, whichever process made them.
- Every search compares fingerprints first (one small Chroma call), so several API workers
  sharing one Chroma server each keep their own copy in step without talking to each other.
- A rebuild runs at the end of every ingest that changed something, so questions rarely wait for
  one. It reads only chunk ids from Chroma: each chunk's terms and sketch are kept by chunk id
  (an id names one version of one text, so what is kept never goes stale), learned as the
  ingest writes them (`learn`) or read once. A rebuild tokenizes only chunks it has not seen.
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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import uuid4

import bm25s
import numpy as np
import Stemmer

from index.bm25_index import ArrayBM25
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
class _Row:
    """What the index keeps of one chunk."""

    terms: np.ndarray  # int32 ids into `LexicalIndex._vocabulary`, in text order
    signature: np.ndarray  # MinHash sketch
    doc_id: str
    source: str
    day: str  # published date, YYYY-MM-DD, or ""


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
        self._rows: dict[str, _Row] = {}  # by chunk id: what rebuilds need of every chunk
        self._term_ids: dict[str, int] = {}  # every term any row uses
        self._vocabulary: list[str] = []  # term by id
        self._rows_lock = threading.Lock()  # rows and terms: learned on an ingest's writer thread

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

    def learn(self, chunks: Sequence[ChunkHit]) -> None:
        """Prepare the rows of chunks just written, so the next rebuild need not read them back
        (an ingest calls this from its writer thread, where it overlaps the embedding)."""
        texts = [
            "\n".join([str(c.metadata.get("title", ""))] * self.title_weight + [c.text])
            for c in chunks
        ]
        terms = self._terms(texts) if texts else []
        sketches = [signature(c.text) for c in chunks]
        with self._rows_lock:
            for chunk, words, sketch in zip(chunks, terms, sketches, strict=True):
                self._rows[chunk.chunk_id] = _Row(
                    terms=np.fromiter(map(self._term_id, words), dtype=np.int32, count=len(words)),
                    signature=sketch,
                    doc_id=str(chunk.metadata.get("doc_id", "")),
                    source=str(chunk.metadata.get("source", "")),
                    day=str(chunk.metadata.get("published") or "")[:DATE_CHARS],
                )

    def _term_id(self, term: str) -> int:
        """The term's id, a new one for a new term (caller holds `_rows_lock`)."""
        found = self._term_ids.get(term)
        if found is None:
            found = self._term_ids[term] = len(self._vocabulary)
            self._vocabulary.append(term)
        return found

    def _key(self) -> str:
        params = {"k1": self.k1, "b": self.b, "title_weight": self.title_weight, "stem": "english"}
        return json.dumps([self._store.chunk_fingerprint(), params], sort_keys=True)

    def _rebuild(self, key: str) -> _Snapshot:
        began = time.perf_counter()
        with self._rows_lock:
            known = set(self._rows)
        if known:  # read ids, then only the chunks not learned yet
            ids = self._store.chunk_ids()
            unseen = [cid for cid in ids if cid not in known]
            self.learn(list(self._store.get_chunks(unseen, keep=False).values()))
        else:  # nothing kept yet (a new process): one pass over every chunk
            chunks = self._store.all_chunks()
            self.learn(chunks)
            ids = [c.chunk_id for c in chunks]
        with self._rows_lock:
            for gone in known.difference(ids):  # rows learned since `known` stay
                del self._rows[gone]
            ids = [cid for cid in ids if cid in self._rows]  # deleted while being read
            rows = [self._rows[cid] for cid in ids]
        snap = self._build(key, ids, rows, self._vocabulary)  # append-only: safe to read
        self._save(snap)
        log.info("BM25 rebuilt: %d chunks in %.2f s", len(ids), time.perf_counter() - began)
        return snap

    def _build(
        self, key: str, ids: list[str], rows: list[_Row], vocabulary: list[str]
    ) -> _Snapshot:
        bm25 = None
        if rows:
            # Only the terms these rows use, numbered afresh: the index is the same as one built
            # from their texts, whatever else was ever learned.
            used, compact = np.unique(
                np.concatenate([row.terms for row in rows]), return_inverse=True
            )
            ends = np.cumsum([len(row.terms) for row in rows])[:-1]
            corpus = np.split(compact.astype(np.int64), ends)
            vocab = {vocabulary[term]: number for number, term in enumerate(used.tolist())}
            if not vocab:  # no chunk has a term: one placeholder keeps bm25s' shapes valid
                vocab = {"": 0}
            bm25 = ArrayBM25(k1=self.k1, b=self.b)
            bm25.index((corpus, vocab), show_progress=False)
        return _snapshot(
            key,
            bm25,
            ids,
            [row.doc_id for row in rows],
            [row.source for row in rows],
            [row.day for row in rows],
            np.array([row.signature for row in rows], dtype=np.uint32).reshape(
                len(rows), SKETCH_SIZE
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
