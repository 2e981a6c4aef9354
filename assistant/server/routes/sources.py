"""GET /api/sources: the source names filters can name, with their document counts."""

from __future__ import annotations

from fastapi import APIRouter

from assistant.server.deps import ContainerDep
from assistant.server.payloads import SourceList, SourceSummary

router = APIRouter(prefix="/api", tags=["documents"])


@router.get("/sources", response_model=SourceList)
def list_sources(container: ContainerDep) -> SourceList:
    """Every source in the corpus, by name; `filters.sources` matches these in any case."""
    counts = container.store.source_counts()
    return SourceList(
        sources=[SourceSummary(name=name, documents=counts[name]) for name in sorted(counts)]
    )
