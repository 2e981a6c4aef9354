"""Request and response models of the JSON API (OpenAI-compatible ones: routes/openai.py)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from assistant.schema import Scope, Turn


class AskRequest(Scope):
    question: str = Field(description="The question.", examples=["How many action points?"])
    history: list[Turn] = Field(
        default_factory=list, description="Earlier turns of the conversation, oldest first."
    )
    top_k: int | None = Field(default=None, ge=1, le=50, description="Chunks to retrieve.")


class DocumentSummary(BaseModel):
    id: str
    title: str
    source: str
    url: str | None = None
    published: str | None = None
    author: str | None = None
    chunks: int = 0


class SourceSummary(BaseModel):
    name: str = Field(description="As stored; filters match it in any case.")
    documents: int


class SourceList(BaseModel):
    sources: list[SourceSummary]


class DocumentList(BaseModel):
    documents: list[DocumentSummary]
    total: int


class Highlight(BaseModel):
    start: int
    end: int
    text: str


class DocumentDetail(DocumentSummary):
    text: str
    highlights: list[Highlight] = Field(
        default_factory=list, description="The requested spans, e.g. a citation's quote."
    )


class SkippedFile(BaseModel):
    file: str
    reason: str


class UploadResult(BaseModel):
    added: list[str]
    updated: list[str]
    unchanged: list[str]
    skipped: list[SkippedFile]
    chunks_embedded: int
    seconds: float


class Deleted(BaseModel):
    id: str
    deleted: bool = True


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    documents: int
    chunks: int
    embedder: str
