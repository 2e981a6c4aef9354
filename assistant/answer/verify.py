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
        return " ".join(render_claim(claim, ns) for claim, ns in self.claims)


def render_claim(claim: str, ns: list[int]) -> str:
    """One answer sentence as shown: the claim, then its markers ("… points. [1][2]")."""
    return f"{claim} " + "".join(f"[{n}]" for n in ns)


def support(claim: str, quote: str) -> float:
    """Share of the claim's content words found in `quote`; 0 when any of its numbers is not."""
    if not numbers(claim) <= numbers(quote):
        return 0.0
    claimed = content_terms(claim) - numbers(claim)
    if not claimed:
        return 1.0
    return len(claimed & content_terms(quote)) / len(claimed)


def supports(claim: str, quote: str) -> bool:
    """Whether `quote` backs `claim`: all its numbers and most of its content words are there."""
    return support(claim, quote) >= SUPPORT_THRESHOLD


class Checker:
    """Verifies claims one at a time, numbering citations in order of first use.

    Streaming answers check each sentence as it is generated; `verify` checks a whole draft.
    """

    def __init__(self, docs: Mapping[str, StoredDocument]) -> None:
        self._docs = docs
        self._numbering: dict[tuple[str, int, int], int] = {}
        self.result = Verified()

    def check(self, claim: Claim) -> list[int] | None:
        """The claim's citation numbers once verified; None (and counted) when none holds."""
        kept = [q for q in claim.quotes if _holds(q, claim, self._docs)]
        self.result.removed_citations += len(claim.quotes) - len(kept)
        if not kept:
            self.result.removed_claims += 1
            log.warning("claim removed: no verified citation claim=%r", claim.text[:120])
            return None
        ns: list[int] = []
        for quote in kept:
            key = (quote.doc_id, quote.start, quote.end)
            if key not in self._numbering:
                self._numbering[key] = len(self._numbering) + 1
                self.result.citations.append(_citation(self._numbering[key], quote))
            if self._numbering[key] not in ns:
                ns.append(self._numbering[key])
        self.result.claims.append((claim.text, ns))
        return ns


def verify(draft: Draft, store: ChromaStore) -> Verified:
    checker = Checker(store.get_documents({q.doc_id for c in draft.claims for q in c.quotes}))
    for claim in draft.claims:
        checker.check(claim)
    return checker.result


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
