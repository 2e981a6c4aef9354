"""A benchmark store's records copied to another Chroma (a `chroma run` server), not re-embedded.

The stores themselves are `evals.store_cache`'s.
"""

from __future__ import annotations

from typing import Any


def copy_collection(source: Any, target: Any, batch: int = 500) -> int:
    """Copy every record (vectors included, nothing re-embedded) between two Chroma collections."""
    total = source.count()
    for offset in range(0, total, batch):
        # Our stores keep every text in metadata (`index.store.layout`): no Chroma documents.
        got = source.get(include=["embeddings", "metadatas"], limit=batch, offset=offset)
        target.upsert(ids=got["ids"], embeddings=got["embeddings"], metadatas=got["metadatas"])
    return int(total)
