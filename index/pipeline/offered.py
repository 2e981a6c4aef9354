"""What an ingest is given, one document at a time: files read as the run reaches them, or
documents already in memory (benchmark corpora). Both go through the same `IngestRun`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from assistant.errors import IngestError
from index.discover import FoundFile
from index.document import SourceDocument
from index.read import read_document


@dataclass(frozen=True)
class Offered:
    """One document for the run, or why its file could not be read."""

    where: str  # names it in the report: its file's path, or its id when given in memory
    label: str  # what progress shows
    doc: SourceDocument | IngestError
    from_file: bool

    def repeat_reason(self, doc_id: str, first: str) -> str:
        """Why it is skipped when the one offered at `first` had the same document id."""
        if self.from_file:
            return f"same document id {doc_id!r} as {first}"
        return "same document id twice"


def offered_files(files: Sequence[FoundFile], *, max_bytes: int) -> Iterator[Offered]:
    """Each file read only when the run asks for it: one file's bytes in memory at a time."""
    for found in files:
        try:
            doc: SourceDocument | IngestError = read_document(found, max_bytes=max_bytes)
        except IngestError as exc:
            doc = exc
        yield Offered(str(found.path), found.relative_id, doc, from_file=True)


def offered_documents(docs: Iterable[SourceDocument]) -> Iterator[Offered]:
    for doc in docs:
        yield Offered(doc.doc_id, doc.doc_id, doc, from_file=False)
