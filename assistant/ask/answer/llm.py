"""Generated answers whose every sentence is checked against the sources it cites, as it streams.

The model reads numbered passages (see `sources`) and must cite each sentence as [n]. As each
sentence completes, markers that name no source are dropped, and each cited source must support
the sentence beyond the question (see `support`). A sentence citing no supporting source is
re-cited to the source that supports it, if one does, and removed otherwise; its quote is the
best-supporting sentence (or run of consecutive sentences) of the source, located in the stored
document, and the final `Checker` re-verifies it there. Only checked sentences are ever yielded.

Whether to abstain is decided after reading, in every source mode: the model's "cannot find"
plus verification. If nothing survives, the verified extractive answer (with its calibrated
confidence gate) is used instead.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from llama_index.core.schema import NodeWithScore

from assistant.ask.answer.citations import CitedSentence, cited_sentences
from assistant.ask.answer.draft import Claim, Quote
from assistant.ask.answer.expectation import asks_for_person, can_answer, expectation
from assistant.ask.answer.extractive import ExtractiveAnswerer
from assistant.ask.answer.full_name import full_name
from assistant.ask.answer.injection import addresses_the_model
from assistant.ask.answer.sources import WINDOW_SENTENCES as WIDEST
from assistant.ask.answer.sources import Source, SourceMode, render, select
from assistant.ask.answer.support import THRESHOLD, Asked, support
from assistant.ask.answer.terms import STOP_WORDS, content_terms, tokens
from assistant.ask.answer.verify import Checker, Verified, document_evidence, render_claim, verify
from assistant.ask.llm.client import ChatClient, Message, Usage
from assistant.prompts import Prompts
from assistant.schema import GenerationReport
from index.store import ChromaStore

log = logging.getLogger(__name__)

_REFUSAL = re.compile(
    r"\b(?:cannot|can't|can not|could not|couldn't|unable to)\s+(?:find|answer|determine)\b"
    r"|\b(?:sources?|context|texts?|articles?|passages?)\s+(?:do|does|did)\s+not\s+"
    r"(?:contain|mention|say|provide|state|include|answer)\b"
    r"|\bno\s+(?:information|mention|details?|data)\b"
    r"|\bnot\s+(?:mentioned|provided|given|stated|specified|included|found|available)\s+in\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Outcome:
    """The end of a generated answer: what was verified, and what to show if it abstains."""

    verified: Verified
    closest: list[Quote]
    report: GenerationReport


class LLMAnswerer:
    def __init__(
        self,
        chat: ChatClient,
        scorer: ExtractiveAnswerer,
        prompts: Prompts,
        store: ChromaStore,
        *,
        source_mode: SourceMode,
        max_sources: int,
        source_ratio: float,
        max_tokens: int,
    ) -> None:
        self._chat = chat
        self._scorer = scorer
        self._prompts = prompts
        self._store = store
        self.source_mode = source_mode
        self.max_sources = max_sources
        self.source_ratio = source_ratio
        self.max_tokens = max_tokens

    def stream(
        self, question: str, query: str, nodes: list[NodeWithScore]
    ) -> Iterator[str | Outcome]:
        """Verified answer text in sentence-sized pieces, then one `Outcome`.

        `question` is what the reader is asked (a follow-up's standalone rewrite): the support
        check licenses its words. Every question with evidence reaches the model: a score
        before reading refuses answerable paraphrases (the seed's "specific measures" for
        "action points"), so abstaining is the reader's "cannot find" plus verification.
        """
        scored = self._scorer.score(question, query, nodes)
        closest = [s.quote for s in scored[:2]]
        report = GenerationReport()
        if not scored:
            yield Outcome(Verified(), closest, report)
            return
        docs = self._store.get_documents(
            {s.quote.doc_id for s in scored} | {str(n.node.metadata.get("doc_id")) for n in nodes}
        )
        sources = select(
            self.source_mode, scored, nodes, docs, limit=self.max_sources, ratio=self.source_ratio
        )
        report.sources = len(sources)
        asked = Asked.of(question)
        checker = Checker(docs, asked)
        evidence = {doc_id: document_evidence(doc) for doc_id, doc in docs.items()}  # once
        windows = [source.windows(docs) for source in sources]  # once, not per sentence
        usage = Usage()
        deltas = self._chat.stream(
            self.messages(question, sources), max_tokens=self.max_tokens, usage=usage
        )
        kind = expectation(question)
        article = [s.quote for s in scored]  # the sentences at hand, for a name given in full
        lead_pending = asks_for_person(question)  # only a person's name is led with
        held: list[str] = []  # verified sentences not shown until one gives what is asked for
        answered = False
        try:
            for sentence in cited_sentences(deltas):
                if any(text == sentence.text for text, _ in checker.result.claims):
                    # A small model stuck in a loop says it again; stop reading it.
                    log.warning("generation stopped: sentence repeated %r", sentence.text[:120])
                    break
                claim = self._attribute(sentence, windows, report, asked, evidence)
                if claim is None:
                    continue
                if lead_pending:
                    # As in an extractive answer: "James became..." is led by "LeBron James.",
                    # cut from the article's sentence that gives the name whole.
                    lead_pending = False
                    name = _name_lead(claim, article, question)
                    if name is not None and name.text.casefold() == claim.text.casefold():
                        claim = name  # the model wrote the bare name: cite where it is whole
                    elif name is not None and (ns := checker.check(name)) is not None:
                        held.append(render_claim(name.text, ns))
                ns = checker.check(claim)
                if ns is None:
                    report.removed_sentences += 1
                    continue
                lead = " " if len(checker.result.claims) > 1 else ""
                held.append(lead + render_claim(claim.text, ns))
                # The reader has read the question: a claim may name the asked thing in other
                # words ("58 specific action points" for "specific measures"); only the kind of
                # answer is checked (a number for "how many", a name for "which country").
                answered = answered or can_answer(
                    kind, question, claim.text, context=query, counts_focus=True
                )
                if answered:
                    yield from held
                    held.clear()
        finally:
            deltas.close()  # a reader that stops early also ends the HTTP stream
        report.prompt_tokens = usage.prompt_tokens
        report.completion_tokens = usage.completion_tokens
        report.removed_citations += checker.result.removed_citations
        verified = checker.result
        if verified.claims and not answered:
            # True sentences, none of them what was asked ("The name of the Party Secretary is
            # the Party Secretary."): not an answer.
            log.warning("generated answer dropped: no sentence gives the %s asked", kind.value)
            report.unanswered = True
            verified = Verified()
        if not verified.claims:
            draft = self._scorer.answer(question, query, nodes)
            draft.claims = [c for c in draft.claims if not addresses_the_model(c.text)]
            verified = verify(draft, self._store, asked)
            report.fallback = bool(verified.claims)
            if verified.claims:
                yield verified.text
        log.info("generated answer checked: %s", report.model_dump_json())
        yield Outcome(verified, closest, report)

    def messages(self, question: str, sources: Sequence[Source]) -> list[Message]:
        user = self._prompts.render("answer", sources=render(sources), question=question)
        return [Message("system", self._prompts.render("system")), Message("user", user)]

    def _attribute(
        self,
        sentence: CitedSentence,
        every: Sequence[list[list[Quote]]],
        report: GenerationReport,
        asked: Asked,
        evidence: Mapping[str, str],
    ) -> Claim | None:
        """The sentence with the quotes that support it, or None when no source does.

        `every`: each numbered source's quotable windows (`Source.windows`), in source order.
        """
        quotes: list[Quote] = []
        best = _Support(sentence.text, asked, evidence)
        # The quote that supports the claim best among all sources: a model often cites the
        # neighbour of the sentence it copied from, and a weaker quote that merely passes
        # would hide the stronger one ("Party-affiliated organizations" is in only one).
        strongest = best.among([[q for tiers in every for q in tiers[k]] for k in range(WIDEST)])
        for n in sentence.markers:
            if not 1 <= n <= len(every):
                report.removed_citations += 1
                log.warning("citation dropped: [%d] names no source", n)
                continue
            found = best.among(every[n - 1])
            if found is None:
                report.removed_citations += 1
                log.warning("citation dropped: source [%d] does not support %r", n, sentence.text)
                continue
            if strongest is not None and strongest[0] > found[0]:
                report.recited_sentences += 1
                found = strongest
            if found[1] not in quotes:
                quotes.append(found[1])
        if not quotes:
            if strongest is None and _REFUSAL.search(sentence.text):
                report.refused = True  # "I cannot find the answer in the sources."
                return None
            if strongest is None:
                report.removed_sentences += 1
                log.warning("sentence removed: no source supports %r", sentence.text[:120])
                return None
            report.recited_sentences += 1
            quotes.append(strongest[1])
        return Claim(text=sentence.text, quotes=tuple(quotes))


class _Support:
    """The quote that best supports one claim: a single sentence if one does, else the fewest
    consecutive sentences that do (a long run would support a padded claim by its many words)."""

    def __init__(self, claim: str, asked: Asked, evidence: Mapping[str, str]) -> None:
        self._claim, self._asked, self._evidence = claim, asked, evidence
        self._terms = content_terms(claim)
        self._new = {w for w in tokens(claim) if w not in asked.words and w not in STOP_WORDS}

    def among(
        self, tiers: Sequence[Sequence[Quote]]
    ) -> tuple[tuple[float, tuple[float, float]], Quote] | None:
        """The best-supporting quote of the first tier with any, and how well it supports; a
        longer run only if it supports the claim better (it holds what the shorter quote lacks:
        "...only under conditions of anonymity." after "...via chatter with executives.").

        Support judges only what the claim states beyond the question, so quotes often tie at
        1.0; of those, the one saying what the claim adds in its own words, then the one holding
        more of the claim's words, is what it was copied from.
        """
        best: tuple[tuple[float, tuple[float, float]], Quote] | None = None
        for candidates in tiers:
            rated = [
                (support(self._claim, q.text, self._asked, self._evidence.get(q.doc_id, "")), q)
                for q in candidates
            ]
            supporting = [
                ((value, self._overlap(q.text)), q) for value, q in rated if value >= THRESHOLD
            ]
            if supporting:
                top = max(supporting, key=lambda vq: (vq[0], -(vq[1].end - vq[1].start)))
                if best is None or top[0][0] > best[0][0]:
                    best = top
                if best[0][0] >= 1.0:
                    break
        return best

    def _overlap(self, quote: str) -> tuple[float, float]:
        """How much of what the claim adds the quote says in the same words ("penny", not
        "pennies"), then how many of the claim's terms it holds."""
        words = set(tokens(quote))
        own = sum(w in words for w in self._new) / max(1, len(self._new))
        return own, len(self._terms & content_terms(quote)) / max(1, len(self._terms))


def _name_lead(claim: Claim, article: Sequence[Quote], question: str) -> Claim | None:
    """The full name of the person a claim's quote names in part, as its own cited claim."""
    for quote in claim.quotes:
        named = full_name(quote, article, question)
        if named is not None:
            return Claim(text=f"{named.text}.", quotes=(named.quote,))
    return None
