"""Cited extractive summaries, for overview requests ("Summarize the article", "What is X?").

A summary is made of the article's own sentences, each quoting itself (doc_id, offsets, exact
text), so `verify` checks it like any answer and nothing is invented. Which article: the best
retrieved one when the request names none; for a topic or a name, the few best documents
retrieved for it, their retrieved passages only (the parts that speak of it). Which sentences:
`central` (the core of the selection, no repeats, spread over the text), weighted towards the
topic when there is one; then in document order, so the summary reads as the article runs.
"""

from __future__ import annotations

import re

import numpy as np
from llama_index.core.schema import NodeWithScore

from assistant.ask.answer.central import centrality, choose, part_of
from assistant.ask.answer.draft import Claim, Draft
from assistant.ask.answer.extractive import Candidate, chunk_sentences
from assistant.ask.answer.terms import content_terms, tokens
from assistant.ask.overview import Overview
from assistant.ask.retrieval.vector import to_node
from index.embedding import MiniLMEmbedding
from index.sentence_vectors import DIMENSIONS
from index.store import ChromaStore

MIN_SENTENCES = 4
MAX_SENTENCES = 6
SENTENCES_PER_PICK = 5  # one summary sentence for every five worth quoting, within the bounds
MAX_DOCUMENTS = 3  # documents a topic's summary draws on
TOPIC_WEIGHT = 0.5  # a topic's summary: relevance to the topic against centrality
MENTION_BONUS = 0.1  # a sentence naming the topic ("Baogang") over one only near it
_MIN_WORDS = 6
_FULL_LINE_WORDS = 12  # a line this long is prose even without a full stop
_ENDS_SENTENCE = re.compile(r"[.!…][\"'”’)\]]*$")
_BOILERPLATE = re.compile(
    r"\b(?:leave a (?:reply|comment)|all rights reserved|sign up|subscribe|newsletter|"
    r"cookies?|click here|read more|follow us|share this|advertisement|terms of (?:use|service)|"
    r"privacy policy|related articles?|copyright)\b",
    re.IGNORECASE,
)
# A web page's link annotations, copied with the text: left out of the claim, kept in the quote.
_LINK_NOTE = re.compile(
    r"\s*\((?:opens in a new (?:tab|window)|link is external|external link)\)", re.IGNORECASE
)


class Summarizer:
    def __init__(self, store: ChromaStore, embedder: MiniLMEmbedding) -> None:
        self._store = store
        self._embedder = embedder

    def summarize(self, asked: Overview, nodes: list[NodeWithScore]) -> Draft:
        """4–6 central sentences of the documents in focus, each its own citation."""
        ranked = _ranked_documents(nodes)
        if not ranked:
            return Draft()
        focus = ranked[:1] if asked.topic is None else ranked[:MAX_DOCUMENTS]
        whole = asked.topic is None
        by_doc = [self._sentences(doc_id, nodes, whole=whole) for doc_id in focus]
        every = [(rank, c) for rank, doc in enumerate(by_doc) for c in doc]
        pool = [(rank, c) for rank, c in every if summary_worthy(c.text)] or every  # all short
        if not pool:
            return Draft()
        vectors = self._vectors([c for _, c in pool])
        worth = centrality(vectors)
        if asked.topic is not None:
            worth = self._on_topic(asked.topic, worth, vectors, [c.text for _, c in pool])
        ends = [max(c.start + len(c.text) for c in doc) for doc in by_doc]
        parts = [(rank, part_of(c.start, ends[rank])) for rank, c in pool]
        count = min(MAX_SENTENCES, max(MIN_SENTENCES, len(pool) // SENTENCES_PER_PICK))
        picks = choose(vectors, worth, parts, count)
        picks.sort(key=lambda p: (pool[p.index][0], pool[p.index][1].start))  # document order
        return Draft(claims=[_claim(pool[p.index][1], p.score) for p in picks])

    def _sentences(
        self, doc_id: str, nodes: list[NodeWithScore], *, whole: bool
    ) -> list[Candidate]:
        """The document's sentences: all of them (`whole`), else those of its retrieved chunks."""
        retrieved = [n for n in nodes if str(n.node.metadata.get("doc_id")) == doc_id]
        chunks = [to_node(hit) for hit in self._store.document_chunks(doc_id)] if whole else []
        return chunk_sentences(chunks or retrieved)

    def _vectors(self, candidates: list[Candidate]) -> np.ndarray:
        """The stored sentence vectors; only sentences without one are embedded now."""
        vectors = np.zeros((len(candidates), DIMENSIONS), dtype=np.float32)
        for i, candidate in enumerate(candidates):
            if candidate.vector is not None:
                vectors[i] = candidate.vector
        missing = [i for i, c in enumerate(candidates) if c.vector is None]
        if missing:
            vectors[missing] = self._embedder.embed([candidates[i].text for i in missing])
        return vectors

    def _on_topic(
        self, topic: str, worth: np.ndarray, vectors: np.ndarray, texts: list[str]
    ) -> np.ndarray:
        """Centrality blended with closeness to the topic, and a bonus for naming it."""
        relevance = np.clip(vectors @ self._embedder.query_vector(topic), 0, 1)
        named = content_terms(topic)
        mentions = np.array([bool(named & content_terms(t)) for t in texts], dtype=np.float32)
        blended: np.ndarray = (
            (1 - TOPIC_WEIGHT) * worth + TOPIC_WEIGHT * relevance + MENTION_BONUS * mentions
        )
        return blended


def summary_worthy(text: str) -> bool:
    """Prose worth quoting in a summary: no heading, list fragment, question or page furniture."""
    words = len(tokens(text))
    if words < _MIN_WORDS or text.rstrip().endswith((":", "?")):
        return False
    if not _ENDS_SENTENCE.search(text) and words < _FULL_LINE_WORDS:
        return False
    return not _BOILERPLATE.search(text)


def _ranked_documents(nodes: list[NodeWithScore]) -> list[str]:
    """Distinct documents of the retrieved chunks, best first."""
    seen: dict[str, None] = {}
    for node in nodes:
        seen.setdefault(str(node.node.metadata.get("doc_id", "")), None)
    return [doc_id for doc_id in seen if doc_id]


def _claim(candidate: Candidate, score: float) -> Claim:
    return Claim(text=_LINK_NOTE.sub("", candidate.text), quotes=(candidate.quote(score),))
