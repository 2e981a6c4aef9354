"""MiniLM on OpenVINO in bf16: the CPU's AMX matrix units do the matmuls (the fast backend).

OpenVINO compiles the fp32 export built by `make fast-embedder`; with the bf16 precision hint the
CPU plugin runs the matmuls on AMX tiles while accumulating in fp32, so vectors stay within
cosine 0.9999 of fp32 at several times the int8 onnxruntime throughput (README "Performance").

Two set-ups of the same model. Questions get one stream spread over every core (lowest latency).
Ingestion gets OpenVINO's throughput set-up (`for_bulk`): several streams of one core each, one
batch per stream. With one stream, every operator waits for its slowest thread, so any other work
on a core (chunking, Chroma writes) stalls the whole model: measured here with a thread busy 30 %
of one core, one stream slowed 40 %, two streams 19 % (what sharing the cores costs anyway).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import EmbedderError

MAX_STREAMS = 8  # each stream holds one batch's activations


class OpenVinoRunner:
    """One compiled model; each concurrent caller borrows its own infer request from a pool."""

    def __init__(
        self,
        model_path: Path,
        *,
        threads: int = 0,
        cache_dir: Path | None = None,
        bulk: bool = False,
    ) -> None:
        """`cache_dir` keeps the compiled model, so later processes load it in half the time."""
        self._model_path, self._threads, self._cache_dir = model_path, threads, cache_dir
        core = import_openvino().Core()
        # bf16 where the CPU has it (AMX or AVX512-BF16); plain fp32 elsewhere.
        capabilities = core.get_property("CPU", "OPTIMIZATION_CAPABILITIES")
        config: dict[str, str | int] = {
            "INFERENCE_PRECISION_HINT": "bf16" if "BF16" in capabilities else "f32",
            "INFERENCE_NUM_THREADS": threads or (os.cpu_count() or 1),
            "PERFORMANCE_HINT": "THROUGHPUT" if bulk else "LATENCY",
        }
        if not bulk:
            config["NUM_STREAMS"] = 1
        if cache_dir is not None:
            config["CACHE_DIR"] = str(cache_dir)
        try:
            self._compiled: Any = core.compile_model(str(model_path), "CPU", config)
        except Exception as exc:
            raise EmbedderError(f"cannot load the embedding model {model_path}: {exc}") from None
        self.precision = str(config["INFERENCE_PRECISION_HINT"])
        self._streams = 1
        if bulk:
            optimal = int(self._compiled.get_property("OPTIMAL_NUMBER_OF_INFER_REQUESTS"))
            self._streams = max(1, min(MAX_STREAMS, optimal))
        self._bulk: OpenVinoRunner | None = self if bulk else None
        self._output = self._compiled.output(0)
        self._idle: list[Any] = []  # an infer request serves one call at a time
        self._lock = threading.Lock()
        self._bulk_lock = threading.Lock()
        if not bulk:
            # The first inference initialises statics inside OpenVINO's Python bindings that
            # take the GIL; two threads doing it at once deadlocked an ingest (one held the GIL
            # waiting for the init, the other held the init waiting for the GIL). One call here,
            # on the constructing thread, does it for the process (the bulk set-up is only
            # reached through a quick one) before anyone can call concurrently.
            self(np.array([[101, 102]], dtype=np.int64), np.ones((1, 2), dtype=np.int64))

    @property
    def streams(self) -> int:
        return self._streams

    @property
    def width_multiple(self) -> int:
        """In bf16, widths in multiples of 16 (the AMX tile's) run faster although longer, and
        compile fewer kernel shapes: 2,042 news chunks, batches of 16 on two streams, took 8.3 s
        padded so against 9.1 s exact, and 8.9 s against 10.4 s in a fresh process."""
        return 16 if self.precision == "bf16" else 1

    def for_bulk(self) -> OpenVinoRunner:
        """The throughput set-up, compiled on first use (a server that never ingests a long
        document never pays for it)."""
        with self._bulk_lock:
            if self._bulk is None:
                self._bulk = OpenVinoRunner(
                    self._model_path, threads=self._threads, cache_dir=self._cache_dir, bulk=True
                )
            return self._bulk

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        with self._lock:
            request = self._idle.pop() if self._idle else self._compiled.create_infer_request()
        try:
            result = request.infer(
                {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            )
            hidden = np.asarray(result[self._output], dtype=np.float32)
        finally:
            with self._lock:
                self._idle.append(request)
        return hidden


def import_openvino() -> Any:
    """`import openvino` without its usage event.

    Importing it loads `openvino.tools.ovc`, which sends an event to Google Analytics unless the
    user opted out with a file in their home. Its CI switch is the only opt-out that needs no
    such file, so it is set for the import alone (the consent is checked there, once).
    """
    previous = os.environ.get("CI")
    os.environ["CI"] = "true"
    try:
        import openvino  # type: ignore[import-not-found,import-untyped]
    except ImportError:
        raise EmbedderError(
            "the fast embedder needs OpenVINO: run `make fast-embedder` "
            "(or `pip install -e '.[fast]'`)"
        ) from None
    finally:
        if previous is None:
            os.environ.pop("CI", None)
        else:
            os.environ["CI"] = previous
    return openvino
