"""The ONNX int8 embedder reproduces the fp32 sentence-transformers model's vectors."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding

from index.embedding import MiniLMOnnxEmbedding

REFERENCE = json.loads((Path(__file__).parent / "reference_vectors.json").read_text())


def test_vectors_match_the_fp32_reference(embedder: MiniLMOnnxEmbedding) -> None:
    ours = embedder.embed(REFERENCE["texts"])
    reference = np.array(REFERENCE["vectors"], dtype=np.float32)
    cosines = (ours * reference).sum(axis=1)
    assert cosines.min() > 0.99, cosines


def test_vectors_are_unit_length_and_384_wide(embedder: MiniLMOnnxEmbedding) -> None:
    vectors = embedder.embed(["short", "a somewhat longer sentence about steel output"])
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_length_sorted_batches_return_vectors_in_input_order(embedder: MiniLMOnnxEmbedding) -> None:
    texts = ["x " * n + "end" for n in (50, 1, 20, 3, 80)]
    together = embedder.embed(texts)
    alone = np.vstack([embedder.embed([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-4)


def test_long_text_is_truncated_not_refused(embedder: MiniLMOnnxEmbedding) -> None:
    assert embedder.embed(["word " * 2000]).shape == (1, 384)


def test_it_is_a_llama_index_embedding(embedder: MiniLMOnnxEmbedding) -> None:
    assert isinstance(embedder, BaseEmbedding)
    query = embedder.get_query_embedding("How many action points?")
    text = embedder.get_text_embedding("The campaign has 58 action points.")
    assert len(query) == 384
    assert float(np.dot(query, text)) > 0.5
