"""Ingestion: find files, load them, skip what is unchanged, chunk, embed, write, prune.

Each call is one `IngestRun` (`index.pipeline.run`) on the stage threads the `Ingestor` keeps
(`index.pipeline.stages`); files and in-memory documents go through the same run.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from index.chunker import Chunker
from index.discover import discover
from index.document import SourceDocument
from index.embedding import MiniLMEmbedding
from index.pipeline.chunked import embedding_text, sentence_spans
from index.pipeline.offered import offered_documents, offered_files
from index.pipeline.prune import prune_gone
from index.pipeline.report import IngestReport, NoProgress, Progress, Skipped
from index.pipeline.run import IngestRun
from index.pipeline.stages import DerivedIndex, Stages, through_derived
from index.store import ChromaStore, ChunkHit

__all__ = [
    "IngestReport",
    "Ingestor",
    "Progress",
    "Skipped",
    "embedding_text",
    "sentence_spans",
]


class Ingestor:
    def __init__(
        self,
        store: ChromaStore,
        embedder: MiniLMEmbedding,
        chunker: Chunker,
        *,
        max_bytes: int,
        derived: Sequence[DerivedIndex] = (),
    ) -> None:
        self._stages = Stages(embedder, store, derived)
        self._chunker = chunker
        self._max_bytes = max_bytes

    def ingest(
        self, paths: Sequence[Path], *, prune: bool = False, progress: Progress | None = None
    ) -> IngestReport:
        began = time.perf_counter()
        found = discover(list(paths))
        run = IngestRun(
            self._stages,
            self._chunker,
            total=len(found.files),
            progress=progress or NoProgress(),
            skipped=[Skipped(str(p), "path does not exist") for p in found.missing],
        )
        report = run.ingest(offered_files(found.files, max_bytes=self._max_bytes))
        if prune:
            on_disk = {str(item.path) for item in found.files}
            gone = prune_gone(
                self._stages.store, found.roots, run.seen, on_disk, delete=self.delete
            )
            report.removed.extend(gone)
        self._refresh_derived(report)
        report.seconds = time.perf_counter() - began
        return report

    def ingest_documents(
        self, docs: Iterable[SourceDocument], *, progress: Progress | None = None
    ) -> IngestReport:
        """Index documents already in memory (benchmark corpora); unchanged ones cost nothing."""
        began = time.perf_counter()
        docs = list(docs)
        run = IngestRun(
            self._stages, self._chunker, total=len(docs), progress=progress or NoProgress()
        )
        report = run.ingest(offered_documents(docs))
        self._refresh_derived(report)
        report.seconds = time.perf_counter() - began
        return report

    def delete(self, doc_id: str) -> None:
        """Remove a document from the store and every derived index."""

        def change() -> list[ChunkHit]:
            self._stages.store.delete_document(doc_id)
            return []

        through_derived(self._stages.derived, [doc_id], change)

    def close(self) -> None:
        """End the stage threads once what was handed to them is stored; closing twice is
        harmless. An ingest after closing fails as soon as it has something to embed."""
        self._stages.close()

    def _refresh_derived(self, report: IngestReport) -> None:
        """Rebuild derived indexes now, so the first question after an ingest does not wait."""
        if report.added or report.updated or report.removed:
            for index in self._stages.derived:
                index.refresh()
