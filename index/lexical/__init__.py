"""The lexical half of retrieval: BM25 over every chunk, derived from the store.

Modules: `lexical_index` (the index kept in step with the store, and its searches), `engine` (the
tantivy index on disk), `analyzer` (how text becomes terms), `filters` (a `ChunkFilter` as a
query), `writer_lock` (one writer at a time across processes).
"""

from index.lexical.lexical_index import LexicalHit, LexicalIndex

__all__ = ["LexicalHit", "LexicalIndex"]
