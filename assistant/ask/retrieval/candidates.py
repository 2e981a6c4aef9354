"""Ranked chunk ids → the chunks to return: texts read from Chroma, committed, filtered, distinct.

Texts always come from Chroma, never from a derived index, and only chunks of committed
documents pass (`vector.committed`), so every mode agrees with the store about what exists.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from assistant.ask.retrieval.vector import committed
from index.chunk_filter import ChunkFilter
from index.near_duplicates import FirstCopies, signature
from index.store import ChromaStore, ChunkHit

_SPARE = 0.2  # read a fifth more than still missing, so a few dropped chunks need no 2nd round


def materialize(
    store: ChromaStore,
    ranked: Sequence[tuple[str, float]],
    top_k: int,
    *,
    where: ChunkFilter | None = None,
    signatures: Callable[[list[str]], dict[str, np.ndarray]] | None = None,
) -> list[ChunkHit]:
    """The first `top_k` usable chunks of `ranked`, each carrying its ranked score.

    `signatures`, when given, drops a chunk that nearly duplicates one already kept (the same
    article syndicated twice counts once).
    """
    kept: list[ChunkHit] = []
    first_copies = FirstCopies()
    cursor = 0
    while len(kept) < top_k and cursor < len(ranked):
        wanted = top_k - len(kept)
        batch = ranked[cursor : cursor + wanted + max(2, int(wanted * _SPARE))]
        cursor += len(batch)
        fetched = store.get_chunks([cid for cid, _ in batch])
        hits = [
            _with_score(fetched[cid], score)
            for cid, score in batch
            if cid in fetched and (where is None or where.matches(fetched[cid].metadata))
        ]
        hits = committed(store, hits)
        found = signatures([h.chunk_id for h in hits]) if signatures else {}
        for hit in hits:
            if len(kept) == top_k:
                break
            if signatures is not None:
                sketch = found.get(hit.chunk_id)
                if not first_copies.admit(signature(hit.text) if sketch is None else sketch):
                    continue
            kept.append(hit)
    return kept


def _with_score(hit: ChunkHit, score: float) -> ChunkHit:
    return ChunkHit(chunk_id=hit.chunk_id, text=hit.text, score=score, metadata=hit.metadata)
