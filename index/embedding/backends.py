"""Pick and open the embedder runtime: one model (all-MiniLM-L6-v2), three ways to run it.

- int8: the light default, onnxruntime on the int8 file from PyPI; runs anywhere.
- fast: the fp32 export on OpenVINO, in bf16 where the CPU has it (AMX or AVX-512 BF16); several
  times the int8 throughput there (docs/performance.md). Needs `make fast-embedder`.
- fp32: the fp32 export on onnxruntime; the unquantized reference the benchmarks compare against.

`auto` is the runtime measured fastest on this CPU (`measured_choice`), or, never measured here,
fast with AMX and int8 elsewhere.

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
from index.embedding.measured_choice import Backend, load_choice
from index.embedding.minilm import MODEL_NAME, MiniLMEmbedding
from index.embedding.onnx_runner import OnnxRunner, int8_model_path

if TYPE_CHECKING:
    from index.embedding.openvino_runner import OpenVinoRunner

BackendSetting = Literal["auto", "int8", "fast", "fp32"]
BACKENDS: tuple[Backend, ...] = ("int8", "fast", "fp32")
_BUILD_HINT = "run `make fast-embedder` to build it"


def resolve_backend(setting: BackendSetting, models_dir: Path) -> Backend:
    """`auto`: the runtime measured fastest here, if it is still ready; else the AMX rule."""
    return auto_choice(models_dir)[0] if setting == "auto" else setting


def auto_choice(models_dir: Path) -> tuple[Backend, str]:
    """What `auto` runs, and why (one line for `assistant status`)."""
    measured = load_choice(models_dir)
    if measured is not None and ready(measured.backend, models_dir):
        return measured.backend, measured.reason()
    why = (
        "not measured on this CPU (`make embedder-choice`)"
        if measured is None
        else f"{measured.backend}, measured fastest here, is not ready ({_BUILD_HINT})"
    )
    if has_amx() and ready("fast", models_dir):
        return "fast", f"{why}; AMX and the fast model are here"
    return "int8", f"{why}; int8 runs anywhere"


def ready(backend: Backend, models_dir: Path) -> bool:
    if backend == "int8":
        return True
    return is_built(models_dir) and (backend == "fp32" or openvino_installed())


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
