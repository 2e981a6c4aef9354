"""A document cut into chunks, with what the embedder reads for each chunk and its sentences."""

from __future__ import annotations

from dataclasses import dataclass

from index.chunker import Chunk, Chunker
from index.document import SourceDocument
from index.sentences import split_sentences
from index.tokens import Encoded, ModelLimits


@dataclass(frozen=True)
class Chunked:
    """A document cut into chunks, with what the model reads for each: the tokens of its
    `embedding_text`, sliced from the document's one tokenizer pass, or the text itself."""

    doc: SourceDocument
    chunks: list[Chunk]
    inputs: list[str | Encoded]


def embedding_text(doc: SourceDocument, chunk: Chunk) -> str:
    """The title gives every chunk its article's context (chunks stay within the model's window)."""
    return f"{doc.title}\n{chunk.text}"


def sentence_spans(doc: SourceDocument, chunk: Chunk) -> list[tuple[int, int]]:
    """Each sentence of the chunk as a span of its `embedding_text`, in `split_sentences` order."""
    shift = len(doc.title) + 1
    return [(shift + s.start, shift + s.end) for s in split_sentences(chunk.text)]


def chunk_document(doc: SourceDocument, chunker: Chunker, limits: ModelLimits) -> Chunked:
    """Chunks and model inputs from one tokenizer pass over the document (`index.tokens`)."""
    tokens = chunker.tokens(doc.text)
    chunks = chunker.chunk(doc.text, tokens)
    title = chunker.tokens(doc.title) if tokens is not None and chunks else None
    inputs: list[str | Encoded] = []
    for chunk in chunks:
        given = None
        if tokens is not None and title is not None:
            given = tokens.model_input(title, chunk.start, chunk.end, limits=limits)
        inputs.append(embedding_text(doc, chunk) if given is None else given)
    return Chunked(doc, chunks, inputs)
