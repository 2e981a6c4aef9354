"""How much of the corpus text an embedder actually reads: tokens chunked vs. tokens embedded.

MiniLM reads at most 256 tokens; whatever a chunk holds beyond that is cut off and never
embedded. Both pipelines are measured the same way: each chunk is a span of its document plus
the prefix the pipeline puts before it (our title line, llama-index's metadata block); the span's
characters inside the first 256 tokens count as covered, and coverage is the union of covered
non-space characters over all documents' non-space characters (whitespace between two chunks is
not text anyone could miss).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from index.embedding import load_tokenizer
from index.embedding.minilm import MAX_TOKENS


@dataclass(frozen=True)
class EmbeddedChunk:
    doc_id: str
    start: int  # of the chunk's text in the document
    text: str  # the chunk's text alone
    embed_text: str  # what the embedder is given: a prefix, then `text` at its end


@dataclass(frozen=True)
class Coverage:
    chunks: int
    tokens_chunked: int  # every token of every embed text, special tokens included
    tokens_embedded: int  # of those, the ones inside the model's 256-token window
    text_coverage: float  # share of the documents' characters the embedder read


def measure(chunks: Iterable[EmbeddedChunk], doc_texts: dict[str, str]) -> Coverage:
    tokenizer = load_tokenizer(for_model=False)
    items = list(chunks)
    encodings = tokenizer.encode_batch([c.embed_text for c in items], add_special_tokens=True)
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    chunked = embedded = 0
    for chunk, encoding in zip(items, encodings, strict=True):
        chunked += len(encoding.ids)
        embedded += min(len(encoding.ids), MAX_TOKENS)
        # Last character the model still reads; the final kept slot holds [SEP].
        kept = [end for _, end in encoding.offsets[: MAX_TOKENS - 1] if end > 0]
        read_to = max(kept, default=0)
        prefix = len(chunk.embed_text) - len(chunk.text)
        read = max(0, min(len(chunk.text), read_to - prefix))
        if read:
            spans[chunk.doc_id].append((chunk.start, chunk.start + read))
    covered = sum(_union(doc_texts[doc_id], s) for doc_id, s in spans.items())
    total = sum(_visible(text) for text in doc_texts.values())
    return Coverage(
        chunks=len(items),
        tokens_chunked=chunked,
        tokens_embedded=embedded,
        text_coverage=round(covered / total, 4) if total else 0.0,
    )


def _union(text: str, spans: list[tuple[int, int]]) -> int:
    """Non-space characters of `text` inside any of the spans."""
    total, reach = 0, 0
    for start, end in sorted(spans):
        start = max(start, reach)
        if end > start:
            total += _visible(text[start:end])
            reach = end
    return total


def _visible(text: str) -> int:
    return len(text) - sum(text.count(c) for c in " \t\n\r\f\v\u00a0")
