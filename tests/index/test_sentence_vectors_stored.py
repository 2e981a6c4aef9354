"""Ingestion stores one vector per sentence on each chunk; older indexes are upgraded by ingest."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.container import Container
from index import sentence_vectors
from index.sentences import split_sentences
from tests.conftest import SEED_DOC_ID, STORE_MODES

pytestmark = pytest.mark.parametrize("store_mode", STORE_MODES, indirect=True)


def stored_chunks(container: Container) -> dict[str, tuple[str, dict[str, object]]]:
    ids = container.store._chunks.get(include=[])["ids"]
    return {cid: (hit.text, hit.metadata) for cid, hit in container.store.get_chunks(ids).items()}


def test_every_chunk_carries_a_vector_for_each_of_its_sentences(
    container: Container, corpus: Path
) -> None:
    container.ingestor.ingest([corpus])
    chunks = stored_chunks(container)
    assert chunks
    for text, meta in chunks.values():
        count = len(split_sentences(text))
        vectors = sentence_vectors.decode(meta[sentence_vectors.METADATA_KEY], count)
        assert vectors is not None
        assert vectors.shape == (count, 384)
        assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_derived_indexes_read_chunks_without_the_sentence_vectors(
    container: Container, corpus: Path
) -> None:
    container.ingestor.ingest([corpus])
    chunks = container.store.all_chunks()
    assert chunks
    assert all(sentence_vectors.METADATA_KEY not in c.metadata for c in chunks)


def test_a_document_indexed_before_sentence_vectors_is_reindexed_by_the_next_ingest(
    container: Container, corpus: Path
) -> None:
    container.ingestor.ingest([corpus])
    docs = container.store._docs
    record = docs.get(ids=[SEED_DOC_ID], include=["metadatas"])["metadatas"][0]
    docs.update(ids=[SEED_DOC_ID], metadatas=[{**record, "index_format": 1}])
    report = container.ingestor.ingest([corpus])
    assert report.updated == [SEED_DOC_ID]
    assert report.unchanged == ["wind-farm.md"]
    assert container.ingestor.ingest([corpus]).chunks_embedded == 0
