"""The document record is the commit marker: chunks without a matching record are never served."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ask.retrieval.vector import VectorRetriever
from assistant.container import Container
from index.store import INDEX_FORMAT, documents_collection_name, text_id
from tests.conftest import STORE_MODES

pytestmark = pytest.mark.parametrize("store_mode", STORE_MODES, indirect=True)


def test_chunks_of_an_uncommitted_document_are_not_retrieved(
    container: Container, corpus: Path
) -> None:
    container.ingestor.ingest([corpus])
    # What a crash between writing chunks and writing the record leaves behind.
    raw = container.store.client.get_collection(container.settings.collection)
    text = "Ghost turbines power six million homes."
    vector = container.embedder.embed([text])[0]
    raw.upsert(
        ids=["ghost.md#0000#0"],
        embeddings=[vector.tolist()],
        metadatas=[
            {"doc_id": "ghost.md", "content_hash": "0000", "start": 0, "end": 39, "text": text}
        ],
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


def test_every_write_and_delete_keeps_the_index_format_beside_a_new_generation(
    container: Container, corpus: Path
) -> None:
    docs_name = documents_collection_name(container.settings.collection)
    seen = {container.store.generation()}
    container.ingestor.ingest([corpus])
    seen.add(container.store.generation())
    container.store.delete_document("wind-farm.md")
    seen.add(container.store.generation())
    assert len(seen) == 3
    metadata = container.store.client.get_collection(docs_name).metadata
    assert metadata["index_format"] == INDEX_FORMAT
