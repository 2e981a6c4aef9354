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
  (`index.lexical.rows`), learned as the ingest writes them (`learn`) or read once.
- Each build is a `Snapshot` (`index.lexical.snapshot`), saved to disk and loaded by a new
  process whose store has the same fingerprint (`index.lexical.disk`).
- Searches return chunk ids only; callers read texts from Chroma and keep committed chunks, so a
  row gone stale between two fingerprint checks can at worst be dropped, never served.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.chunk_filter import ChunkFilter
from index.lexical.disk import load_snapshot, save_snapshot
from index.lexical.rows import ChunkRows
from index.lexical.snapshot import Snapshot, build_snapshot
from index.store import ChromaStore, ChunkHit

log = logging.getLogger(__name__)
logging.getLogger("bm25s").setLevel(logging.WARNING)  # it sets DEBUG on itself at import


_SPLITS_KEPT = 64


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
    def __init__(
        self, store: ChromaStore, folder: Path, *, k1: float, b: float, title_weight: int
    ) -> None:
        self._store = store
        self._folder = folder
        self.k1, self.b, self.title_weight = k1, b, title_weight
        self._rows = ChunkRows(title_weight=title_weight)  # what rebuilds need of every chunk
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()
        self._splits: dict[tuple[str, ChunkFilter], DocumentSplit] = {}
        self._sources: tuple[str, list[str]] | None = None

    # -- reading -------------------------------------------------------------------------------

    def search(
        self, query: str, top_k: int, *, where: ChunkFilter | None = None
    ) -> list[LexicalHit]:
        """Best-scoring chunks first; chunks sharing no term with the query are left out."""
        snap = self.current()
        terms = self._rows.terms([query])[0]
        if snap.bm25 is None or not terms or top_k <= 0:
            return []
        mask = snap.mask(where)
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

    def days(self, chunk_ids: Sequence[str]) -> dict[str, str]:
        """Published days (YYYY-MM-DD) of the chunks this index knows that have one."""
        snap = self._snapshot or self.current()
        found = ((cid, snap.rows.get(cid)) for cid in chunk_ids)
        return {cid: day for cid, row in found if row is not None and (day := str(snap.days[row]))}

    def sources(self) -> list[str]:
        """Every source name in the store, sorted: read once per store version (a request
        naming sources checks them against this list)."""
        snap = self.current()
        if self._sources is None or self._sources[0] != snap.key:
            self._sources = (snap.key, sorted(set(snap.sources.tolist())))
        return self._sources[1]

    def document_split(self, where: ChunkFilter) -> DocumentSplit:
        """Which documents `where` keeps: worked out once per filter and store version (an
        as-of day or a source recurs across questions; the split is over every chunk)."""
        snap = self.current()
        key = (snap.key, where)
        split = self._splits.get(key)
        if split is None:
            mask = snap.mask(where)
            every = frozenset(snap.doc_ids.tolist())
            kept = frozenset(snap.doc_ids[mask > 0].tolist()) if mask is not None else every
            split = DocumentSplit(kept=kept, left_out=every - kept)
            if len(self._splits) >= _SPLITS_KEPT:
                self._splits.pop(next(iter(self._splits)))
            self._splits[key] = split
        return split

    # -- keeping in step -----------------------------------------------------------------------

    def current(self) -> Snapshot:
        """The index for the store as it is now: kept, loaded from disk, or rebuilt."""
        key = self._key()
        snap = self._snapshot
        if snap is not None and snap.key == key:
            return snap
        with self._lock:
            key = self._key()
            snap = self._snapshot
            if snap is None or snap.key != key:
                snap = load_snapshot(self._folder, key) or self._rebuild(key)
                self._snapshot = snap
            return snap

    def refresh(self) -> None:
        self.current()

    def learn(self, chunks: Sequence[ChunkHit]) -> None:
        """Prepare the rows of chunks just written, so the next rebuild need not read them back
        (an ingest calls this from its writer thread, where it overlaps the embedding)."""
        self._rows.learn(chunks)

    def _key(self) -> str:
        params = {"k1": self.k1, "b": self.b, "title_weight": self.title_weight, "stem": "english"}
        return json.dumps([self._store.chunk_fingerprint(), params], sort_keys=True)

    def _rebuild(self, key: str) -> Snapshot:
        began = time.perf_counter()
        known = self._rows.known()
        if known:  # read ids, then only the chunks not learned yet
            ids = self._store.chunk_ids()
            unseen = [cid for cid in ids if cid not in known]
            self._rows.learn(list(self._store.get_chunks(unseen, keep=False).values()))
        else:  # nothing kept yet (a new process): one pass over every chunk
            chunks = self._store.all_chunks()
            self._rows.learn(chunks)
            ids = [c.chunk_id for c in chunks]
        ids, rows = self._rows.settle(ids, known)
        snap = build_snapshot(key, ids, rows, self._rows.vocabulary, k1=self.k1, b=self.b)
        save_snapshot(self._folder, snap)
        log.info("BM25 rebuilt: %d chunks in %.2f s", len(ids), time.perf_counter() - began)
        return snap
