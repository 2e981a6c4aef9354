"""The one seam between the embedder and a runtime: token ids in, hidden states out.

Tokenizing, length-sorted batching, mean pooling and normalising stay in `MiniLMEmbedding`,
so every runtime (onnxruntime int8 or fp32, OpenVINO bf16) yields vectors of the same model that
can be mixed in one index.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np


class EncoderRunner(Protocol):
    """Runs the MiniLM encoder; must be safe to call from several threads at once."""

    @property
    def streams(self) -> int:
        """How many batches it runs best at once (one caller thread each)."""
        ...

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """`ids`, `mask`: int64 (batch, width). Returns float32 (batch, width, 384)."""
        ...

    @property
    def width_multiple(self) -> int:
        """Batches are padded to a multiple of this many tokens (what its kernels run best on)."""
        ...

    def for_bulk(self) -> EncoderRunner:
        """The same model set up for many batches (ingestion) rather than one quick answer."""
        ...
