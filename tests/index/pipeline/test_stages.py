"""The ingestion stages (chunk → embed → store) stop cleanly when one fails, or when the caller's
side of an ingest does: the error surfaces once every stage has stopped, what was committed stays
whole, and the next ingest completes. Closing the ingestor ends its stage threads."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from assistant.container import Container
from assistant.errors import EmbedderError
from index.embedding.onnx_runner import OnnxRunner, int8_model_path
from index.pipeline import IngestReport
from index.pipeline import run as ingest_run
from tests.conftest import ingestor_on


class FailingRuntime:
    """The real int8 runtime, failing from its third batch on while `broken` (as a runtime that
    runs out of memory mid-ingest would)."""

    streams = 1
    width_multiple = 1

    def __init__(self) -> None:
        self._runner = OnnxRunner(int8_model_path())
        self.broken = True
        self.calls = 0

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        self.calls += 1
        if self.broken and self.calls > 2:
            raise EmbedderError("the embedding runtime failed")
        return self._runner(ids, mask)

    def for_bulk(self) -> FailingRuntime:
        return self


def whole_documents(container: Container) -> dict[str, int]:
    """doc_id → chunks of its committed version, asserting each is complete."""
    records = container.store.list_documents(limit=100)
    counts = {}
    for record in records:
        got = container.store._chunks.get(
            where={"$and": [{"doc_id": record.doc_id}, {"content_hash": record.content_hash}]},
            include=[],
        )
        assert len(got["ids"]) == record.metadata["chunks"], record.doc_id
        counts[record.doc_id] = len(got["ids"])
    return counts


def test_a_failed_stage_surfaces_after_the_others_stop_and_the_next_ingest_completes(
    container: Container, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_run, "_FIRST_GROUP_CHUNKS", 2)  # many groups, more than the slots
    monkeypatch.setattr(ingest_run, "_EMBED_GROUP_CHUNKS", 2)
    runtime = FailingRuntime()
    ingestor = ingestor_on(container, runtime, batch_size=1, with_lexical=True)

    def fail_three_times_then_ingest() -> IngestReport:
        for _ in range(3):  # each failure must give back what it held, or the next one waits
            runtime.calls = 0
            with pytest.raises(EmbedderError, match="runtime failed"):
                ingestor.ingest([corpus])
            assert len(whole_documents(container)) < 2  # the failure stopped it part-way
        runtime.broken = False
        return ingestor.ingest([corpus])

    outcome: list[IngestReport | BaseException] = []
    worker = threading.Thread(target=lambda: outcome.append(_run(fail_three_times_then_ingest)))
    worker.daemon = True  # a pipeline left waiting must fail this test, not hang it
    worker.start()
    worker.join(timeout=90)
    assert outcome, "an ingest never finished: a failed one left a stage or a slot held"
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    report = outcome[0]
    assert sorted(report.added + report.updated + report.unchanged) == sorted(
        p.name for p in corpus.iterdir()
    )
    clean = container.ingestor.ingest([corpus])  # the container's own, healthy pipeline
    assert clean.chunks_embedded == 0  # nothing left to do: the store is a clean ingest's
    assert sum(whole_documents(container).values()) == container.store.chunk_count()


def _run(step: Callable[[], IngestReport]) -> IngestReport | BaseException:
    try:
        return step()
    except BaseException as exc:  # handed to the test's thread, which raises it
        return exc


class FailingProgress:
    """A progress display that breaks after `shown` documents (the caller's side of an ingest)."""

    def __init__(self, shown: int) -> None:
        self.left = shown

    def start(self, total: int) -> None:
        pass

    def advance(self, label: str) -> None:
        self.left -= 1
        if self.left < 0:
            raise RuntimeError("progress display failed")


def test_a_failure_on_the_caller_s_side_stops_the_stages_and_the_next_ingest_reports_it_all(
    container: Container, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_run, "_FIRST_GROUP_CHUNKS", 2)  # a group is handed over at once
    ingestor = ingestor_on(container, OnnxRunner(int8_model_path()), batch_size=4)

    def fail_then_ingest() -> IngestReport:
        with pytest.raises(RuntimeError, match="progress display failed"):
            ingestor.ingest([corpus], progress=FailingProgress(shown=0))
        return ingestor.ingest([corpus])

    outcome: list[IngestReport | BaseException] = []
    worker = threading.Thread(target=lambda: outcome.append(_run(fail_then_ingest)))
    worker.daemon = True  # a stage left waiting for the failed ingest must fail this test
    worker.start()
    worker.join(timeout=60)
    assert outcome, "the next ingest never finished: the failed one left its stages running"
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    report = outcome[0]
    assert sorted(report.added + report.unchanged) == sorted(p.name for p in corpus.iterdir())
    assert report.unchanged  # the group handed over before the failure was stored whole
    assert sum(whole_documents(container).values()) == container.store.chunk_count()


def test_closing_the_ingestor_ends_its_stage_threads_and_closing_again_is_harmless(
    container: Container, corpus: Path
) -> None:
    before = set(threading.enumerate())
    ingestor = ingestor_on(container, OnnxRunner(int8_model_path()), batch_size=8)
    assert ingestor.ingest([corpus]).added
    stages = {
        thread
        for thread in set(threading.enumerate()) - before
        if thread.name.startswith(("embed", "chroma-write"))
    }
    assert len(stages) == 2
    ingestor.close()
    ingestor.close()
    assert not any(thread.is_alive() for thread in stages)
