"""Pick and open the embedder runtime: one model (all-MiniLM-L6-v2), three ways to run it.

- int8: the light default, onnxruntime on the int8 file from PyPI; runs anywhere.
- fast: the fp32 export on OpenVINO in bf16, for CPUs with AMX matrix units; several times the
  int8 throughput (README "Performance"). Needs `make fast-embedder` (export + the `fast` extra).
- fp32: the fp32 export on onnxruntime; the unquantized reference the benchmarks compare against.

All three give vectors within cosine 0.99 of each other, so an index built with one is queried
with another.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from assistant.errors import EmbedderError
from index.embedding.built_model import fp32_model_path, is_built
from index.embedding.cpu_features import has_amx
from index.embedding.encoder_runner import EncoderRunner
from index.embedding.minilm import MODEL_NAME, MiniLMEmbedding
from index.embedding.onnx_runner import OnnxRunner, int8_model_path

if TYPE_CHECKING:
    from index.embedding.openvino_runner import OpenVinoRunner

Backend = Literal["int8", "fast", "fp32"]
BackendSetting = Literal["auto", "int8", "fast", "fp32"]
BACKENDS: tuple[Backend, ...] = ("int8", "fast", "fp32")
_BUILD_HINT = "run `make fast-embedder` to build it"


def resolve_backend(setting: BackendSetting, models_dir: Path) -> Backend:
    """`auto` is fast only where it pays (AMX) and is ready (built, OpenVINO installed)."""
    if setting != "auto":
        return setting
    return "fast" if has_amx() and is_built(models_dir) and openvino_installed() else "int8"


def open_embedder(
    setting: BackendSetting, *, models_dir: Path, threads: int = 0, batch_size: int = 32
) -> MiniLMEmbedding:
    runner, name = open_runner(resolve_backend(setting, models_dir), models_dir, threads)
    return MiniLMEmbedding(
        threads=threads, embed_batch_size=batch_size, runner=runner, model_name=name
    )


def open_runner(backend: Backend, models_dir: Path, threads: int = 0) -> tuple[EncoderRunner, str]:
    """The bare runtime for `backend` and the model name it reports."""
    if backend == "int8":
        return OnnxRunner(int8_model_path(), threads=threads), MODEL_NAME
    if not is_built(models_dir):
        raise EmbedderError(
            f"the {backend} embedder's model is not built in {models_dir}; {_BUILD_HINT}"
        )
    model = fp32_model_path(models_dir)
    if backend == "fp32":
        return OnnxRunner(model, threads=threads), "all-MiniLM-L6-v2 (fp32 ONNX)"
    fast = _openvino_runner(model, threads)
    return fast, f"all-MiniLM-L6-v2 ({fast.precision} OpenVINO)"


@functools.cache
def _openvino_runner(model: Path, threads: int) -> OpenVinoRunner:
    """One compiled model per process: it is read-only and thread-safe, and compiling it again
    for every container (tests, benchmark corpora) would cost a second and 100 MB each time."""
    from index.embedding.openvino_runner import OpenVinoRunner

    return OpenVinoRunner(model, threads=threads, cache_dir=model.parent.parent / "openvino-cache")


def openvino_installed() -> bool:
    """Found without importing it (an import costs a fraction of a second)."""
    return importlib.util.find_spec("openvino") is not None
