"""An overview in LLM mode: the model summarises the central sentences the extractive summary
chose, and every sentence it writes is verified like any generated answer. If none survives,
the extractive summary itself is the answer (verified the same way)."""

from __future__ import annotations

from collections.abc import Iterator

from llama_index.core.schema import NodeWithScore

from assistant.ask.answer.draft import Draft
from assistant.ask.answer.llm import LLMAnswerer, Outcome
from assistant.ask.answer.summary import Summarizer
from assistant.ask.answer.support import Asked
from assistant.ask.answer.verify import verify
from assistant.ask.overview import Overview
from assistant.ask.retrieval.vector import to_node
from assistant.schema import GenerationReport
from index.store import ChromaStore, ChunkHit


def summarize_with_model(
    llm: LLMAnswerer,
    summarizer: Summarizer,
    store: ChromaStore,
    asked: Overview,
    question: str,
    nodes: list[NodeWithScore],
) -> Iterator[str | Outcome]:
    """Verified summary text in sentence-sized pieces, then one Outcome (as `llm.stream`)."""
    chosen = summarizer.summarize(asked, nodes)
    if not chosen.claims:
        yield Outcome(verify(Draft(), store), [], GenerationReport())
        return
    outcome: Outcome | None = None
    pieces: list[str] = []  # held: the model's own fallback must not be shown first
    for piece in llm.stream(question, question, passages(chosen)):
        if isinstance(piece, Outcome):
            outcome = piece
        else:
            pieces.append(piece)
    assert outcome is not None  # LLMAnswerer.stream always ends with one
    if outcome.verified.claims and not outcome.report.fallback:
        yield from pieces
        yield outcome
        return
    # The model's summary did not survive verification: the central sentences themselves.
    extractive = verify(chosen, store, Asked.of(question))
    outcome.report.fallback = bool(extractive.claims)
    if extractive.claims:
        yield extractive.text
    yield Outcome(extractive, [], outcome.report)


def passages(draft: Draft) -> list[NodeWithScore]:
    """Each chosen sentence as a passage of its own, at its offsets in its document."""
    nodes = []
    for claim in draft.claims:
        quote = claim.quotes[0]
        meta = {
            "doc_id": quote.doc_id, "title": quote.title, "source": quote.source,
            "start": quote.start, "end": quote.end,
        }  # fmt: skip
        hit = ChunkHit(
            chunk_id=f"{quote.doc_id}@{quote.start}", text=quote.text, score=quote.score,
            metadata=meta,
        )  # fmt: skip
        nodes.append(to_node(hit))
    return nodes
