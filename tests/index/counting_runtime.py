"""The real int8 runtime under a name, counting the batches it runs (which set-up ran what)."""

from __future__ import annotations

import numpy as np

from index.embedding.onnx_runner import OnnxRunner, int8_model_path


class CountingSetUp:
    """One set-up of a runtime; `bulk` is its bulk set-up, as a runtime with a second compiled
    model would have."""

    def __init__(
        self, runner: OnnxRunner, bulk: CountingSetUp | None = None, streams: int = 1
    ) -> None:
        self._runner, self.bulk, self.streams, self.runs = runner, bulk, streams, 0
        self.width_multiple = 1

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        self.runs += 1
        return self._runner(ids, mask)

    def for_bulk(self) -> CountingSetUp:
        return self.bulk or self


def quick_and_bulk() -> tuple[CountingSetUp, CountingSetUp]:
    """A quick set-up and its bulk one, both the same real model."""
    shared = OnnxRunner(int8_model_path())
    bulk = CountingSetUp(shared, streams=2)
    return CountingSetUp(shared, bulk), bulk
