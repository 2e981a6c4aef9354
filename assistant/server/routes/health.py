"""Liveness and readiness, open even when a token is configured."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from assistant.errors import AssistantError
from assistant.server.deps import ContainerDep
from assistant.server.payloads import Health, Readiness

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
def healthz() -> Health:
    """The process is up."""
    return Health(status="ok")


@router.get("/readyz", response_model=Readiness, responses={503: {"model": Readiness}})
def readyz(container: ContainerDep) -> Readiness | JSONResponse:
    """The store answers and the embedder is loaded."""
    try:
        documents = container.store.document_count()
        chunks = container.store.chunk_count()
        container.embedder.embed(["ready"])
    except AssistantError as exc:
        return JSONResponse(status_code=503, content={"status": f"not ready: {exc}"})
    return Readiness(
        status="ready", documents=documents, chunks=chunks, embedder=container.embedder.model_name
    )
