"""The numbered sources a generated answer may cite, chosen before the model sees anything.

By default a source is one sentence: the extractive scorer's best sentences of the retrieved
chunks, kept while they score at least `ratio` of the best one. A 1.5B model on two cores then
reads a few hundred tokens instead of the ~1,500 of five whole chunks (the "chunks" mode, kept for
comparison; see evals/bench/llm_latency.py). Every source keeps its sentences' document offsets,
so a citation can quote the exact supporting sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from llama_index.core.schema import NodeWithScore

from assistant.answer.draft import Quote
from assistant.answer.extractive import Scored
from assistant.answer.injection import addresses_the_model, evidence

SourceMode = Literal["sentences", "chunks"]


@dataclass(frozen=True)
class Source:
    n: int
    title: str
    sentences: tuple[Quote, ...]  # located in the stored document

    @property
    def text(self) -> str:
        return " ".join(q.text for q in self.sentences)


def best_sentences(scored: Sequence[Scored], *, limit: int, ratio: float) -> list[Source]:
    """The top-scored sentences, best first, one source each (model-addressed ones left out)."""
    usable = [s.quote for s in scored if not addresses_the_model(s.quote.text)]
    if not usable:
        return []
    floor = usable[0].score * ratio
    chosen = [q for q in usable[:limit] if q.score >= floor]
    return [Source(n=i, title=q.title, sentences=(q,)) for i, q in enumerate(chosen, 1)]


def whole_chunks(nodes: Sequence[NodeWithScore], *, limit: int) -> list[Source]:
    """The retrieved chunks themselves, in retrieval order (the naive prompt)."""
    sources: list[Source] = []
    for node in nodes[:limit]:
        meta = node.node.metadata
        sentences = evidence(node.node.get_content(), offset=int(meta.get("start", 0)))
        quotes = tuple(
            Quote(
                doc_id=str(meta.get("doc_id", "")),
                title=str(meta.get("title", "")),
                source=str(meta.get("source", "")),
                text=span.text,
                start=span.start,
                end=span.end,
                score=round(float(node.score or 0.0), 4),
            )
            for span in sentences
            if span is not None
        )
        if quotes:
            sources.append(Source(n=len(sources) + 1, title=quotes[0].title, sentences=quotes))
    return sources


def select(
    mode: SourceMode,
    scored: Sequence[Scored],
    nodes: Sequence[NodeWithScore],
    *,
    limit: int,
    ratio: float,
) -> list[Source]:
    if mode == "chunks":
        return whole_chunks(nodes, limit=limit)
    return best_sentences(scored, limit=limit, ratio=ratio)


def render(sources: Sequence[Source]) -> str:
    return "\n".join(f"[{s.n}] {s.text}" for s in sources)
