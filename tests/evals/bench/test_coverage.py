"""Coverage counts what the embedder reads: text past the 256-token window is not covered."""

from __future__ import annotations

from evals.bench.coverage import EmbeddedChunk, measure


def chunk(doc_id: str, text: str, start: int, length: int, prefix: str = "") -> EmbeddedChunk:
    part = text[start : start + length]
    return EmbeddedChunk(doc_id, start, part, prefix + part)


def test_chunks_inside_the_window_cover_the_whole_text() -> None:
    text = "Alpha beta gamma. Delta epsilon zeta.\n\nEta theta iota."
    chunks = [
        chunk("d", text, 0, 17, "Title\n"),
        chunk("d", text, 18, 19),
        chunk("d", text, 39, 15),
    ]
    measured = measure(chunks, {"d": text})
    assert measured.text_coverage == 1.0  # the gaps between chunks are only whitespace
    assert measured.tokens_chunked == measured.tokens_embedded


def test_a_chunk_longer_than_the_window_is_covered_only_up_to_it() -> None:
    text = " ".join(f"word{i}" for i in range(1000))
    measured = measure([chunk("d", text, 0, len(text), "A long title\n\n")], {"d": text})
    assert measured.tokens_embedded == 256
    assert measured.tokens_chunked > 1000
    assert 0.05 < measured.text_coverage < 0.3


def test_overlapping_chunks_are_not_counted_twice() -> None:
    text = "one two three four five six seven eight"
    chunks = [chunk("d", text, 0, 23), chunk("d", text, 8, 23)]  # union: text[0:31]
    covered = len(text[:31].replace(" ", ""))
    assert measure(chunks, {"d": text}).text_coverage == round(covered / 32, 4)
