"""Chunks stay within the embedder's window and always map back to the document text exactly."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import nltk.redos
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from llama_index.core.node_parser import SentenceSplitter

from assistant.errors import DocumentRejected
from index.chunker import Chunker
from index.embedding import load_tokenizer
from index.loaders import loader_for
from tests.conftest import SEED_TEXT
from tests.index.loaders.documents import news_html, text_pdf

TOKENIZER = load_tokenizer(for_model=False)


def chunker(tokens: int = 200, overlap: int = 32) -> Chunker:
    return Chunker(TOKENIZER, chunk_tokens=tokens, overlap_tokens=overlap)


def assert_offsets_hold(text: str, chunker_: Chunker) -> None:
    chunks = chunker_.chunk(text)
    for chunk in chunks:
        assert text[chunk.start : chunk.end] == chunk.text
    assert [c.index for c in chunks] == list(range(len(chunks)))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("seed.txt", SEED_TEXT.encode()),
        ("a.md", b"---\ntitle: T\n---\n# Heading\n\n" + SEED_TEXT.encode()),
        ("a.html", news_html(body=SEED_TEXT.split("\n")).encode()),
        ("a.pdf", text_pdf(SEED_TEXT.split("\n"))),
    ],
)
def test_offsets_map_back_to_the_text_for_every_format(name: str, data: bytes) -> None:
    text = loader_for(Path(name))(data, Path(name)).text
    assert_offsets_hold(text, chunker())
    assert_offsets_hold(text, chunker(tokens=48, overlap=8))


def test_chunks_fit_the_embedder_window_and_cover_the_text() -> None:
    chunks = chunker().chunk(SEED_TEXT)
    assert len(chunks) > 1
    for chunk in chunks:
        assert len(TOKENIZER.encode(chunk.text, add_special_tokens=False).ids) <= 200
    covered = set()
    for chunk in chunks:
        covered.update(range(chunk.start, chunk.end))
    letters = {i for i, ch in enumerate(SEED_TEXT) if not ch.isspace()}
    assert letters <= covered


def test_chunks_end_at_sentence_boundaries_when_they_can() -> None:
    chunks = chunker(tokens=64, overlap=0).chunk(SEED_TEXT)
    endings = sum(1 for c in chunks if c.text.rstrip()[-1] in ".?!:")
    assert endings >= len(chunks) * 0.7


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=600))
def test_offsets_invariant_holds_for_any_text(text: str) -> None:
    assert_offsets_hold(text, chunker(tokens=32, overlap=8))


def test_a_huge_line_without_spaces_is_cut_into_bounded_chunks() -> None:
    text = "Intro sentence. " + "x" * 50_000 + " Closing sentence."
    chunks = chunker().chunk(text)
    assert max(len(c.text) for c in chunks) <= 200 * 20
    assert sum(len(c.text) for c in chunks) >= 50_000
    assert_offsets_hold(text, chunker())


def test_counting_words_first_cuts_exactly_where_counting_every_token_does() -> None:
    """Pieces with more words than a chunk holds are not tokenized; the cuts must not move."""
    text = "\n".join([SEED_TEXT] * 3)
    exact = SentenceSplitter(
        chunk_size=200,
        chunk_overlap=32,
        paragraph_separator="\n",
        tokenizer=lambda piece: TOKENIZER.encode(piece, add_special_tokens=False).ids,
    )
    assert [c.text for c in chunker().chunk(text)] == [p.strip() for p in exact.split_text(text)]


def test_chunking_many_documents_keeps_no_record_of_them() -> None:
    """A server chunks every upload for as long as it runs; nothing may pile up per document."""
    chunker_ = chunker()
    text = "Report. The harbour has 4 berths. It opened on Friday."
    for _ in range(200):
        chunker_.chunk(text)  # warm-up: caches of the tokenizer and the splitter fill
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    for _ in range(3000):
        chunker_.chunk(text)
    grown = sum(s.size_diff for s in tracemalloc.take_snapshot().compare_to(before, "filename"))
    tracemalloc.stop()
    assert grown < 3000 * 20, grown  # llama-index's trace record had kept ~85 B a document


LONG_PARAGRAPH = " ".join(f"Line {i} says the plant employs {i} people." for i in range(200))


def test_a_split_that_runs_out_of_time_once_is_tried_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """NLTK's wall-clock regex limit can trip on a stalled machine; one stall loses nothing."""
    real = SentenceSplitter.split_text
    calls = []

    def stalls_once(self: SentenceSplitter, text: str) -> list[str]:
        calls.append(text)
        if len(calls) == 1:
            raise TimeoutError("regular-expression match exceeded its 5.0s time limit")
        return real(self, text)

    monkeypatch.setattr(SentenceSplitter, "split_text", stalls_once)
    chunks = chunker().chunk(LONG_PARAGRAPH)
    assert len(calls) == 2
    assert len(chunks) > 1
    assert_offsets_hold(LONG_PARAGRAPH, chunker())


def test_a_text_whose_split_always_runs_out_of_time_is_refused_with_a_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(nltk.redos, "DEFAULT_TIMEOUT", 1e-9)
    with pytest.raises(DocumentRejected, match="sentence splitting ran out of time 2 times"):
        chunker().chunk(LONG_PARAGRAPH)
