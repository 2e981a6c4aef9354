"""Copying a collection moves records and vectors as they are, without re-embedding."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evals.bench.stores import copy_collection
from index.store import open_client


def test_copy_collection_keeps_ids_texts_metadata_and_vectors(tmp_path: Path) -> None:
    client = open_client(tmp_path / "chroma")
    source = client.create_collection("source", metadata={"hnsw:space": "cosine"})
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(7, 4)).astype(np.float32)
    source.add(
        ids=[f"c{i}" for i in range(7)],
        embeddings=vectors.tolist(),
        metadatas=[{"doc_id": f"d{i % 2}", "start": i, "text": f"text {i}"} for i in range(7)],
    )
    target = client.create_collection("target", metadata=source.metadata)
    assert copy_collection(source, target, batch=3) == 7
    got = target.get(ids=["c5"], include=["embeddings", "metadatas"])
    assert got["metadatas"][0] == {"doc_id": "d1", "start": 5, "text": "text 5"}
    assert np.allclose(got["embeddings"][0], vectors[5])
    assert target.count() == 7
