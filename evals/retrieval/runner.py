"""Run every retrieval mode over a dataset's judged queries and score them at document level.

Chunks map to their document (BEIR judges documents): a document ranks where its first, best
chunk ranks. Modes take turns query by query, rotating who goes first, so a busy machine slows
them alike and latencies stay comparable within one run.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass

from llama_index.core.schema import NodeWithScore

from assistant.ask.retrieval.base import Retriever
from evals.beir_dataset import BeirDataset
from evals.retrieval.metrics import mrr_at_k, ndcg_at_k, percentile, recall_at_k

_WARMUP_QUERIES = 3  # loads models and indexes before the clock starts


@dataclass(frozen=True)
class ModeResult:
    mode: str
    queries: int
    ndcg_at_10: float
    mrr_at_10: float
    recall_at_10: float
    recall_at_100: float
    queries_per_second: float
    p50_ms: float
    p95_ms: float
    mean_docs_retrieved: float

    def as_dict(self) -> dict[str, float | int | str]:
        return asdict(self)


def run_modes(
    retrievers: Mapping[str, Retriever],
    dataset: BeirDataset,
    *,
    top_k: int,
    limit: int | None = None,
) -> list[ModeResult]:
    """Every mode on the same judged queries; `top_k` chunks per query."""
    queries = list(dataset.judged_queries().items())[:limit]
    modes = list(retrievers)
    for _, text in queries[:_WARMUP_QUERIES]:
        for mode in modes:
            retrievers[mode].search(text, top_k)
    ranked: dict[str, dict[str, list[str]]] = {mode: {} for mode in modes}
    seconds: dict[str, list[float]] = {mode: [] for mode in modes}
    for turn, (qid, text) in enumerate(queries):
        for mode in modes[turn % len(modes) :] + modes[: turn % len(modes)]:
            began = time.perf_counter()
            nodes = retrievers[mode].search(text, top_k)
            seconds[mode].append(time.perf_counter() - began)
            ranked[mode][qid] = documents(nodes)
    return [_score(mode, ranked[mode], seconds[mode], dataset.qrels) for mode in modes]


def documents(nodes: Sequence[NodeWithScore]) -> list[str]:
    """Distinct document ids in the order their first chunk appears."""
    seen: dict[str, None] = {}
    for node in nodes:
        seen.setdefault(str(node.node.metadata.get("doc_id", "")), None)
    return list(seen)


def _score(
    mode: str,
    ranked: Mapping[str, list[str]],
    seconds: list[float],
    qrels: Mapping[str, Mapping[str, int]],
) -> ModeResult:
    def mean(metric: Callable[[list[str], Mapping[str, int]], float]) -> float:
        values = [metric(docs, qrels[qid]) for qid, docs in ranked.items()]
        return round(statistics.fmean(values), 4) if values else 0.0

    latencies_ms = [s * 1000 for s in seconds]
    total = sum(seconds)
    return ModeResult(
        mode=mode,
        queries=len(ranked),
        ndcg_at_10=mean(lambda d, g: ndcg_at_k(d, g, 10)),
        mrr_at_10=mean(lambda d, g: mrr_at_k(d, g, 10)),
        recall_at_10=mean(lambda d, g: recall_at_k(d, g, 10)),
        recall_at_100=mean(lambda d, g: recall_at_k(d, g, 100)),
        queries_per_second=round(len(seconds) / total, 1) if total > 0 else 0.0,
        p50_ms=round(percentile(latencies_ms, 50), 1),
        p95_ms=round(percentile(latencies_ms, 95), 1),
        mean_docs_retrieved=round(statistics.fmean(len(d) for d in ranked.values()), 1)
        if ranked
        else 0.0,
    )
