"""Near-duplicate chunks (the same article syndicated twice) share most of their word pairs.

Each chunk gets a MinHash sketch of its set of word pairs: the share of equal positions in two
sketches estimates the two sets' Jaccard overlap. A byline or a corrected word changes a few pairs
out of a hundred; unrelated chunks, or neighbouring chunks of one article, share few or none.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

SKETCH_SIZE = 64
MIN_OVERLAP = 0.7  # estimated Jaccard overlap of word pairs from which two chunks count once
_WORD = re.compile(r"\w+")
_RNG = np.random.default_rng(20250203)  # fixed: sketches are saved and compared across runs
_MULTIPLY = _RNG.integers(1, 2**62, size=SKETCH_SIZE, dtype=np.uint64) | np.uint64(1)
_ADD = _RNG.integers(0, 2**62, size=SKETCH_SIZE, dtype=np.uint64)
_EMPTY = np.zeros(SKETCH_SIZE, dtype=np.uint32)


def signature(text: str) -> np.ndarray:
    """The MinHash sketch (64 uint32) of the text's lower-cased word pairs; stable across runs."""
    words = _WORD.findall(text.lower())
    if not words:
        return _EMPTY
    codes = np.array([zlib.crc32(w.encode()) for w in words], dtype=np.uint64)
    pairs = codes[:-1] << np.uint64(32) | codes[1:] if len(words) > 1 else codes
    # One multiply-add hash per sketch position (wrapping mod 2**64); keep the top 32 bits.
    hashed = (np.unique(pairs)[:, None] * _MULTIPLY + _ADD) >> np.uint64(32)
    sketch: np.ndarray = hashed.min(axis=0).astype(np.uint32)
    return sketch


def near_duplicate(a: np.ndarray, b: np.ndarray) -> bool:
    return bool(a.any()) and bool(np.mean(a == b) >= MIN_OVERLAP)


class FirstCopies:
    """Admits a sketch unless it nearly duplicates one admitted before (one numpy pass each)."""

    def __init__(self) -> None:
        self._kept = np.zeros((16, SKETCH_SIZE), dtype=np.uint32)
        self._count = 0

    def admit(self, sketch: np.ndarray) -> bool:
        kept = self._kept[: self._count]
        if sketch.any() and bool(((kept == sketch).mean(axis=1) >= MIN_OVERLAP).any()):
            return False
        if self._count == len(self._kept):
            self._kept = np.concatenate([self._kept, np.zeros_like(self._kept)])
        self._kept[self._count] = sketch
        self._count += 1
        return True
