"""Which of the runtime's set-ups an ingest embeds on: a long ingest takes the bulk one from its
first batch (the quick one spends about twice the CPU per token when batches queue up); an
upload's worth of documents keeps the quick one, so an API worker keeps one compiled model."""

from __future__ import annotations

from assistant.container import Container
from index.document import SourceDocument
from index.pipeline.run import _BULK_DOCUMENTS
from tests.conftest import ingestor_on
from tests.index.counting_runtime import quick_and_bulk


def _documents(count: int, prefix: str) -> list[SourceDocument]:
    return [
        SourceDocument(
            doc_id=f"{prefix}-{i}",
            text=f"Berth {i} of the harbour terminal opened on Friday. It takes {i} ships.",
            title=f"Berth {i}",
            source="test",
        )
        for i in range(count)
    ]


def test_a_long_ingest_embeds_on_the_bulk_set_up_from_its_first_batch(
    container: Container,
) -> None:
    quick, bulk = quick_and_bulk()
    report = ingestor_on(container, quick, batch_size=4).ingest_documents(
        _documents(_BULK_DOCUMENTS, "long")
    )
    assert len(report.added) == _BULK_DOCUMENTS
    assert quick.runs == 0
    assert bulk.runs == _BULK_DOCUMENTS // 4


def test_an_upload_sized_ingest_keeps_the_quick_set_up(container: Container) -> None:
    quick, bulk = quick_and_bulk()
    report = ingestor_on(container, quick, batch_size=4).ingest_documents(_documents(3, "short"))
    assert len(report.added) == 3
    assert (quick.runs, bulk.runs) == (1, 0)
