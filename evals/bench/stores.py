"""Benchmark indexes, built once with our pipeline and reused: `var/bench/stores/<name>/`.

An unchanged document is never embedded twice, so asking for a store that exists costs one
hash comparison per document.
"""

from __future__ import annotations

from typing import Any

from assistant.container import Container, build_container
from assistant.settings import Settings, load_settings
from evals.bench.corpus import BENCH_DIR, MODELS_DIR, documents, load_dataset
from index.pipeline import IngestReport

COLLECTION = "bench"


def store_settings(dataset: str, fraction: float, **overrides: Any) -> Settings:
    """The app's settings for a benchmark index; rate limiting off (one address, many clients)."""
    return load_settings(
        data_dir=BENCH_DIR / "stores" / f"{dataset}-{round(fraction * 100)}pct",
        collection=COLLECTION,
        models_dir=MODELS_DIR,
        rate_limit_per_minute=0,
        **overrides,
    )


def indexed(dataset: str, fraction: float, **overrides: Any) -> tuple[Container, IngestReport]:
    container = build_container(store_settings(dataset, fraction, **overrides))
    docs = documents(load_dataset(dataset), fraction)
    return container, container.ingestor.ingest_documents(docs)


def copy_collection(source: Any, target: Any, batch: int = 500) -> int:
    """Copy every record (vectors included, nothing re-embedded) between two Chroma collections."""
    total = source.count()
    for offset in range(0, total, batch):
        got = source.get(
            include=["embeddings", "documents", "metadatas"], limit=batch, offset=offset
        )
        documents = got["documents"]  # none in our stores since index format 3 (text as metadata)
        target.upsert(
            ids=got["ids"],
            embeddings=got["embeddings"],
            metadatas=got["metadatas"],
            **({"documents": documents} if documents and any(documents) else {}),
        )
    return int(total)
