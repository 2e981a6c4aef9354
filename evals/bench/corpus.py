"""The benchmark corpora: realtimeqa news pages and SciFact abstracts from ../shared/data.

A fraction is always the same leading share of the corpus file, so 10%, 30% and 100% nest and
every pipeline in a run reads exactly the same documents.
"""

from __future__ import annotations

import functools
from pathlib import Path

from assistant.errors import ConfigError
from evals.beir_dataset import BeirDataset, load_beir
from evals.retrieval.corpus import source_document
from index.chunker import Chunker
from index.document import SourceDocument
from index.pipeline import embedding_text

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = ROOT.parent / "shared" / "data"
BENCH_DIR = ROOT / "var" / "bench"  # cached stores and results; git-ignored
MODELS_DIR = ROOT / "var" / "models"


def dataset_folder(name: str) -> Path:
    folder = SHARED_DATA / name
    if not (folder / "corpus.jsonl").is_file():
        raise ConfigError(f"benchmark data missing: {folder}/corpus.jsonl (../shared/data)")
    return folder


@functools.cache
def load_dataset(name: str) -> BeirDataset:
    """Read once per process: a benchmark takes its questions and its pages from the same one."""
    return load_beir(dataset_folder(name))


def documents(data: BeirDataset, fraction: float = 1.0) -> list[SourceDocument]:
    """The first `fraction` of the corpus as our documents (ids and metadata kept)."""
    count = max(1, round(len(data.corpus) * fraction))
    return [source_document(doc, data.name) for doc in data.corpus[:count]]


def chunk_texts(docs: list[SourceDocument], chunker: Chunker) -> list[str]:
    """Exactly the texts our pipeline embeds for `docs` (title line + chunk)."""
    return [embedding_text(doc, chunk) for doc in docs for chunk in chunker.chunk(doc.text)]
