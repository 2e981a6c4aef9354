"""Sentence-aware chunks sized in the embedder's tokens, each with its character offsets.

llama-index's SentenceSplitter decides the boundaries; we then locate every chunk in the document
so that `text[chunk.start:chunk.end] == chunk.text` holds for every chunk, whatever the splitter
did to whitespace.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass

from llama_index.core.node_parser import SentenceSplitter
from tokenizers import Tokenizer

from assistant.errors import DocumentRejected
from index.tokens import SHARED_PASS_MAX_CHARS, DocumentTokens

CHARS_PER_TOKEN_CAP = 20  # English runs about 4-5 characters per token
# NLTK's sentence tokenizer runs its regular expressions under a wall-clock limit (5 s), which a
# stalled process can pass on a text it splits in 0.1 s (it ended a 3,000-article ingest once):
# a timed-out text is split again before it is refused as pathological.
SPLIT_TRIES = 2


@dataclass(frozen=True)
class Chunk:
    index: int
    start: int
    end: int
    text: str


class Chunker:
    def __init__(self, tokenizer: Tokenizer, *, chunk_tokens: int, overlap_tokens: int) -> None:
        self._tokenizer = tokenizer
        self._current = threading.local()  # the tokens of the text being chunked, per thread

        # The splitter only ever takes len() of the result: hand back a range, not a list of ids.
        # It first measures the whole text, then each paragraph, and only compares those with
        # the chunk size; every word is at least one token, so a piece with more words than
        # that needs no tokenizing at all. Other pieces are counted in the text's own tokens
        # (`index.tokens`), or, cut inside a word, tokenized on their own (remembered: the
        # splitter measures most pieces twice).
        @functools.lru_cache(maxsize=8192)
        def tokenized_length(text: str) -> int:
            return len(tokenizer.encode(text, add_special_tokens=False))

        def count_tokens(text: str) -> range:
            words = len(text.split())
            if words > chunk_tokens:
                return range(words)  # a lower bound, and already over the chunk size
            tokens: DocumentTokens | None = getattr(self._current, "tokens", None)
            counted = tokens.count(text) if tokens is not None else None
            return range(tokenized_length(text) if counted is None else counted)

        # A run of characters the tokenizer reads as one unknown token (a 1 MB line with no
        # spaces, say) would otherwise make one giant chunk; bound chunks in characters too.
        self._max_chars = chunk_tokens * CHARS_PER_TOKEN_CAP
        self._splitter = SentenceSplitter(
            chunk_size=chunk_tokens,
            chunk_overlap=min(overlap_tokens, chunk_tokens // 2),
            paragraph_separator="\n",
            tokenizer=count_tokens,
        )

    def tokens(self, text: str) -> DocumentTokens | None:
        """One tokenizer pass over `text`, for `chunk` and the model inputs; None for a text
        too large to hold its tokens (it is then measured piece by piece)."""
        return DocumentTokens(text, self._tokenizer) if len(text) <= SHARED_PASS_MAX_CHARS else None

    def chunk(self, text: str, tokens: DocumentTokens | None = None) -> list[Chunk]:
        """`text` in chunks; `tokens`, from `tokens(text)`, saves tokenizing it piece by piece."""
        chunks: list[Chunk] = []
        cursor = 0
        # llama-index's callback manager records every event of the running trace and forgets
        # them only when a new trace starts: one trace per text keeps a long-lived server's
        # record to one text's events (it grew ~85 B per chunked document before).
        self._current.tokens = tokens
        try:
            pieces = self._split(text)
        finally:
            self._current.tokens = None
        for piece in pieces:
            located = locate(text, piece, cursor)
            if located is None:
                continue
            for start, end in cap_length(text, *located, self._max_chars):
                chunks.append(Chunk(index=len(chunks), start=start, end=end, text=text[start:end]))
            cursor = located[0] + 1
        return chunks

    def _split(self, text: str) -> list[str]:
        """The splitter's pieces, tried `SPLIT_TRIES` times against NLTK's time limit.

        Raises:
            DocumentRejected: every try ran out of time.
        """
        timed_out: TimeoutError | None = None
        for _ in range(SPLIT_TRIES):
            try:
                with self._splitter.callback_manager.as_trace("chunking"):
                    return self._splitter.split_text(text)
            except TimeoutError as exc:
                timed_out = exc
        raise DocumentRejected(
            f"sentence splitting ran out of time {SPLIT_TRIES} times (a pathological text?)"
        ) from timed_out


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
