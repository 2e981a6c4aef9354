"""Sentence-aware chunks sized in the embedder's tokens, each with its character offsets.

llama-index's SentenceSplitter decides the boundaries; we then locate every chunk in the document
so that `text[chunk.start:chunk.end] == chunk.text` holds for every chunk, whatever the splitter
did to whitespace.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from llama_index.core.node_parser import SentenceSplitter
from tokenizers import Tokenizer

CHARS_PER_TOKEN_CAP = 20  # English runs about 4-5 characters per token


@dataclass(frozen=True)
class Chunk:
    index: int
    start: int
    end: int
    text: str


class Chunker:
    def __init__(self, tokenizer: Tokenizer, *, chunk_tokens: int, overlap_tokens: int) -> None:
        # The splitter measures most pieces twice (once splitting, once merging) and only ever
        # takes len() of the result: remember counts, and hand back a range, not a list of ids.
        # It first measures the whole text, then each paragraph, and only compares those with
        # the chunk size; every word is at least one token, so a piece with more words than
        # that needs no tokenizing at all (two thirds of the chunker's time went there).
        @functools.lru_cache(maxsize=8192)
        def count_tokens(text: str) -> range:
            words = len(text.split())
            if words > chunk_tokens:
                return range(words)  # a lower bound, and already over the chunk size
            return range(len(tokenizer.encode(text, add_special_tokens=False)))

        # A run of characters the tokenizer reads as one unknown token (a 1 MB line with no
        # spaces, say) would otherwise make one giant chunk; bound chunks in characters too.
        self._max_chars = chunk_tokens * CHARS_PER_TOKEN_CAP
        self._splitter = SentenceSplitter(
            chunk_size=chunk_tokens,
            chunk_overlap=min(overlap_tokens, chunk_tokens // 2),
            paragraph_separator="\n",
            tokenizer=count_tokens,
        )

    def chunk(self, text: str) -> list[Chunk]:
        chunks: list[Chunk] = []
        cursor = 0
        # llama-index's callback manager records every event of the running trace and forgets
        # them only when a new trace starts: one trace per text keeps a long-lived server's
        # record to one text's events (it grew ~85 B per chunked document before).
        with self._splitter.callback_manager.as_trace("chunking"):
            pieces = self._splitter.split_text(text)
        for piece in pieces:
            located = locate(text, piece, cursor)
            if located is None:
                continue
            for start, end in cap_length(text, *located, self._max_chars):
                chunks.append(Chunk(index=len(chunks), start=start, end=end, text=text[start:end]))
            cursor = located[0] + 1
        return chunks


def cap_length(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """[start, end) cut into spans of at most `max_chars`, at whitespace where there is some."""
    spans = []
    while end - start > max_chars:
        cut = text.rfind(" ", start + max_chars // 2, start + max_chars)
        cut = cut if cut > start else start + max_chars
        spans.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append((start, end))
    return spans


def locate(text: str, piece: str, cursor: int) -> tuple[int, int] | None:
    """Where `piece` sits in `text` at or after `cursor`, tolerating whitespace differences."""
    piece = piece.strip()
    if not piece:
        return None
    found = text.find(piece, cursor)
    if found < 0:
        found = text.find(piece)
    if found >= 0:
        return found, found + len(piece)
    pattern = r"\s+".join(re.escape(word) for word in piece.split())
    match = re.compile(pattern).search(text, cursor) or re.compile(pattern).search(text)
    return (match.start(), match.end()) if match else None
