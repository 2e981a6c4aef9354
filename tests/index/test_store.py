"""The document record is the commit marker: chunks without a matching record are never served."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ask.retrieval.vector import VectorRetriever
from assistant.container import Container
from assistant.errors import StoreError
from index.store import text_id
from tests.conftest import STORE_MODES

pytestmark = pytest.mark.parametrize("store_mode", STORE_MODES, indirect=True)


def test_chunks_of_an_uncommitted_document_are_not_retrieved(
    container: Container, corpus: Path
) -> None:
    container.ingestor.ingest([corpus])
    # What a crash between writing chunks and writing the record leaves behind.
    raw = container.store.client.get_collection(container.settings.collection)
    vector = container.embedder.embed(["Ghost turbines power six million homes."])[0]
    raw.upsert(
        ids=["ghost.md#0000#0"],
        embeddings=[vector.tolist()],
        documents=["Ghost turbines power six million homes."],
        metadatas=[{"doc_id": "ghost.md", "content_hash": "0000", "start": 0, "end": 39}],
    )
    retriever = VectorRetriever(container.store, container.embedder, top_k=5)
    found = retriever.search("turbines six million homes", 5)
    assert found, "the committed wind-farm article should still be found"
    assert all(n.node.metadata["doc_id"] != "ghost.md" for n in found)


def test_deleted_document_disappears_from_retrieval(container: Container, corpus: Path) -> None:
    container.ingestor.ingest([corpus])
    container.store.delete_document("wind-farm.md")
    retriever = VectorRetriever(container.store, container.embedder, top_k=10)
    found = retriever.search("wind farm turbines", 10)
    assert all(n.node.metadata["doc_id"] != "wind-farm.md" for n in found)
    assert container.store.document_count() == 1


def test_a_collection_deleted_underneath_gives_a_one_line_store_error(
    container: Container, corpus: Path
) -> None:
    container.ingestor.ingest([corpus])
    container.store.client.delete_collection(container.store.name)
    with pytest.raises(StoreError, match="cannot count chunks in Chroma") as raised:
        container.store.chunk_count()
    assert "\n" not in str(raised.value)
    (corpus / "late.txt").write_text("A late article about a new tram line.\n", encoding="utf-8")
    with pytest.raises(StoreError, match="in Chroma"):
        container.ingestor.ingest([corpus])


def test_a_document_reads_with_the_text_of_its_committed_version_during_a_rewrite(
    container: Container, corpus: Path
) -> None:
    container.ingestor.ingest([corpus])
    committed = container.store.get_documents(["wind-farm.md"])["wind-farm.md"]
    # What a re-ingest has written before its commit: the new version's text, not yet its record.
    texts = container.store.client.get_collection(container.settings.collection + "-texts")
    texts.upsert(
        ids=[text_id("wind-farm.md", "f" * 64)],  # where the store puts that version's text
        embeddings=[[1.0]],
        metadatas=[{"doc_id": "wind-farm.md", "content_hash": "f" * 64, "text": "A rewrite."}],
    )
    assert container.store.get_documents(["wind-farm.md"])["wind-farm.md"].text == committed.text
    assert "Dogger Bank" in committed.text
    container.store.delete_document("wind-farm.md")
    assert texts.get(where={"doc_id": "wind-farm.md"})["ids"] == []


def test_a_document_stored_with_its_text_on_the_record_still_reads(
    container: Container, corpus: Path
) -> None:
    container.ingestor.ingest([corpus])
    # The layout before texts had a collection of their own: the text as the record's document.
    name = container.settings.collection
    texts = container.store.client.get_collection(name + "-texts")
    old = texts.get(where={"doc_id": "wind-farm.md"}, include=["metadatas"])
    texts.delete(ids=old["ids"])
    docs = container.store.client.get_collection(name + "-documents")
    docs.update(ids=["wind-farm.md"], embeddings=[[1.0]], documents=[old["metadatas"][0]["text"]])
    stored = container.store.get_documents(["wind-farm.md", "missing.md"])
    assert list(stored) == ["wind-farm.md"]
    assert "Dogger Bank" in stored["wind-farm.md"].text
