"""Sentence vectors survive their compact encoding, and a mismatched or damaged blob is refused."""

from __future__ import annotations

import numpy as np

from index import sentence_vectors


def unit_rows(count: int, seed: int = 0) -> np.ndarray:
    rows = np.random.default_rng(seed).normal(size=(count, sentence_vectors.DIMENSIONS))
    unit: np.ndarray = (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)
    return unit


def test_encoded_vectors_keep_their_direction() -> None:
    original = unit_rows(12)
    decoded = sentence_vectors.decode(sentence_vectors.encode(original), 12)
    assert decoded is not None
    assert (decoded * original).sum(axis=1).min() > 0.999
    assert np.allclose(np.linalg.norm(decoded, axis=1), 1.0, atol=1e-5)


def test_a_zero_row_stays_zero_so_the_answerer_embeds_that_sentence_itself() -> None:
    rows = unit_rows(3)
    rows[1] = 0
    decoded = sentence_vectors.decode(sentence_vectors.encode(rows), 3)
    assert decoded is not None
    assert not decoded[1].any()
    assert decoded[0].any()


def test_a_blob_for_another_number_of_sentences_is_refused() -> None:
    blob = sentence_vectors.encode(unit_rows(4))
    assert sentence_vectors.decode(blob, 5) is None
    assert sentence_vectors.decode(blob, 3) is None


def test_missing_or_damaged_blobs_are_refused() -> None:
    assert sentence_vectors.decode(None, 2) is None
    assert sentence_vectors.decode(12, 2) is None
    assert sentence_vectors.decode("not base64 at all!", 2) is None
    assert sentence_vectors.decode("", 0) is None


def test_about_a_third_of_a_kilobyte_per_sentence() -> None:
    assert len(sentence_vectors.encode(unit_rows(10))) <= 10 * 520
