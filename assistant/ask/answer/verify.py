"""The last gate before an answer leaves: every citation is checked against its document.

A citation survives only if its document is in the store, the quote equals the document text at
its offsets, and the quote supports the claim it is attached to, judged beyond the question the
reader was asked (`support`). A claim left with no citation is removed; an answer left with no
claim becomes an abstention.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

from assistant.ask.answer.draft import Claim, Draft, Quote
from assistant.ask.answer.support import NOTHING_ASKED, Asked, supports
from assistant.schema import Citation
from index.store import ChromaStore, StoredDocument

log = logging.getLogger(__name__)


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


class Checker:
    """Verifies claims one at a time, numbering citations in order of first use.

    Streaming answers check each sentence as it is generated; `verify` checks a whole draft.
    """

    def __init__(self, docs: Mapping[str, StoredDocument], asked: Asked = NOTHING_ASKED) -> None:
        self._docs = docs
        self._asked = asked
        self._numbering: dict[tuple[str, int, int], int] = {}
        self.result = Verified()

    def check(self, claim: Claim) -> list[int] | None:
        """The claim's citation numbers once verified; None (and counted) when none holds."""
        kept = [q for q in claim.quotes if _holds(q, claim, self._docs, self._asked)]
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
                published = self._docs[quote.doc_id].metadata.get("published")
                self.result.citations.append(_citation(self._numbering[key], quote, published))
            if self._numbering[key] not in ns:
                ns.append(self._numbering[key])
        self.result.claims.append((claim.text, ns))
        return ns


def verify(draft: Draft, store: ChromaStore, asked: Asked = NOTHING_ASKED) -> Verified:
    checker = Checker(
        store.get_documents({q.doc_id for c in draft.claims for q in c.quotes}), asked
    )
    for claim in draft.claims:
        checker.check(claim)
    return checker.result


def document_evidence(doc: StoredDocument) -> str:
    """What a cited document vouches for beyond its quote: its text and its published date."""
    return f"{doc.text}\n{doc.metadata.get('published') or ''}"


def _holds(quote: Quote, claim: Claim, docs: Mapping[str, StoredDocument], asked: Asked) -> bool:
    doc = docs.get(quote.doc_id)
    if doc is None or doc.text[quote.start : quote.end] != quote.text:
        log.warning(
            "citation dropped: quote not at its offsets doc_id=%s start=%d end=%d",
            quote.doc_id, quote.start, quote.end,
        )  # fmt: skip
        return False
    if not supports(claim.text, quote.text, asked, document_evidence(doc)):
        log.warning("citation dropped: quote does not support claim doc_id=%s", quote.doc_id)
        return False
    return True


def _citation(n: int, quote: Quote, published: object) -> Citation:
    return Citation(
        n=n,
        doc_id=quote.doc_id,
        title=quote.title,
        source=quote.source,
        quote=quote.text,
        start=quote.start,
        end=quote.end,
        score=quote.score,
        published=str(published)[:10] if published else None,
    )
