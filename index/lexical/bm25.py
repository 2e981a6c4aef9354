"""bm25s with its score matrix built by whole-array numpy, not a Python loop per chunk.

bm25s documents `build_index_from_ids` as the place to build its index another way. Its own
builder counts terms chunk by chunk (a `Counter`, a set intersection and small arrays for each):
43,000 chunks took 0.9 s, this takes 0.2 s from the term arrays `LexicalIndex` already keeps,
with the same matrix to the last bit. That build runs after every ingest and every upload, with
questions waiting on the same worker. Only bm25s's default scoring (Lucene's idf and term
frequency) is built here; any other method falls back to bm25s's own builder.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import bm25s
import numpy as np


class ArrayBM25(bm25s.BM25):  # type: ignore[misc]
    def build_index_from_ids(
        self,
        unique_token_ids: Sequence[int],
        corpus_token_ids: Sequence[Sequence[int] | np.ndarray],
        show_progress: bool = True,
        leave_progress: bool = False,
    ) -> dict[str, Any]:
        if self.method != "lucene" or self.idf_method not in (None, "lucene"):
            scores: dict[str, Any] = super().build_index_from_ids(
                unique_token_ids, corpus_token_ids, show_progress, leave_progress
            )
            return scores
        self.nonoccurrence_array = None  # as bm25s's builder leaves it for Lucene scoring
        n_docs, n_vocab = len(corpus_token_ids), len(unique_token_ids)
        lengths = np.fromiter(map(len, corpus_token_ids), dtype=np.int64, count=n_docs)
        terms = np.concatenate([np.asarray(ids, dtype=np.int64) for ids in corpus_token_ids])
        docs = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
        # One key per (term, chunk) pair, sorted by term then chunk: the matrix's column order.
        keys, counts = np.unique(terms * n_docs + docs, return_counts=True)
        term, doc = np.divmod(keys, n_docs)
        doc_freqs = np.bincount(term, minlength=n_vocab)
        idf = np.log1p((n_docs - doc_freqs + 0.5) / (doc_freqs + 0.5)).astype(np.float32)
        tf = counts.astype(np.float32)
        norm = (1 - self.b) + self.b * lengths[doc] / lengths.mean()
        tfc = tf / (self.k1 * norm + tf)
        return {
            "data": (idf[term] * tfc).astype(self.dtype),
            "indices": doc.astype(self.int_dtype),
            "indptr": np.concatenate([[0], np.cumsum(doc_freqs)]),
            "num_docs": n_docs,
        }
