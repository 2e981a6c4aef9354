"""MinHash sketches: small edits stay near-duplicates; other texts and other chunks do not."""

from __future__ import annotations

import numpy as np

from index.near_duplicates import SKETCH_SIZE, FirstCopies, near_duplicate, signature

STORY = (
    "The Dogger Bank wind farm began supplying power on Monday. Its 277 turbines can power six "
    "million homes, the operator said, adding that a second phase would follow next year once "
    "the grid connection is finished and the last foundations have been installed at sea. "
    "Engineers said the cables running to the coast had been tested over the winter months."
)


def test_identical_and_lightly_edited_texts_are_near_duplicates() -> None:
    assert near_duplicate(signature(STORY), signature(STORY.upper()))
    edited = STORY.replace("Monday", "Tuesday") + " (Reuters)"
    assert near_duplicate(signature(STORY), signature(edited))


def test_different_texts_and_half_overlapping_chunks_are_not() -> None:
    other = (
        "Rainfall in March was twice the long-term average, the Met Office said on Friday, "
        "with flooding in several northern towns and rivers at record heights for the season."
    )
    assert not near_duplicate(signature(STORY), signature(other))
    words = STORY.split()
    first_half, second_half = " ".join(words[:40]), " ".join(words[20:])
    assert not near_duplicate(signature(first_half), signature(second_half))
    assert not near_duplicate(signature(""), signature(""))


def test_sketches_are_stable_across_processes() -> None:
    # Built from crc32 and a fixed seed, never Python's salted hash(): saved sketches stay valid.
    sketch = signature("the same article syndicated twice")
    assert sketch.shape == (SKETCH_SIZE,)
    assert sketch.dtype == np.uint32
    assert np.array_equal(sketch, signature("The same article, syndicated twice."))
    assert (int(sketch[0]), int(sketch.sum(dtype=np.uint64))) == (93965429, 47204543408)


def test_first_copies_admits_each_text_once_and_grows() -> None:
    seen = FirstCopies()
    texts = [f"Article number {i} about topic {i * 7} in city {i * 13} today." for i in range(40)]
    assert all(seen.admit(signature(t)) for t in texts)
    assert not seen.admit(signature(texts[3].upper()))
    assert seen.admit(signature(""))  # nothing to compare: never a duplicate
    assert seen.admit(signature(""))
