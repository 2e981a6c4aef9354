"""The corpus over HTTP: list, read (with highlighted spans), upload and delete documents.

Ids are looked up in the store, never used as file paths, so `../../etc/passwd` is just an id
that does not exist.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, File, HTTPException, Query, Request, UploadFile
from starlette.concurrency import run_in_threadpool

from assistant.server.corpus_writer import CorpusWriter, Upload
from assistant.server.deps import ContainerDep
from assistant.server.payloads import (
    Deleted,
    DocumentDetail,
    DocumentList,
    DocumentSummary,
    Highlight,
    SkippedFile,
    UploadResult,
)
from index.store import StoredDocument

router = APIRouter(prefix="/api/documents", tags=["documents"])
_SPAN = re.compile(r"^(\d{1,10})-(\d{1,10})$")
MAX_FILES_PER_UPLOAD = 20


def summary(doc: StoredDocument) -> DocumentSummary:
    meta = doc.metadata
    return DocumentSummary(
        id=doc.doc_id,
        title=doc.title,
        source=doc.source,
        url=meta.get("url"),
        published=meta.get("published"),
        author=meta.get("author"),
        chunks=int(meta.get("chunks", 0)),
    )


@router.get("", response_model=DocumentList)
def list_documents(
    container: ContainerDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
    q: Annotated[
        str | None, Query(max_length=200, description="Only titles containing this (any case).")
    ] = None,
) -> DocumentList:
    """Indexed documents, a page at a time."""
    if q and q.strip():
        found, total = container.store.find_documents(q.strip(), limit=limit, offset=offset)
        return DocumentList(documents=[summary(d) for d in found], total=total)
    docs = container.store.list_documents(limit=limit, offset=offset)
    return DocumentList(
        documents=[summary(d) for d in docs], total=container.store.document_count()
    )


@router.get("/{doc_id:path}", response_model=DocumentDetail)
def read_document(
    doc_id: str,
    container: ContainerDep,
    highlight: Annotated[
        list[str] | None,
        Query(description="Spans to highlight as START-END character offsets (repeatable)."),
    ] = None,
) -> DocumentDetail:
    """A document's text and metadata, plus the requested spans (e.g. a citation's quote)."""
    doc = container.store.get_documents([doc_id]).get(doc_id)
    if doc is None:
        raise HTTPException(status_code=404, detail=f"no document with id {doc_id!r}")
    spans = []
    for raw in highlight or []:
        match = _SPAN.match(raw)
        if not match:
            raise HTTPException(status_code=422, detail=f"highlight {raw!r} is not START-END")
        start, end = int(match.group(1)), int(match.group(2))
        if not 0 <= start < end <= len(doc.text):
            raise HTTPException(status_code=422, detail=f"highlight {raw} is outside the document")
        spans.append(Highlight(start=start, end=end, text=doc.text[start:end]))
    return DocumentDetail(**summary(doc).model_dump(), text=doc.text, highlights=spans)


@router.post("", response_model=UploadResult)
async def upload_documents(
    request: Request,
    files: Annotated[list[UploadFile], File(description="Articles (.txt .md .html .pdf).")],
) -> UploadResult:
    """Ingest uploaded files with the same pipeline as `assistant ingest`."""
    if len(files) > MAX_FILES_PER_UPLOAD:
        raise HTTPException(
            status_code=413, detail=f"at most {MAX_FILES_PER_UPLOAD} files per upload"
        )
    uploads = [Upload(filename=f.filename or "upload", data=await f.read()) for f in files]
    writer: CorpusWriter = request.app.state.corpus_writer
    report = await run_in_threadpool(writer.ingest, uploads)
    return UploadResult(
        added=report.added,
        updated=report.updated,
        unchanged=report.unchanged,
        skipped=[SkippedFile(file=s.path, reason=s.reason) for s in report.skipped],
        chunks_embedded=report.chunks_embedded,
        seconds=round(report.seconds, 3),
    )


@router.delete("/{doc_id:path}", response_model=Deleted)
def delete_document(doc_id: str, request: Request) -> Deleted:
    """Remove a document from the index (and its file, if it was uploaded)."""
    writer: CorpusWriter = request.app.state.corpus_writer
    if not writer.delete(doc_id):
        raise HTTPException(status_code=404, detail=f"no document with id {doc_id!r}")
    return Deleted(id=doc_id)
