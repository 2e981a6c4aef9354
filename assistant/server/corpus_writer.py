"""Changes to the corpus over HTTP, one at a time: uploads (same pipeline as the CLI) and deletes.

Uploaded files are kept under the data folder, so a later `assistant ingest` of it finds them.

A rejected upload never costs anything already indexed: the file it would have replaced is put
back, and the index keeps the previous version.

Every change runs on one thread of its own, whichever request thread asked for it, at a lower
CPU priority than the threads answering questions; the files of one upload are ingested together.
Changes were already one at a time, but on whichever of FastAPI's 40 threads took the request: in
process, 2,000 uploads from 40 threads kept 3.4 KB each in RSS, from one thread 1.8 KB; through
the server (`evals.bench.soak --mix upload=1`) 4.9 KB became 2.2 KB. After each change the
writer hands freed heap pages back to the system (`allocator.release_free_heap`).
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import InputError
from assistant.server.allocator import release_free_heap
from index.pipeline import Ingestor, IngestReport, Skipped
from index.store import ChromaStore

_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")
UPLOAD_NICENESS = 10  # added to the nice value of the thread that ingests uploads
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
        self._thread: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def ingest(self, uploads: list[Upload]) -> IngestReport:
        report = self._writer().submit(self._ingest_all, uploads).result()
        if report.added or report.updated:
            self._writer().submit(release_free_heap)
        return report

    def close(self) -> None:
        """Waits for the change under way, then stops the thread; safe to call twice. A later
        change starts a new one (an app's lifespan may run again, as test clients do)."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            thread.shutdown()

    def _writer(self) -> ThreadPoolExecutor:
        """One change at a time in this process, always on the same thread, below the priority
        of the threads answering questions (`_yield_to_questions`)."""
        with self._lock:
            if self._thread is None:
                self._thread = ThreadPoolExecutor(
                    max_workers=1,
                    thread_name_prefix="corpus-writer",
                    initializer=_yield_to_questions,
                )
            return self._thread

    def delete(self, doc_id: str) -> bool:
        """Remove a document from the index, and its file if it was uploaded; False if unknown."""
        deleted = self._writer().submit(self._delete, doc_id).result()
        if deleted:
            self._writer().submit(release_free_heap)
        return deleted

    def _ingest_all(self, uploads: list[Upload]) -> IngestReport:
        """The files of one request in one ingest (one BM25 rebuild, one pipeline) rather than
        one each: 20 uploaded news pages had cost 20 rebuilds of the whole index, and questions
        on the same worker waited behind them. A name given twice splits the request, so the
        later file still replaces the earlier."""
        self.folder.mkdir(parents=True, exist_ok=True)
        combined = IngestReport()
        for run in _distinct_runs(uploads):
            report = self._ingest_run(run)
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
        self._ingestor.delete(doc_id)
        self._remove_uploaded_file(doc.metadata.get("path"))
        return True

    def _remove_uploaded_file(self, path: str | None) -> None:
        """Only ever a file directly inside the uploads folder."""
        if not path:
            return
        target = Path(path).resolve()
        if target.parent == self.folder.resolve() and target.is_file():
            target.unlink()

    def _ingest_run(self, uploads: list[tuple[Upload, str]]) -> IngestReport:
        """Uploads with distinct (safe) names: each file put in place, then one ingest of them
        all; a file it skips is put back as it was (or removed), so the index and the folder keep
        the previous version."""
        staged: list[tuple[Upload, Path, bytes | None]] = []
        for upload, name in uploads:
            target = self.folder / name
            previous = target.read_bytes() if target.is_file() else None
            staging = target.with_name(f".{uuid.uuid4().hex}.part")
            staging.write_bytes(upload.data)
            os.replace(staging, target)
            staged.append((upload, target.resolve(), previous))
        report = self._ingestor.ingest([target for _, target, _ in staged])
        reasons = {Path(s.path).resolve(): s.reason for s in report.skipped}
        report.skipped = []
        for upload, target, previous in staged:
            if target not in reasons:
                continue
            if previous is None:
                target.unlink(missing_ok=True)
            else:
                target.write_bytes(previous)
            report.skipped.append(Skipped(upload.filename, reasons[target]))
        return report


def _yield_to_questions() -> None:
    """Lower this thread's CPU priority, and so that of the threads it starts (the ingest's
    stages, the model's bulk streams): an upload then takes the cores questions leave idle.
    With 20 news pages per upload to one worker, `/api/ask` p50 went from 60 to 29–30 ms (idle:
    20 ms) and the uploads took no longer. Linux only: there the call changes the calling
    thread; elsewhere it would lower the whole server."""
    if sys.platform == "linux":
        with contextlib.suppress(OSError):
            current = os.getpriority(os.PRIO_PROCESS, 0)
            os.setpriority(os.PRIO_PROCESS, 0, min(19, current + UPLOAD_NICENESS))


def _distinct_runs(uploads: list[Upload]) -> list[list[tuple[Upload, str]]]:
    """Consecutive runs of uploads whose safe file names differ, each with that name (a bad name
    raises before any file is written)."""
    runs: list[list[tuple[Upload, str]]] = [[]]
    names: set[str] = set()
    for upload in uploads:
        name = safe_name(upload.filename)
        if name in names:
            runs.append([])
            names = set()
        runs[-1].append((upload, name))
        names.add(name)
    return [run for run in runs if run]
