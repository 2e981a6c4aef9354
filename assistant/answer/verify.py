"""The last gate before an answer leaves: every citation is checked against its document.

A citation survives only if its document is in the store, the quote equals the document text at
its offsets, and the quote supports the claim it is attached to (the claim's numbers all appear in
the quote and most of its content words do). A claim left with no citation is removed; an answer
left with no claim becomes an abstention.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

from assistant.answer.draft import Claim, Draft, Quote
from assistant.answer.lexical import content_terms, numbers
from assistant.schema import Citation
from index.store import ChromaStore, StoredDocument

log = logging.getLogger(__name__)

SUPPORT_THRESHOLD = 0.6


@dataclass
class Verified:
    claims: list[tuple[str, list[int]]] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    removed_claims: int = 0
    removed_citations: int = 0

    @property
    def text(self) -> str:
        return " ".join(f"{claim} " + "".join(f"[{n}]" for n in ns) for claim, ns in self.claims)


def supports(claim: str, quote: str) -> bool:
    """Whether `quote` backs `claim`: all its numbers and most of its content words are there."""
    if not numbers(claim) <= numbers(quote):
        return False
    claimed = content_terms(claim) - numbers(claim)
    if not claimed:
        return True
    return len(claimed & content_terms(quote)) / len(claimed) >= SUPPORT_THRESHOLD


def verify(draft: Draft, store: ChromaStore) -> Verified:
    docs = store.get_documents({q.doc_id for claim in draft.claims for q in claim.quotes})
    result = Verified()
    numbering: dict[tuple[str, int, int], int] = {}
    for claim in draft.claims:
        kept = [q for q in claim.quotes if _holds(q, claim, docs)]
        result.removed_citations += len(claim.quotes) - len(kept)
        if not kept:
            result.removed_claims += 1
            log.warning("claim removed: no verified citation claim=%r", claim.text[:120])
            continue
        ns = []
        for quote in kept:
            key = (quote.doc_id, quote.start, quote.end)
            if key not in numbering:
                numbering[key] = len(numbering) + 1
                result.citations.append(_citation(numbering[key], quote))
            ns.append(numbering[key])
        result.claims.append((claim.text, ns))
    return result


def _holds(quote: Quote, claim: Claim, docs: Mapping[str, StoredDocument]) -> bool:
    doc = docs.get(quote.doc_id)
    if doc is None or doc.text[quote.start : quote.end] != quote.text:
        log.warning(
            "citation dropped: quote not at its offsets doc_id=%s start=%d end=%d",
            quote.doc_id, quote.start, quote.end,
        )  # fmt: skip
        return False
    if not supports(claim.text, quote.text):
        log.warning("citation dropped: quote does not support claim doc_id=%s", quote.doc_id)
        return False
    return True


def _citation(n: int, quote: Quote) -> Citation:
    return Citation(
        n=n,
        doc_id=quote.doc_id,
        title=quote.title,
        source=quote.source,
        quote=quote.text,
        start=quote.start,
        end=quote.end,
        score=quote.score,
    )
