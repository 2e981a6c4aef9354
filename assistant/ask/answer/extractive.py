"""The offline answerer: the best verbatim sentences of the retrieved chunks, nothing invented.

A sentence's evidence score mixes meaning (embedding similarity to the query) with coverage (how
much of the question's content it, or its article's title, holds; each question term weighted by
its rarity among the candidate sentences, so the words that tell them apart count most), and is
cut when it cannot give the kind of answer the question asks for (see `expectation`). For
"which country / which app" questions, sentences naming what the best sentences agree on are
lifted (see `candidates`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from llama_index.core.schema import NodeWithScore

from assistant.ask.answer.candidates import agreement
from assistant.ask.answer.draft import Claim, Draft, Quote
from assistant.ask.answer.expectation import (
    Expect,
    asks_for_person,
    can_answer,
    counted_phrases,
    expectation,
    focus_head,
    focus_phrase,
)
from assistant.ask.answer.full_name import full_name
from assistant.ask.answer.injection import evidence
from assistant.ask.answer.terms import content_terms, numbers
from assistant.ask.retrieval.recency import RECENCY_LIFT
from index import sentence_vectors
from index.embedding import MiniLMEmbedding

SEMANTIC_WEIGHT = 0.5
WRONG_KIND_PENALTY = 0.4
FOCUS_SIMILARITY = 0.6  # "action items" vs "action points" 0.65; vs "key tasks", "employees" < 0.4
EXTRA_SENTENCE_RATIO = 0.9  # a further sentence must score this close to the best one
REDUNDANT_OVERLAP = 0.6
_MIN_SENTENCE_CHARS = 8


@dataclass(frozen=True)
class Scored:
    quote: Quote
    terms: frozenset[str]
    fits: bool
    # What the abstention gate reads: the score before the agreement lift, which orders the
    # candidates ("read the agreed name first") but is no evidence the corpus answers at all.
    evidence: float


class ExtractiveAnswerer:
    def __init__(
        self, embedder: MiniLMEmbedding, *, min_confidence: float, max_sentences: int
    ) -> None:
        self._embedder = embedder
        self.min_confidence = min_confidence
        self.max_sentences = max_sentences

    def score(self, question: str, query: str, nodes: list[NodeWithScore]) -> list[Scored]:
        """Every distinct sentence of the retrieved chunks with its evidence score, best first."""
        candidates = chunk_sentences(nodes)
        if not candidates:
            return []
        similarity = self._similarities(query, candidates)
        # A follow-up rarely names its topic ("Who did they hear it from?"); the conversation's
        # terms folded into the query count as asked too. Without history, query == question.
        asked = content_terms(query)
        kind = expectation(question)
        texts = [c.text for c in candidates]
        counting = self._counting_focus(question, texts) if kind is Expect.NUMBER else set()
        sentence_terms = [frozenset(content_terms(t)) for t in texts]
        weights = _rarity(asked, sentence_terms)
        rated: list[tuple[float, frozenset[str], bool]] = []
        for index, (candidate, sim) in enumerate(zip(candidates, similarity, strict=True)):
            meta, text = candidate.meta, candidate.text
            terms = sentence_terms[index]
            title_terms = content_terms(str(meta.get("title", "")))
            # A sentence counting the asked-for thing under another name covers that name ("58
            # action points" for "action items"); only the head noun, as a conjoined focus ("key
            # tasks and action points") may be only partly counted ("17 key tasks").
            synonyms = focus_head(question) if index in counting else set()
            coverage = _coverage(weights, terms | title_terms | synonyms)
            fits = can_answer(
                kind,
                question,
                text,
                context=query,
                counts_focus=index in counting,
                known=title_terms,
            )
            value = SEMANTIC_WEIGHT * float(np.clip(sim, 0, 1)) + (1 - SEMANTIC_WEIGHT) * coverage
            if not fits:
                value *= WRONG_KIND_PENALTY
            value *= 1.0 + float(str(meta.get(RECENCY_LIFT) or 0.0))  # a later report of a story
            rated.append((value, terms, fits))
        evidence = [value for value, _, _ in rated]
        if kind in (Expect.ENTITY, Expect.PLACE):  # the name the best sentences agree on first
            lifts = agreement(texts, evidence, question)
            rated = [(v * lift, t, f) for (v, t, f), lift in zip(rated, lifts, strict=True)]
        scored = [
            Scored(quote=candidate.quote(value), terms=terms, fits=fits, evidence=before)
            for candidate, (value, terms, fits), before in zip(
                candidates, rated, evidence, strict=True
            )
        ]
        scored.sort(key=lambda s: s.quote.score, reverse=True)
        return scored

    def _similarities(self, query: str, candidates: list[Candidate]) -> np.ndarray:
        """Cosine of each sentence to the query, from the vectors stored at ingest.

        Only sentences without one (a chunk indexed before sentence vectors existed, or a
        sentence past the model's window) are embedded here.
        """
        query_vector = self._embedder.query_vector(query)
        missing = [i for i, c in enumerate(candidates) if c.vector is None]
        vectors = np.zeros((len(candidates), query_vector.shape[0]), dtype=np.float32)
        for i, candidate in enumerate(candidates):
            if candidate.vector is not None:
                vectors[i] = candidate.vector
        if missing:
            vectors[missing] = self._embedder.embed([candidates[i].text for i in missing])
        similarity: np.ndarray = vectors @ query_vector
        return similarity

    def _counting_focus(self, question: str, texts: list[str]) -> set[int]:
        """Sentences whose numbers count what the question asks about, judged by meaning.

        "How many action items...?" is answered by "58 action points" though the words differ.
        """
        focus = focus_phrase(question)
        phrases = [(i, phrase) for i, text in enumerate(texts) for phrase in counted_phrases(text)]
        if not focus or not phrases:
            return set()
        vectors = self._embedder.embed([focus] + [phrase for _, phrase in phrases])
        similarity = vectors[1:] @ vectors[0]
        return {
            i for (i, _), sim in zip(phrases, similarity, strict=True) if sim >= FOCUS_SIMILARITY
        }

    def answer(self, question: str, query: str, nodes: list[NodeWithScore]) -> Draft:
        scored = self.score(question, query, nodes)
        if not scored or scored[0].evidence < self.min_confidence:
            return Draft(closest=[s.quote for s in scored[:2]])
        chosen = [scored[0]]
        floor = max(self.min_confidence, scored[0].quote.score * EXTRA_SENTENCE_RATIO)
        for candidate in scored[1:]:
            if len(chosen) >= self.max_sentences or candidate.quote.score < floor:
                break
            if candidate.fits and not any(_redundant(candidate, c) for c in chosen):
                chosen.append(candidate)
        claims = [Claim(text=c.quote.text, quotes=(c.quote,)) for c in chosen]
        if asks_for_person(question):
            named = full_name(chosen[0].quote, [s.quote for s in scored], question)
            if named is not None and self.max_sentences > 1:  # the name as given in full, first
                lead = Claim(text=f"{named.text}.", quotes=(named.quote,))
                claims = [lead, *claims[: self.max_sentences - 1]]
        return Draft(claims=claims)


@dataclass(frozen=True)
class Candidate:
    meta: dict[str, object]
    text: str
    start: int
    vector: np.ndarray | None  # stored at ingest; None: embed it now

    def quote(self, score: float) -> Quote:
        """The sentence as a citation of its document, at its offsets."""
        meta = self.meta
        return Quote(
            doc_id=str(meta.get("doc_id", "")),
            title=str(meta.get("title", "")),
            source=str(meta.get("source", "")),
            text=self.text,
            start=self.start,
            end=self.start + len(self.text),
            score=round(score, 4),
        )


def chunk_sentences(nodes: list[NodeWithScore]) -> list[Candidate]:
    """Each chunk's sentences with their offsets and stored vector (None where there is none)."""
    seen: set[tuple[str, int]] = set()
    out: list[Candidate] = []
    for node in nodes:
        meta = node.node.metadata
        base = int(meta.get("start", 0))
        # An article's words are evidence, never instructions: `evidence` leaves those out.
        spans = evidence(node.node.get_content(), offset=base)
        stored = sentence_vectors.decode(meta.get(sentence_vectors.METADATA_KEY), len(spans))
        for k, span in enumerate(spans):
            if span is None:
                continue
            key = (str(meta.get("doc_id")), span.start)
            if key in seen or len(span.text) < _MIN_SENTENCE_CHARS:
                continue
            seen.add(key)
            vector = stored[k] if stored is not None and stored[k].any() else None
            out.append(Candidate(meta, span.text, span.start, vector))
    return out


def _rarity(asked: set[str], sentences: list[frozenset[str]]) -> dict[str, float]:
    """Each question term's weight: rarer among the candidate sentences, heavier (a term every
    sentence holds tells them apart by nothing); numbers weigh double (they are the facts)."""
    count = len(sentences)
    weights = {}
    for term in asked:
        held = sum(1 for terms in sentences if term in terms)
        rarity = 1.0 + math.log((count + 1) / (held + 1))
        weights[term] = rarity * (2.0 if term[0].isdigit() else 1.0)
    return weights


def _coverage(weights: dict[str, float], present: set[str] | frozenset[str]) -> float:
    """Weighted share of the question's terms present."""
    total = sum(weights.values())
    if not total:
        return 0.0
    return sum(w for t, w in weights.items() if t in present) / total


def _redundant(a: Scored, b: Scored) -> bool:
    if numbers(a.quote.text) - numbers(b.quote.text):
        return False  # it brings a figure the other lacks
    if not a.terms or not b.terms:
        return True
    return len(a.terms & b.terms) / min(len(a.terms), len(b.terms)) >= REDUNDANT_OVERLAP
