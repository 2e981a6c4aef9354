"""The lexical half of retrieval: BM25 over every chunk, derived from the store.

Modules: `lexical_index` (the index kept in step with the store, and its searches), `rows` (each
chunk's terms and sketch), `snapshot` (one built BM25 matrix), `disk` (snapshots saved and
loaded), `bm25` (the scoring arrays).
"""

from index.lexical.lexical_index import LexicalHit, LexicalIndex

__all__ = ["LexicalHit", "LexicalIndex"]
