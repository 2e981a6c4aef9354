"""One ingest, made per call: the loop every document goes through, and the run's own state
(its report, progress, the documents seen, the groups on their way to the store), so that nothing
of one ingest is left behind for the next."""

from __future__ import annotations

from collections.abc import Iterable

from assistant.errors import IngestError
from index.chunker import Chunker
from index.document import SourceDocument
from index.pipeline.chunked import Chunked, chunk_document
from index.pipeline.offered import Offered
from index.pipeline.report import IngestReport, Progress, Skipped
from index.pipeline.stages import StagedWrites, Stages

# Chunks embedded and written together, across documents. Larger groups pad less (each group is
# sorted by length on its own) and cost Chroma fewer calls: 512 took 5 % less CPU than 256, 1,024
# another 3 % less than 512 (padding 4.9 % against 5.6 %; 2,048 was slower again).
_EMBED_GROUP_CHUNKS = 1024
_FIRST_GROUP_CHUNKS = 32  # then four times larger each group, up to _EMBED_GROUP_CHUNKS
_LAST_PIECE_CHUNKS = 128
# An ingest of this many documents embeds on the runtime's bulk set-up from its first batch.
_BULK_DOCUMENTS = 16


class IngestRun:
    """Begun on creation: writes an earlier process left half done are finished first, then the
    stored documents' hashes tell unchanged documents from the rest."""

    def __init__(
        self,
        stages: Stages,
        chunker: Chunker,
        *,
        total: int,
        progress: Progress,
        skipped: Iterable[Skipped] = (),
    ) -> None:
        self.report = IngestReport(skipped=list(skipped))
        self.seen: dict[str, str] = {}  # document id → where it was first offered
        self._chunker = chunker
        self._limits = stages.embedder.limits
        self._progress = progress
        self._pending: list[Chunked] = []  # chunked, not yet handed over
        self._groups = 0  # groups handed over
        stages.store.finish_interrupted_writes()
        self._existing = stages.store.document_hashes()  # document id → content hash
        self._writes = StagedWrites(stages, bulk=total >= _BULK_DOCUMENTS, on_stored=self._stored)
        progress.start(total)

    def ingest(self, offered: Iterable[Offered]) -> IngestReport:
        """Every document offered, then every group stored. A failure anywhere stops the
        stages before it is raised, so nothing of this run is still writing afterwards."""
        try:
            for item in offered:
                self._take(item)
                self._progress.advance(item.label)
            self._hand_over_last()
        except BaseException:
            self._writes.stop()
            raise
        self._writes.finish()
        return self.report

    def _take(self, item: Offered) -> None:
        doc = item.doc
        if isinstance(doc, IngestError):
            self.report.skipped.append(Skipped(item.where, str(doc)))
            return
        first = self.seen.get(doc.doc_id)
        if first is not None:
            self.report.skipped.append(Skipped(item.where, item.repeat_reason(doc.doc_id, first)))
        elif self._existing.get(doc.doc_id) == doc.content_hash:
            self.report.unchanged.append(doc.doc_id)
        elif isinstance(chunked := self._chunked(doc), IngestError):
            self.report.skipped.append(Skipped(item.where, str(chunked)))
        elif not chunked.chunks:
            self.report.skipped.append(Skipped(item.where, "no text to index"))
        else:
            self._pending.append(chunked)
            if sum(len(c.chunks) for c in self._pending) >= self._group_chunks():
                self._hand_over(self._pending)
                self._pending = []
        self.seen.setdefault(doc.doc_id, item.where)

    def _chunked(self, doc: SourceDocument) -> Chunked | IngestError:
        """The document's chunks, or why it cannot be cut (the rest of the run goes on)."""
        try:
            return chunk_document(doc, self._chunker, self._limits)
        except IngestError as exc:
            return exc

    def _group_chunks(self) -> int:
        """Small first groups get the embedder going while the rest is still being chunked."""
        return min(_EMBED_GROUP_CHUNKS, _FIRST_GROUP_CHUNKS << (2 * min(self._groups, 4)))

    def _hand_over_last(self) -> None:
        """The last group in smaller pieces: nothing overlaps the write after the last embedding,
        so a small last piece keeps that tail short (a whole group's write took 0.4 s)."""
        piece: list[Chunked] = []
        size = 0
        for item in self._pending:
            piece.append(item)
            size += len(item.chunks)
            if size >= _LAST_PIECE_CHUNKS:
                self._hand_over(piece)
                piece, size = [], 0
        self._hand_over(piece)
        self._pending = []

    def _hand_over(self, group: list[Chunked]) -> None:
        if not group:
            return
        self._writes.hand_over(group)
        self._groups += 1
        self.report.chunks_embedded += sum(len(item.inputs) for item in group)

    def _stored(self, docs: list[SourceDocument]) -> None:
        for doc in docs:
            (self.report.updated if doc.doc_id in self._existing else self.report.added).append(
                doc.doc_id
            )
