"""In-memory documents (benchmark corpora) ingest like files: once, then unchanged for free."""

from __future__ import annotations

import nltk.redos
import pytest

from assistant.container import Container
from index.document import SourceDocument


def docs(turbines: int = 277) -> list[SourceDocument]:
    return [
        SourceDocument(
            doc_id="w1",
            text=f"The wind farm has {turbines} turbines. It powers six million homes.",
            title="Wind farm",
            source="bench",
        ),
        SourceDocument(doc_id="b1", text="The bakery sold rye bread.", title="Bakery", source="x"),
        SourceDocument(doc_id="e1", text="   ", title="Empty", source="x"),
    ]


def test_documents_ingest_once_and_keep_bm25_in_step(container: Container) -> None:
    first = container.ingestor.ingest_documents(docs())
    assert sorted(first.added) == ["b1", "w1"]
    assert [(s.path, s.reason) for s in first.skipped] == [("e1", "no text to index")]
    assert container.lexical.search("turbines", 1)[0].doc_id == "w1"

    again = container.ingestor.ingest_documents(docs())
    assert again.chunks_embedded == 0
    assert sorted(again.unchanged) == ["b1", "w1"]

    changed = container.ingestor.ingest_documents(docs(turbines=280))
    assert changed.updated == ["w1"]
    assert container.lexical.search("280", 1)[0].doc_id == "w1"
    assert container.lexical.chunk_ids() == frozenset(
        container.store._chunks.get(include=[])["ids"]
    )


def test_a_repeated_id_is_skipped(container: Container) -> None:
    twice = [docs()[0], docs(turbines=5)[0]]
    report = container.ingestor.ingest_documents(twice)
    assert report.added == ["w1"]
    assert [s.reason for s in report.skipped] == ["same document id twice"]


def test_a_document_that_cannot_be_split_in_time_is_skipped_and_the_rest_kept(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    container.ingestor.ingest_documents(docs())
    long = " ".join(f"Line {i} says the mill employs {i} people." for i in range(200))
    stalled = SourceDocument(doc_id="m1", text=long, title="Mill", source="x")
    short = SourceDocument(doc_id="c1", text="The cafe sold rye toast.", title="Cafe", source="x")
    monkeypatch.setattr(nltk.redos, "DEFAULT_TIMEOUT", 1e-9)  # every split of a long text trips

    report = container.ingestor.ingest_documents([stalled, short])

    assert report.added == ["c1"]
    assert [(s.path, s.reason) for s in report.skipped] == [
        ("m1", "sentence splitting ran out of time 2 times (a pathological text?)")
    ]
    assert container.store.document_count() == 3  # w1, b1 and c1
