"""Which passages the reader sees: the numbered sources a generated answer may cite.

By default ("sentences") a source is one of the scorer's best sentences, or a run of them that
follow one another in their document: the smallest prompts, and on news and the seed set the most
right answers from a 1.5B reader. "passages" opens a window of consecutive sentences of the
stored document around each best sentence (`PASSAGE_BEFORE` before it, `PASSAGE_AFTER` after),
windows of one document merged where they touch, for a reader that can use the neighbourhood;
"chunks" hands over the retrieved chunks whole (the naive prompt). Every source keeps its sentences'
document offsets, so a citation can quote exactly the sentence, or run of sentences, it rests on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from llama_index.core.schema import NodeWithScore

from assistant.ask.answer.draft import Quote
from assistant.ask.answer.extractive import Scored
from assistant.ask.answer.injection import addresses_the_model, evidence
from index.sentences import Span
from index.store import StoredDocument

SourceMode = Literal["passages", "sentences", "chunks"]
PASSAGE_BEFORE = 1
PASSAGE_AFTER = 2
WINDOW_SENTENCES = 3  # a claim may rest on up to this many consecutive sentences of a source


@dataclass(frozen=True)
class Source:
    n: int
    title: str
    sentences: tuple[Quote, ...]  # located in the stored document

    @property
    def text(self) -> str:
        return " ".join(q.text for q in self.sentences)

    def windows(self, docs: Mapping[str, StoredDocument]) -> list[list[Quote]]:
        """Its sentences, then its runs of 2, then of 3 (`WINDOW_SENTENCES`) consecutive ones.

        One list per run length, shortest first: a claim is cited to the fewest sentences that
        support it. A run is quoted from the stored document (its text between the first
        sentence's start and the last one's end), so the quote still equals the document there.
        """
        tiers = [list(self.sentences)]
        for size in range(2, WINDOW_SENTENCES + 1):
            quotes: list[Quote] = []
            for i in range(len(self.sentences) - size + 1):
                run = self.sentences[i : i + size]
                doc = docs.get(run[0].doc_id)
                if doc is None or any(q.doc_id != run[0].doc_id for q in run):
                    continue
                start, end = run[0].start, run[-1].end
                quotes.append(
                    Quote(
                        doc_id=run[0].doc_id,
                        title=run[0].title,
                        source=run[0].source,
                        text=doc.text[start:end],
                        start=start,
                        end=end,
                        score=max(q.score for q in run),
                    )
                )
            tiers.append(quotes)
        return tiers


def best_sentences(
    scored: Sequence[Scored], docs: Mapping[str, StoredDocument], *, limit: int, ratio: float
) -> list[Source]:
    """The top-scored sentences, best first (model-addressed ones left out); sentences that
    follow one another in their document are one source, in document order, so a claim may
    rest on both ("...via chatter with executives." + "Individuals we speak with do so only
    under conditions of anonymity.")."""
    usable = [s.quote for s in scored if not addresses_the_model(s.quote.text)]
    if not usable:
        return []
    floor = usable[0].score * ratio
    runs: list[list[Quote]] = []
    for quote in (q for q in usable[:limit] if q.score >= floor):
        text = docs[quote.doc_id].text if quote.doc_id in docs else None
        for run in runs:
            if text is not None and run[0].doc_id == quote.doc_id:
                if run[-1].end <= quote.start and not text[run[-1].end : quote.start].strip():
                    run.append(quote)
                    break
                if quote.end <= run[0].start and not text[quote.end : run[0].start].strip():
                    run.insert(0, quote)
                    break
        else:
            runs.append([quote])
    return [Source(n=i, title=run[0].title, sentences=tuple(run)) for i, run in enumerate(runs, 1)]


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


def passages(
    scored: Sequence[Scored], docs: Mapping[str, StoredDocument], *, limit: int
) -> list[Source]:
    """Sentence windows around the best-scored sentences, best first, at most `limit`."""
    spans = {doc_id: evidence(doc.text) for doc_id, doc in docs.items()}
    windows: list[tuple[str, int, int]] = []  # (doc_id, first sentence, last sentence)
    for candidate in scored:
        quote = candidate.quote
        if len(windows) >= limit:
            break
        if addresses_the_model(quote.text):
            continue
        at = _sentence_at(spans.get(quote.doc_id, []), quote.start)
        if at is None:
            continue
        first, last = at - PASSAGE_BEFORE, at + PASSAGE_AFTER
        touching = [
            k
            for k, (d, a, b) in enumerate(windows)
            if d == quote.doc_id and a <= last + 1 and first <= b + 1
        ]
        if touching:
            k = touching[0]
            doc_id, a, b = windows[k]
            windows[k] = (doc_id, min(a, first), max(b, last))
            continue
        windows.append((quote.doc_id, first, last))
    sources: list[Source] = []
    for doc_id, first, last in windows:
        doc = docs[doc_id]
        chosen = [s for s in spans[doc_id][max(0, first) : last + 1] if s is not None]
        quotes = tuple(
            Quote(
                doc_id=doc_id,
                title=doc.title,
                source=doc.source,
                text=s.text,
                start=s.start,
                end=s.end,
                score=0.0,
            )
            for s in chosen
        )
        if quotes:
            sources.append(Source(n=len(sources) + 1, title=doc.title, sentences=quotes))
    return sources


def _sentence_at(spans: Sequence[Span | None], start: int) -> int | None:
    for i, span in enumerate(spans):
        if span is not None and span.start <= start < span.end:
            return i
    return None


def select(
    mode: SourceMode,
    scored: Sequence[Scored],
    nodes: Sequence[NodeWithScore],
    docs: Mapping[str, StoredDocument],
    *,
    limit: int,
    ratio: float,
) -> list[Source]:
    if mode == "chunks":
        return whole_chunks(nodes, limit=limit)
    if mode == "passages":
        return passages(scored, docs, limit=limit)
    return best_sentences(scored, docs, limit=limit, ratio=ratio)


def render(sources: Sequence[Source]) -> str:
    return "\n".join(f"[{s.n}] {s.text}" for s in sources)
