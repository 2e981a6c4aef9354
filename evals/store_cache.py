"""Benchmark stores, one cache for every eval and benchmark: built once, then only what changed.

A corpus lives in `<data_dir>/bench/<dataset>/`, a leading share of it in
`<data_dir>/bench/<dataset>-<pct>pct/`; the answer evals, the retrieval eval and the benchmarks
all ask for the same folder, so one ingest serves them all. The collection name carries the
chunk settings (and the sample size), so changing them builds a new collection instead of mixing
corpora. Unchanged documents are never embedded twice: asking for a store that is up to date
costs one hash comparison per document.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from assistant.ask.llm.local_server import LocalServer
from assistant.container import Container, build_container
from assistant.errors import ConfigError, StoreError
from assistant.settings import Settings, load_settings
from evals.beir_dataset import BeirDataset
from evals.retrieval.corpus import documents
from index.pipeline import IngestReport, Progress

# The app's default data folder when run from the repository root. Benchmarks pin it (and the
# models beside it), so they find their stores and models from any working directory.
REPO_VAR = Path(__file__).resolve().parents[1] / "var"
MODELS_DIR = REPO_VAR / "models"


def benchmark_settings(**overrides: Any) -> Settings:
    """The app's settings as a benchmark runs it: the repository's `var/` and its models."""
    return load_settings(data_dir=REPO_VAR, models_dir=MODELS_DIR, **overrides)


def store_folder(root: Path, dataset: str, fraction: float = 1.0) -> Path:
    """`<root>/<dataset>/` for a whole corpus, `<root>/<dataset>-<pct>pct/` for a share of it."""
    if not 0.0 < fraction <= 1.0:
        raise ConfigError(f"a share of a corpus is in (0, 1], not {fraction}")
    return root / (dataset if fraction == 1.0 else f"{dataset}-{round(fraction * 100)}pct")


def store_settings(base: Settings, folder: Path, *, sample: int | None = None) -> Settings:
    """`base` pointed at the store in `folder`, with rate limiting off (one address serves every
    client of a benchmark)."""
    collection = f"beir-c{base.chunk_tokens}-o{base.chunk_overlap_tokens}"
    return base.model_copy(
        update={
            "data_dir": folder,
            "collection": collection if sample is None else f"{collection}-n{sample}",
            "rate_limit_per_minute": 0,
        }
    )


def cached_settings(
    base: Settings, dataset: str, *, fraction: float = 1.0, sample: int | None = None
) -> Settings:
    """The settings of `dataset`'s store (or of its leading `fraction`) in the cache under
    `<base.data_dir>/bench/`."""
    folder = store_folder(base.data_dir / "bench", dataset, fraction)
    return store_settings(base, folder, sample=sample)


@contextmanager
def exclusive(folder: Path) -> Iterator[None]:
    """Hold a store's folder alone: two processes writing one embedded Chroma corrupt it.

    Raises:
        StoreError: another process holds it.
    """
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "bench.lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(f"another benchmark is using {folder}; wait for it") from None
        yield


@contextmanager
def open_store(settings: Settings, llm_server: LocalServer | None = None) -> Iterator[Container]:
    """The store's components, its folder held alone while in use.

    `llm_server`, a local model the run already serves, answers here too (not a second copy).

    Raises:
        StoreError: another process holds the folder.
    """
    with exclusive(settings.data_dir):
        yield build_container(settings, llm_server=llm_server)


def ingest_changed(
    container: Container,
    corpus: BeirDataset,
    *,
    fraction: float = 1.0,
    progress: Progress | None = None,
) -> IngestReport:
    """Bring the store up to date with the corpus (or its leading `fraction`); unchanged
    documents cost a hash check."""
    docs = documents(corpus, fraction)
    return container.ingestor.ingest_documents(docs, progress=progress)


def server_env(settings: Settings) -> dict[str, str]:
    """The variables that make an `assistant serve` process open this store as `settings` do."""
    env = {
        "ASSISTANT_DATA_DIR": str(settings.data_dir),
        "ASSISTANT_COLLECTION": settings.collection,
        "ASSISTANT_MODELS_DIR": str(settings.models_dir),
        "ASSISTANT_RATE_LIMIT_PER_MINUTE": str(settings.rate_limit_per_minute),
    }
    if settings.chroma_url:
        env["ASSISTANT_CHROMA_URL"] = settings.chroma_url
    return env
