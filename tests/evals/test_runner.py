"""Cases asked through the real engine on the seed corpus: verdicts, latency, hit@k, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.container import Container
from evals.dataset import Dataset, EvalCase
from evals.runner import CaseResult, DatasetInfo, collect, now, run_dataset
from tests.conftest import SEED_DOC_ID

CASES = [
    {"id": "t01", "question": "How many key tasks does the campaign have?",
     "expect": [["17"]], "source": "baogang", "tags": ["numbers"]},
    {"id": "t02", "question": "How many key tasks does the campaign have?",
     "expect": [["99"]], "source": "baogang", "tags": ["numbers"]},
    {"id": "a01", "question": "What was Baogang's revenue in 2023?", "abstain": True,
     "tags": ["abstain"]},
    {"id": "e01", "question": "x" * 2500, "abstain": True},
]  # fmt: skip

Ran = tuple[DatasetInfo, list[CaseResult]]


@pytest.fixture(scope="module")
def ran(seeded: Container) -> Ran:
    cases = [EvalCase.model_validate(c) for c in CASES]
    return run_dataset(seeded, Dataset(name="mini", path=Path("mini.jsonl"), cases=cases))


def test_each_case_gets_a_verdict_with_its_reason(ran: Ran) -> None:
    info, results = ran
    assert (info.name, info.cases, info.documents) == ("mini", 4, 1)
    verdicts = {r.case.id: (r.score.passed, r.score.reason) for r in results}
    assert verdicts["t01"] == (True, "ok")
    assert verdicts["t02"] == (False, "missing 99")
    assert verdicts["a01"] == (True, "abstained")


def test_answers_citations_latency_and_retrieval_are_recorded(ran: Ran) -> None:
    t01 = ran[1][0]
    assert t01.key == "mini/t01"
    assert t01.answer is not None
    assert t01.answer.citations[0].doc_id == SEED_DOC_ID
    assert t01.latency_ms is not None
    assert t01.latency_ms > 0
    assert t01.score.source_retrieved is True
    assert t01.score.source_cited is True


def test_whether_the_retrieved_chunks_hold_the_answer_is_recorded(ran: Ran) -> None:
    by_id = {r.case.id: r for r in ran[1]}
    assert by_id["t01"].answer_retrieved is True  # "17 key tasks" is in a retrieved chunk
    assert by_id["t02"].answer_retrieved is False  # no "99" anywhere: no reader could pass
    assert by_id["a01"].answer_retrieved is None  # nothing to reach


def test_a_question_the_assistant_refuses_fails_with_the_error(ran: Ran) -> None:
    refused = ran[1][3]
    assert not refused.score.passed
    assert refused.answer is None
    assert refused.latency_ms is None
    assert refused.score.reason.startswith("error: the question is 2,500 characters")


def test_the_run_summarises_every_case(seeded: Container, ran: Ran) -> None:
    run = collect(seeded, [ran], now())
    assert run.summary.cases == 4
    assert str(run.summary.pass_rate) == "50.0% (2/4)"
    assert run.summary.citation_validity.value == 1.0
    assert run.summary.errors == 1
    assert run.summary.abstention_recall.hits == 1
    assert str(run.summary.answer_retrieved) == "50.0% (1/2)"
    assert str(run.summary.pass_when_answer_retrieved) == "100.0% (1/1)"
    assert run.summary.top_k == seeded.engine.top_k
    assert run.settings["retrieval_mode"] == seeded.settings.retrieval_mode
    assert [d.name for d in run.datasets] == ["mini"]
