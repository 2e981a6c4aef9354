"""The one seam between the embedder and a runtime: token ids in, hidden states out.

Tokenizing, length-sorted batching, mean pooling and normalising stay in `MiniLMOnnxEmbedding`,
so every runtime (onnxruntime int8 or fp32, OpenVINO bf16) yields vectors of the same model that
can be mixed in one index.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np


class EncoderRunner(Protocol):
    """Runs the MiniLM encoder; must be safe to call from several threads at once."""

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """`ids`, `mask`: int64 (batch, width). Returns float32 (batch, width, 384)."""
        ...
