"""Generated answers whose every sentence is checked against the sources it cites, as it streams.

The model sees a handful of numbered sources chosen by the extractive scorer and must cite each
sentence as [n]. As each sentence completes, markers that name no source are dropped, and each
cited source must support the sentence (its numbers and most of its words; see `verify.support`).
A sentence citing no supporting source is re-cited to the source that supports it, if one does,
and removed otherwise; its quote is the best-supporting sentence of the source, located in the
stored document, and the final `Checker` re-verifies it there. Only checked sentences are ever
yielded. If nothing survives, the verified extractive answer is used instead.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from llama_index.core.schema import NodeWithScore

from assistant.answer.citations import CitedSentence, cited_sentences
from assistant.answer.draft import Claim, Quote
from assistant.answer.extractive import ExtractiveAnswerer
from assistant.answer.injection import addresses_the_model
from assistant.answer.sources import Source, SourceMode, render, select
from assistant.answer.verify import Checker, Verified, render_claim, support, supports, verify
from assistant.llm.client import ChatClient, Message, Usage
from assistant.prompts import Prompts
from assistant.schema import GenerationReport
from index.store import ChromaStore

log = logging.getLogger(__name__)

_REFUSAL = re.compile(
    r"\b(?:cannot|can't|can not|could not|couldn't|unable to)\s+(?:find|answer|determine)\b"
    r"|\b(?:sources?|context|texts?|articles?|passages?)\s+(?:do|does|did)\s+not\s+"
    r"(?:contain|mention|say|provide|state|include|answer)\b"
    r"|\bno\s+(?:information|mention)\b",
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

        Questions whose best evidence is below the calibrated confidence never reach the model:
        the answer abstains, as in extractive mode.
        """
        scored = self._scorer.score(question, query, nodes)
        closest = [s.quote for s in scored[:2]]
        report = GenerationReport()
        if not scored or scored[0].quote.score < self._scorer.min_confidence:
            yield Outcome(Verified(), closest, report)
            return
        sources = select(
            self.source_mode, scored, nodes, limit=self.max_sources, ratio=self.source_ratio
        )
        report.sources = len(sources)
        checker = Checker(
            self._store.get_documents({q.doc_id for s in sources for q in s.sentences})
        )
        usage = Usage()
        deltas = self._chat.stream(
            self.messages(question, sources), max_tokens=self.max_tokens, usage=usage
        )
        try:
            for sentence in cited_sentences(deltas):
                claim = self._attribute(sentence, sources, report)
                if claim is None:
                    continue
                ns = checker.check(claim)
                if ns is None:
                    report.removed_sentences += 1
                    continue
                lead = " " if len(checker.result.claims) > 1 else ""
                yield lead + render_claim(claim.text, ns)
        finally:
            deltas.close()  # a reader that stops early also ends the HTTP stream
        report.prompt_tokens = usage.prompt_tokens
        report.completion_tokens = usage.completion_tokens
        report.removed_citations += checker.result.removed_citations
        verified = checker.result
        if not verified.claims:
            draft = self._scorer.answer(question, query, nodes)
            draft.claims = [c for c in draft.claims if not addresses_the_model(c.text)]
            verified = verify(draft, self._store)
            report.fallback = bool(verified.claims)
            if verified.claims:
                yield verified.text
        log.info("generated answer checked: %s", report.model_dump_json())
        yield Outcome(verified, closest, report)

    def messages(self, question: str, sources: Sequence[Source]) -> list[Message]:
        user = self._prompts.render("answer", sources=render(sources), question=question)
        return [Message("system", self._prompts.render("system")), Message("user", user)]

    def _attribute(
        self, sentence: CitedSentence, sources: Sequence[Source], report: GenerationReport
    ) -> Claim | None:
        """The sentence with the quotes that support it, or None when no source does."""
        quotes: list[Quote] = []
        for n in sentence.markers:
            if not 1 <= n <= len(sources):
                report.removed_citations += 1
                log.warning("citation dropped: [%d] names no source", n)
                continue
            quote = _best_support(sentence.text, sources[n - 1].sentences)
            if quote is None:
                report.removed_citations += 1
                log.warning("citation dropped: source [%d] does not support %r", n, sentence.text)
            elif quote not in quotes:
                quotes.append(quote)
        if not quotes:
            quote = _best_support(sentence.text, [q for s in sources for q in s.sentences])
            if quote is None and _REFUSAL.search(sentence.text):
                report.refused = True  # "I cannot find the answer in the sources."
                return None
            if quote is None:
                report.removed_sentences += 1
                log.warning("sentence removed: no source supports %r", sentence.text[:120])
                return None
            report.recited_sentences += 1
            quotes.append(quote)
        return Claim(text=sentence.text, quotes=tuple(quotes))


def _best_support(claim: str, candidates: Sequence[Quote]) -> Quote | None:
    supporting = [q for q in candidates if supports(claim, q.text)]
    return max(supporting, key=lambda q: support(claim, q.text), default=None)
