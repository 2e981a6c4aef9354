"""One tokenizer pass per document gives the chunker and the model exactly what tokenizing each
piece on its own would."""

from __future__ import annotations

import numpy as np
import pytest
from tokenizers import Tokenizer

from assistant.container import Container
from index.chunker import Chunk, Chunker
from index.document import SourceDocument
from index.embedding import MiniLMEmbedding, load_tokenizer
from index.pipeline import embedding_text, sentence_spans
from index.pipeline.chunked import chunk_document
from index.tokens import DocumentTokens, Encoded, ModelLimits
from tests.conftest import SEED_TEXT

# Accents, CJK, a word longer than WordPiece reads (one [UNK]), odd whitespace, punctuation runs.
MIXED = (
    "Café owners in Zürich said prices rose 3.5% — again.\u00a0Naïve forecasts failed.\n\n"
    "北京 reported 宝钢 results; analysts (mostly) agreed!!\tTabs\tand\r\nbreaks.\n"
    + "x" * 120
    + " tail words here.\n"
)
LIMITS = ModelLimits(max_tokens=256, cls=101, sep=102)


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    return load_tokenizer(for_model=False)


def test_a_whitespace_bounded_piece_counts_as_many_tokens_as_tokenizing_it_alone(
    tokenizer: Tokenizer,
) -> None:
    for text in (SEED_TEXT, MIXED):
        tokens = DocumentTokens(text, tokenizer)
        pieces = [p for p in text.split("\n") if p.strip()] + [w for w in text.split(" ") if w]
        for piece in pieces:
            counted = tokens.count(piece)
            assert counted is not None
            assert counted == len(tokenizer.encode(piece, add_special_tokens=False).ids)


def test_a_piece_that_cuts_a_word_is_not_counted_from_the_document(tokenizer: Tokenizer) -> None:
    tokens = DocumentTokens("Steelmaking reforms continue.", tokenizer)
    assert tokens.count("making reforms") is None  # starts inside "Steelmaking"
    assert tokens.count("Steelmaking ref") is None  # ends inside "reforms"
    assert tokens.count("not in the text") is None


def test_model_inputs_equal_the_model_tokenizer_on_the_embedding_text(tokenizer: Tokenizer) -> None:
    model_tokenizer = load_tokenizer(for_model=True)
    model_tokenizer.no_padding()
    chunker = Chunker(tokenizer, chunk_tokens=200, overlap_tokens=20)
    for title, text in (("Baogang reform", SEED_TEXT), ("", MIXED), ("word " * 300, MIXED)):
        doc = SourceDocument(doc_id="d", text=text, title=title, source="s")
        tokens = DocumentTokens(text, tokenizer)
        chunks = [*chunker.chunk(text, tokens), Chunk(0, 0, len(text), text)]  # one past 256
        for chunk in chunks:
            given = tokens.model_input(
                DocumentTokens(title, tokenizer), chunk.start, chunk.end, limits=LIMITS
            )
            expected = model_tokenizer.encode(embedding_text(doc, chunk))
            assert given is not None
            assert given.ids.tolist() == expected.ids
            assert given.offsets.tolist() == [list(o) for o in expected.offsets]


def test_the_chunker_cuts_the_same_chunks_with_and_without_the_shared_pass(
    tokenizer: Tokenizer,
) -> None:
    chunker = Chunker(tokenizer, chunk_tokens=60, overlap_tokens=10)
    for text in (SEED_TEXT, MIXED, MIXED * 5):
        assert chunker.chunk(text, chunker.tokens(text)) == chunker.chunk(text)


def test_the_embedder_gives_the_same_vectors_for_tokens_as_for_text(
    tokenizer: Tokenizer, embedder: MiniLMEmbedding
) -> None:
    doc = SourceDocument(doc_id="d", text=SEED_TEXT[:3000], title="Baogang reform", source="s")
    chunker = Chunker(tokenizer, chunk_tokens=120, overlap_tokens=10)
    tokens = DocumentTokens(doc.text, tokenizer)
    title = DocumentTokens(doc.title, tokenizer)
    chunks = chunker.chunk(doc.text, tokens)
    given: list[str | Encoded] = []
    for chunk in chunks:
        encoded = tokens.model_input(title, chunk.start, chunk.end, limits=embedder.limits)
        assert encoded is not None
        given.append(encoded)
    spans = [sentence_spans(doc, chunk) for chunk in chunks]
    texts = [embedding_text(doc, chunk) for chunk in chunks]
    from_tokens, sentences_from_tokens = embedder.embed_with_spans(given, spans)
    from_text, sentences_from_text = embedder.embed_with_spans(texts, spans)
    assert np.array_equal(from_tokens, from_text)
    for a, b in zip(sentences_from_tokens, sentences_from_text, strict=True):
        assert np.array_equal(a, b)


def test_an_ingest_hands_the_model_each_chunk_as_tokens_from_the_document_pass(
    container: Container, tokenizer: Tokenizer
) -> None:
    model_tokenizer = load_tokenizer(for_model=True)
    model_tokenizer.no_padding()
    doc = SourceDocument(doc_id="d", text=SEED_TEXT, title="Baogang reform", source="s")
    settings = container.settings
    chunker = Chunker(
        tokenizer, chunk_tokens=settings.chunk_tokens, overlap_tokens=settings.chunk_overlap_tokens
    )
    chunked = chunk_document(doc, chunker, container.embedder.limits)
    assert len(chunked.inputs) == len(chunked.chunks) > 1
    for chunk, given in zip(chunked.chunks, chunked.inputs, strict=True):
        assert isinstance(given, Encoded)  # not text: the model's tokenizer never runs again
        assert given.ids.tolist() == model_tokenizer.encode(embedding_text(doc, chunk)).ids
