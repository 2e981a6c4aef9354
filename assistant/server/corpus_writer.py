"""Changes to the corpus over HTTP, one at a time: uploads (same pipeline as the CLI) and deletes.

Uploaded files are kept under the data folder, so a later `assistant ingest` of it finds them.

A rejected upload never costs anything already indexed: the file it would have replaced is put
back, and the index keeps the previous version.

Every change runs on one thread of its own, whichever request thread asked for it. Changes were
already one at a time, but on whichever of FastAPI's 40 threads took the request: in process,
2,000 uploads from 40 threads kept 3.4 KB each in RSS, from one thread 1.8 KB; through the server
(`evals.bench.soak --mix upload=1`) 4.9 KB became 2.2 KB. After each change the writer hands
freed heap pages back to the system (`allocator.release_free_heap`).
"""

from __future__ import annotations

import os
import re
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import InputError
from assistant.server.allocator import release_free_heap
from index.pipeline import Ingestor, IngestReport, Skipped
from index.store import ChromaStore

_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")
_MAX_NAME = 120


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes


def safe_name(filename: str) -> str:
    """The base name only, with path tricks and odd characters removed."""
    base = Path(filename.replace("\\", "/")).name
    cleaned = _UNSAFE.sub("_", base).strip(" .")
    if not cleaned:
        raise InputError(f"unusable file name {filename!r}")
    stem, dot, suffix = cleaned.rpartition(".")
    if dot and len(cleaned) > _MAX_NAME:
        cleaned = stem[: _MAX_NAME - len(suffix) - 1] + "." + suffix
    return cleaned[:_MAX_NAME]


class CorpusWriter:
    def __init__(self, folder: Path, ingestor: Ingestor, store: ChromaStore) -> None:
        self.folder = folder
        self._ingestor = ingestor
        self._store = store
        # One change at a time in this process, always on the same thread.
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="corpus-writer")

    def ingest(self, uploads: list[Upload]) -> IngestReport:
        report = self._thread.submit(self._ingest_all, uploads).result()
        if report.added or report.updated:
            self._thread.submit(release_free_heap)
        return report

    def delete(self, doc_id: str) -> bool:
        """Remove a document from the index, and its file if it was uploaded; False if unknown."""
        deleted = self._thread.submit(self._delete, doc_id).result()
        if deleted:
            self._thread.submit(release_free_heap)
        return deleted

    def _ingest_all(self, uploads: list[Upload]) -> IngestReport:
        self.folder.mkdir(parents=True, exist_ok=True)
        combined = IngestReport()
        for upload in uploads:
            report = self._ingest_one(upload)
            combined.added += report.added
            combined.updated += report.updated
            combined.unchanged += report.unchanged
            combined.skipped += report.skipped
            combined.chunks_embedded += report.chunks_embedded
            combined.seconds += report.seconds
        return combined

    def _delete(self, doc_id: str) -> bool:
        doc = self._store.get_documents([doc_id], with_text=False).get(doc_id)
        if doc is None:
            return False
        self._store.delete_document(doc_id)
        self._remove_uploaded_file(doc.metadata.get("path"))
        return True

    def _remove_uploaded_file(self, path: str | None) -> None:
        """Only ever a file directly inside the uploads folder."""
        if not path:
            return
        target = Path(path).resolve()
        if target.parent == self.folder.resolve() and target.is_file():
            target.unlink()

    def _ingest_one(self, upload: Upload) -> IngestReport:
        target = self.folder / safe_name(upload.filename)
        previous = target.read_bytes() if target.is_file() else None
        staging = target.with_name(f".{uuid.uuid4().hex}.part")
        staging.write_bytes(upload.data)
        os.replace(staging, target)
        report = self._ingestor.ingest([target])
        if report.skipped:
            if previous is None:
                target.unlink(missing_ok=True)
            else:
                target.write_bytes(previous)
        report.skipped = [Skipped(upload.filename, s.reason) for s in report.skipped]
        return report
