"""Per-sentence vectors stored on each chunk, so answering never runs the embedder on evidence.

Ingestion pools the chunk's own token states over each sentence (`embed_with_spans`), so the
vectors cost no extra model time. They ride in the chunk's metadata (one string), written and
deleted with the chunk itself, so they can never disagree with it and need no protocol of their
own. Each vector is stored as int8, scaled by its largest component: only directions matter
(scores are cosines), and 384 bytes per sentence keep the metadata small.
"""

from __future__ import annotations

import base64

import numpy as np

METADATA_KEY = "sentence_vectors"
DIMENSIONS = 384


def encode(vectors: np.ndarray) -> str:
    """(n, 384) float vectors → one ASCII string; a zero row (no tokens) stays zero."""
    if len(vectors) == 0:
        return ""
    peak = np.abs(vectors).max(axis=1, keepdims=True)
    scaled = np.where(peak > 0, vectors / np.where(peak > 0, peak, 1.0), 0.0) * 127
    return base64.b64encode(np.rint(scaled).astype(np.int8).tobytes()).decode("ascii")


def decode(blob: object, count: int) -> np.ndarray | None:
    """Unit vectors (zero rows stay zero), or None unless `blob` holds exactly `count` of them.

    A count that differs means the chunk was indexed by another version of the sentence
    splitter: the caller then embeds the sentences itself.
    """
    if not isinstance(blob, str) or count == 0:
        return None
    try:
        raw = base64.b64decode(blob.encode("ascii"), validate=True)
    except ValueError:
        return None
    if len(raw) != count * DIMENSIONS:
        return None
    vectors = np.frombuffer(raw, dtype=np.int8).reshape(count, DIMENSIONS).astype(np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit: np.ndarray = vectors / np.where(norms > 0, norms, 1.0)
    return unit
