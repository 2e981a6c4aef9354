"""How text becomes BM25 terms: runs of two or more word characters, lower-cased, a short English
stop-word list dropped, Snowball-stemmed (`supplying` → `suppli`).

These are the terms the project's BM25 has always used (bm25s's default tokenizer with its English
stop words and PyStemmer's English stemmer), now run inside tantivy, so SciFact and the RealTime
QA figures measured before stay comparable. Queries go through the same analyzer, in Python, and
become term queries: the query parser's syntax (quotes, `field:`, `AND`) never sees user text.
"""

from __future__ import annotations

import tantivy

NAME = "news_en"  # the name the analyzer is registered under in the index
VERSION = 1  # raise when the terms change: an index built with other terms is rebuilt

STOP_WORDS = (
    "a an and are as at be but by for if in into is it no not of on or such that the their "
    "then there these they this to was will with"
).split()


def build() -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(r"(?u)\b\w\w+\b"))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.custom_stopword(STOP_WORDS))
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def indexed_text(title: str, text: str, *, title_weight: int) -> str:
    """What a chunk is indexed as: its document's title `title_weight` times, then its text."""
    return "\n".join([title] * title_weight + [text])
