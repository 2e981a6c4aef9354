"""A dataset's own corpus, ingested into its benchmark store and reused from there.

The store is the retrieval benchmark's (`<data_dir>/bench/<dataset>/`), so one ingest serves
both; documents already there with the same content are not embedded again. The folder is held
alone while in use: two processes writing one embedded Chroma store corrupt it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from assistant.ask.llm.local_server import LocalServer
from assistant.container import Container, build_container
from assistant.settings import Settings
from evals.beir_dataset import BeirDataset
from evals.retrieval.corpus import bench_settings, exclusive, source_document
from index.pipeline import IngestReport, Progress


@contextmanager
def corpus_container(
    base: Settings, corpus: BeirDataset, llm_server: LocalServer | None = None
) -> Iterator[Container]:
    """The corpus's own store, held alone; raises StoreError if another run holds it.

    `llm_server`, the local model the run already serves, answers here too (not a second copy).
    """
    settings = bench_settings(base, corpus)
    with exclusive(settings.data_dir):
        yield build_container(settings, llm_server=llm_server)


def index_corpus(
    container: Container, corpus: BeirDataset, progress: Progress | None = None
) -> IngestReport:
    """Bring the store up to date with the corpus; unchanged documents cost a hash check."""
    docs = [source_document(doc, corpus.name) for doc in corpus.corpus]
    return container.ingestor.ingest_documents(docs, progress=progress)
