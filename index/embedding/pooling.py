"""Token states → unit vectors: the whole text's mean, or one mean per character span."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mask-weighted mean over tokens, as one batched matrix product (no (b, t, 384) temporary)."""
    weights = mask.astype(np.float32)[:, None, :]
    pooled: np.ndarray = np.matmul(weights, hidden)[:, 0, :] / np.clip(
        weights.sum(axis=2), 1e-9, None
    )
    return pooled


def unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    scaled: np.ndarray = (vectors / np.clip(norms, 1e-12, None)).astype(np.float32)
    return scaled


def span_vectors(
    hidden: np.ndarray,
    offsets: np.ndarray,
    length: int,
    spans: Sequence[tuple[int, int]],
) -> np.ndarray:
    """Mean of the token states lying inside each span; [CLS] and [SEP] belong to none."""
    bounds = offsets[1 : length - 1]
    wanted = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    inside = (
        (bounds[None, :, 0] >= wanted[:, None, 0])
        & (bounds[None, :, 1] <= wanted[:, None, 1])
        & (bounds[None, :, 1] > bounds[None, :, 0])
    ).astype(np.float32)
    counts = inside.sum(axis=1, keepdims=True)
    means = (inside @ hidden[1 : length - 1]) / np.where(counts > 0, counts, 1.0)
    return unit(means)
