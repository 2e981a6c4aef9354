"""The benchmark corpora: realtimeqa news pages and SciFact abstracts from ../shared/data.

A share of a corpus is always the leading part of its file (`evals.retrieval.corpus.documents`),
so 10%, 30% and 100% nest and every pipeline in a run reads exactly the same documents.
"""

from __future__ import annotations

import functools
from pathlib import Path

from assistant.errors import ConfigError
from evals.beir_dataset import BeirDataset, load_beir
from evals.store_cache import REPO_VAR
from index.chunker import Chunker
from index.document import SourceDocument
from index.pipeline import embedding_text

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = ROOT.parent / "shared" / "data"
BENCH_DIR = REPO_VAR / "bench"  # cached stores (`evals.store_cache`), results and logs; git-ignored


def dataset_folder(name: str) -> Path:
    folder = SHARED_DATA / name
    if not (folder / "corpus.jsonl").is_file():
        raise ConfigError(f"benchmark data missing: {folder}/corpus.jsonl (../shared/data)")
    return folder


@functools.cache
def load_dataset(name: str) -> BeirDataset:
    """Read once per process: a benchmark takes its questions and its pages from the same one."""
    return load_beir(dataset_folder(name))


def chunk_texts(docs: list[SourceDocument], chunker: Chunker) -> list[str]:
    """Exactly the texts our pipeline embeds for `docs` (title line + chunk)."""
    return [embedding_text(doc, chunk) for doc in docs for chunk in chunker.chunk(doc.text)]
