"""Run cases through the ask path users hit (`container.engine.ask`) and score each answer."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import UTC, datetime

from pydantic import BaseModel, Field

from assistant.container import Container
from assistant.errors import AssistantError
from assistant.schema import Answer
from evals.dataset import Dataset, EvalCase
from evals.judge.metrics import JudgeReport
from evals.scoring import Score, score_case
from evals.source_hits import answer_retrieved, retrieved_chunks
from evals.summary import Outcome, Summary, answer_words, summarize
from index.pipeline import Progress

# Settings that explain a run's numbers (secrets and serving options stay out of reports).
_REPORTED_SETTINGS = {
    "answer_mode",
    "llm_model",
    "retrieval_mode",
    "top_k",
    "min_confidence",
    "max_answer_sentences",
    "chunk_tokens",
    "chunk_overlap_tokens",
    "history_turns",
    "collection",
    "data_dir",
}


class CaseResult(BaseModel):
    dataset: str
    case: EvalCase
    answer: Answer | None
    score: Score
    latency_ms: float | None
    error: str | None = None
    answer_retrieved: bool | None = Field(
        default=None,
        description="Whether the retrieved chunks of the case's sources hold every expected fact "
        "(None: no sources, no facts, or an error).",
    )

    @property
    def key(self) -> str:
        """`dataset/id`: unique across the datasets of one run."""
        return f"{self.dataset}/{self.case.id}"


class DatasetInfo(BaseModel):
    """Which store a dataset's questions were asked against."""

    name: str
    path: str
    cases: int
    store: str
    documents: int


class EvalRun(BaseModel):
    """Everything a run produced; this is the `--json` report."""

    started: str
    settings: dict[str, str]
    embedder: str
    datasets: list[DatasetInfo]
    summary: Summary
    results: list[CaseResult]
    judge: JudgeReport | None = None  # `--judge` only; advisory, never read by the gate
    without_as_of: Summary | None = Field(
        default=None,
        description="`--without-as-of` only: the same cases asked without their as-of days.",
    )


def run_dataset(
    container: Container, dataset: Dataset, progress: Progress | None = None
) -> tuple[DatasetInfo, list[CaseResult]]:
    """Ask every case of `dataset` against `container`'s store, in file order."""
    if progress is not None:
        progress.start(len(dataset.cases))
    results = []
    for case in dataset.cases:
        results.append(run_case(container, dataset.name, case))
        if progress is not None:
            progress.advance(f"{dataset.name}/{case.id}")
    settings = container.settings
    info = DatasetInfo(
        name=dataset.name,
        path=str(dataset.path),
        cases=len(dataset.cases),
        store=f"{settings.chroma_path} ({settings.collection})",
        documents=container.store.document_count(),
    )
    return info, results


def collect(
    container: Container, parts: Sequence[tuple[DatasetInfo, list[CaseResult]]], started: str
) -> EvalRun:
    """One report over every dataset; `container` is the user's (its settings are reported)."""
    results = [r for _, rs in parts for r in rs]
    settings = container.settings.model_dump(include=_REPORTED_SETTINGS)
    if settings.get("answer_mode") != "llm":
        settings.pop("llm_model", None)
    return EvalRun(
        started=started,
        settings={key: str(value) for key, value in sorted(settings.items())},
        embedder=container.embedder.model_name,
        datasets=[info for info, _ in parts],
        summary=summarize_results(results, top_k=container.engine.top_k),
        results=results,
    )


def undated(dataset: Dataset) -> Dataset:
    """The dataset with every case's as-of day removed (asked as a user would today)."""
    cases = [case.model_copy(update={"as_of": None}) for case in dataset.cases]
    return Dataset(name=dataset.name, path=dataset.path, cases=cases)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def run_case(container: Container, dataset: str, case: EvalCase) -> CaseResult:
    """Ask one case's question (with its history) and score the answer; errors fail the case."""
    history = [turn.to_turn() for turn in case.history]
    began = time.perf_counter()
    try:
        answer = container.engine.ask(case.question, history, scope=case.scope, record=False)
    except AssistantError as exc:
        failed = Score(passed=False, reason=f"error: {exc}", abstained=False)
        return CaseResult(
            dataset=dataset, case=case, answer=None, score=failed, latency_ms=None, error=str(exc)
        )
    latency_ms = round((time.perf_counter() - began) * 1000, 2)
    cited = container.store.get_documents({c.doc_id for c in answer.citations})
    documents = {doc_id: doc.text for doc_id, doc in cited.items()}
    chunks = retrieved_chunks(container, case.question, history, case.scope) if case.sources else []
    retrieved = [(c.doc_id, c.title) for c in chunks] if case.sources else None
    return CaseResult(
        dataset=dataset,
        case=case,
        answer=answer,
        score=score_case(case, answer, documents, retrieved),
        latency_ms=latency_ms,
        answer_retrieved=answer_retrieved(case, chunks),
    )


def summarize_results(results: Sequence[CaseResult], *, top_k: int | None = None) -> Summary:
    outcomes = [
        Outcome(
            tags=r.case.tags,
            abstain_expected=r.case.abstain,
            score=r.score,
            latency_ms=r.latency_ms,
            answer_retrieved=r.answer_retrieved,
            answer_words=None
            if r.answer is None or r.answer.abstained
            else answer_words(r.answer.answer),
        )
        for r in results
    ]
    return summarize(outcomes, errors=sum(r.error is not None for r in results), top_k=top_k)
