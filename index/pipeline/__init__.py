"""Ingestion: files or documents in, chunks, vectors and document records in the store out.

Modules: `ingestor` (the long-lived Ingestor and its stage threads' owner), `run` (one ingest's
loop and state), `stages` (embed and write threads), `offered` (files and documents as one kind
of item), `chunked` (a document's chunks and the text each is embedded as), `prune` (documents
whose files are gone), `report` (what an ingest says it did, and its progress protocol).
"""

from index.pipeline.chunked import embedding_text, sentence_spans
from index.pipeline.ingestor import Ingestor
from index.pipeline.report import IngestReport, NoProgress, Progress, Skipped

__all__ = [
    "IngestReport",
    "Ingestor",
    "NoProgress",
    "Progress",
    "Skipped",
    "embedding_text",
    "sentence_spans",
]
