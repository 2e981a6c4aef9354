"""A whole document's chunks, read back from its record: the committed version only, in order."""

from __future__ import annotations

from pathlib import Path

from assistant.container import Container
from index import sentence_vectors
from tests.conftest import SEED_DOC_ID, SEED_TEXT


def test_every_chunk_of_the_document_comes_back_in_order(
    container: Container, corpus: Path
) -> None:
    container.ingestor.ingest([corpus])
    chunks = container.store.document_chunks(SEED_DOC_ID)
    assert len(chunks) > 1
    starts = [int(c.metadata["start"]) for c in chunks]
    assert starts == sorted(starts)
    assert starts[0] == 0
    assert int(chunks[-1].metadata["end"]) == len(SEED_TEXT.rstrip())
    assert {c.metadata["doc_id"] for c in chunks} == {SEED_DOC_ID}
    assert all(sentence_vectors.METADATA_KEY in c.metadata for c in chunks)
    for chunk in chunks:
        begin = int(chunk.metadata["start"])
        assert SEED_TEXT[begin : begin + len(chunk.text)] == chunk.text


def test_only_the_committed_version_is_read(container: Container, corpus: Path) -> None:
    container.ingestor.ingest([corpus])
    (corpus / "wind-farm.md").write_text(
        "---\ntitle: North Sea wind farm opens\n---\nThe Dogger Bank wind farm is delayed.\n",
        encoding="utf-8",
    )
    container.ingestor.ingest([corpus])
    chunks = container.store.document_chunks("wind-farm.md")
    assert [c.text for c in chunks] == ["The Dogger Bank wind farm is delayed."]


def test_an_unknown_document_has_no_chunks(container: Container) -> None:
    assert container.store.document_chunks("no-such-document.txt") == []
